"""Pillow's decoding in one block (typeset.image_io): the same pixels, far fewer reads."""

import io

import numpy as np
from PIL import Image

from typeset.image_io import load_whole


class CountingReader(io.BytesIO):
    """A file in memory that counts the reads of more than a few bytes (data, not headers)."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.big_reads = 0

    def read(self, size=-1):
        if size is None or size < 0 or size > 4096:
            self.big_reads += 1
        return super().read(size)


def _jpeg(width=900, height=700) -> bytes:
    noise = np.random.default_rng(3).integers(0, 255, (height, width, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise, "RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_one_read_the_same_pixels():
    data = _jpeg()
    assert len(data) > 4 * 65536  # Pillow alone reads this in 64 KB pieces
    plain, whole = CountingReader(data), CountingReader(data)
    with Image.open(plain) as a, Image.open(whole) as b:
        a.load()
        load_whole(b)
        assert a.tobytes() == b.tobytes()
    assert plain.big_reads >= 4
    assert whole.big_reads <= 2


def test_a_file_on_disk(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(_jpeg(400, 300))
    with Image.open(path) as a:
        a.load()
        expected = a.tobytes()
    with Image.open(path) as b:
        assert load_whole(b).tobytes() == expected
        assert b.decodermaxblock > path.stat().st_size
