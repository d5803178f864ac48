"""Pillow's decoding in one call, so that photo threads share Python's lock well with a busy
building thread.

In: an opened Pillow image. Out: the same image loaded (the same pixels Pillow's own
`load()` gives).

Why: Pillow decodes a file in 64 KB reads, letting go of Python's lock for each piece. Beside
a thread running Python (the composer, the PDF painter) each piece then waits up to the
interpreter's switch interval (5 ms) to get the lock back: decoding a 3 MB JPEG took 48 ms
alone and 288 ms beside a busy thread. Read in one block, it takes 53 ms either way. (Coding a
JPEG in 64 KB pieces costs little beside a busy thread: 72 → 79 ms, left as it is.)
"""

from __future__ import annotations

import io
import os

from PIL import Image

WHOLE_READ = 16 * 1024 * 1024
"""The most file data read in one block: a bigger file (a 30 MB press JPEG) is read in a few
blocks of this size, so that two photo threads do not each hold a whole file's bytes too."""


def load_whole(im: Image.Image) -> Image.Image:
    """Pillow's `load()` of `im` with the file's data read in one block (up to WHOLE_READ);
    returns `im`."""
    size = _length(im)
    if size:
        im.decodermaxblock = max(im.decodermaxblock, min(size + 1, WHOLE_READ))
    im.load()
    return im


def _length(im: Image.Image) -> int:
    """Bytes of `im`'s file (0 when unknown)."""
    fp = getattr(im, "fp", None)
    if isinstance(fp, io.BytesIO):
        return len(fp.getbuffer())
    try:
        return os.fstat(fp.fileno()).st_size
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return 0


__all__ = ["load_whole"]
