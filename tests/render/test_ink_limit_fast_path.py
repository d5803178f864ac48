"""`jpeg_within_limit` (numpy) revisits only what can change; its bytes must equal the whole-image
ImageMath loop (tests/render/inklimit_reference.py) for photos with dark areas, edges and noise,
and its per-pixel limit must equal ImageMath's pixel for pixel."""

from __future__ import annotations

import random

import numpy as np
import pytest
from inklimit_reference import reference_jpeg_within_limit, reference_limit
from PIL import Image, ImageDraw, ImageFilter

from typeset.render.pdf.inklimit import (
    _decoded,
    _decoded_alone,
    _limit,
    jpeg_within_limit,
    limit_ink,
)


def _photo(seed: int, width: int, height: int) -> Image.Image:
    """A CMYK test photo: rich-black shapes with hard and soft edges on a mid-tone ground."""
    rng = random.Random(seed)
    bands = []
    for _ in range(4):
        band = Image.new("L", (width, height), rng.randrange(40, 140))
        draw = ImageDraw.Draw(band)
        for _ in range(12):
            x, y = rng.randrange(width), rng.randrange(height)
            w, h = rng.randrange(8, width // 2), rng.randrange(8, height // 2)
            draw.rectangle((x, y, x + w, y + h), fill=rng.randrange(150, 256))
        bands.append(band.filter(ImageFilter.GaussianBlur(rng.choice((0, 1, 3)))))
    noise = Image.effect_noise((width, height), 40).point(lambda v: v // 8)
    bands[3] = Image.eval(bands[3], lambda v: v).point(lambda v: min(255, v))
    merged = Image.merge("CMYK", bands)
    return Image.merge("CMYK", [Image.blend(b, noise, 0.05) for b in merged.split()])


@pytest.mark.parametrize("seed, size, ink", [
    (1, (203, 141), 240), (2, (256, 96), 220), (3, (131, 259), 260), (4, (64, 64), 240),
])
def test_same_bytes_as_the_whole_image_loop(seed, size, ink):
    im = _photo(seed, *size)
    before = im.tobytes()
    assert jpeg_within_limit(im, ink, 85) == reference_jpeg_within_limit(im, ink, 85)
    assert im.tobytes() == before  # the caller's image is never written to


def test_no_limit_and_light_images_are_just_encoded():
    light = Image.new("CMYK", (40, 40), (20, 20, 20, 20))
    assert jpeg_within_limit(light, 240, 85) == reference_jpeg_within_limit(light, 240, 85)
    assert jpeg_within_limit(light, 0, 85) == reference_jpeg_within_limit(light, 0, 85)


@pytest.mark.parametrize("seed", range(6))
def test_numpy_limit_equals_imagemath_pixel_for_pixel(seed):
    rng = np.random.default_rng(seed)
    height, width = (int(v) for v in rng.integers(1, 70, 2))
    pixels = rng.integers(0, 256, (height, width, 4), dtype=np.uint8)
    if seed % 2:
        pixels[..., 3] = rng.integers(200, 256, (height, width))  # K nearly full: scaling
    im = Image.fromarray(pixels, "CMYK")
    limit = float(rng.uniform(255, 700))
    assert np.array_equal(_limit(pixels, limit), np.asarray(reference_limit(im, limit)))
    per_pixel = rng.uniform(255, 700, (height, width)).astype(np.float32)
    assert np.array_equal(_limit(pixels, per_pixel),
                          np.asarray(reference_limit(im, Image.fromarray(per_pixel, "F"))))
    limited = limit_ink(im, limit * 100 / 255)
    assert np.array_equal(np.asarray(limited), np.asarray(reference_limit(im, limit)))


def test_tiles_checked_together_decode_as_in_the_whole_image():
    # Odd width and height: the right and bottom tiles are partial, as libjpeg pads them.
    im = _photo(7, 203, 141)
    pixels = np.asarray(im)
    encode = inklimit_encoder(85)
    whole = _decoded(encode(pixels))
    tiles = [(0, 0, 32, 32), (192, 0, 203, 32), (64, 128, 96, 141), (192, 128, 203, 141)] + \
        [(x, 32, x + 32, 64) for x in range(0, 192, 32)] * 7  # more than one mosaic row
    for (x0, y0, x1, y1), part in zip(tiles, _decoded_alone(pixels, tiles, encode)):
        assert np.array_equal(part, whole[y0:y1, x0:x1])


def inklimit_encoder(quality):
    import io

    def encode(pixels):
        buffer = io.BytesIO()
        Image.fromarray(pixels, "CMYK").save(buffer, "JPEG", quality=quality, optimize=False)
        return buffer.getvalue()
    return encode
