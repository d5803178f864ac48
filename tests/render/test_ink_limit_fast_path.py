"""`jpeg_within_limit` revisits only what can change; its bytes must equal the whole-image loop
(tests/render/inklimit_reference.py) for photos with dark areas, edges and noise."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw, ImageFilter

from inklimit_reference import reference_jpeg_within_limit
from typeset.render.pdf.inklimit import jpeg_within_limit


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
