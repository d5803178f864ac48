"""The ink-limit JPEG loop as first written (commit 07f2630), with its pixel arithmetic in
Pillow's ImageMath "F" mode as it was before numpy (commit 6607efa): whole-image passes, one
`_limit` call per tile, and one fix (it never pastes into the caller's image). Kept as the
oracle that `inklimit.jpeg_within_limit` (numpy, and only revisiting the tiles that can have
changed) must match byte for byte. Self-contained on purpose: nothing here comes from the
module under test except its constants."""

from __future__ import annotations

import io

from PIL import Image, ImageMath

from typeset.render.pdf.inklimit import CORRECTION_PASSES, JPEG_HEADROOM, TILE


def reference_total(im: Image.Image) -> Image.Image:
    c, m, y, k = (band.convert("F") for band in im.split())
    return ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)


def reference_limit(im: Image.Image, limit: float | Image.Image) -> Image.Image:
    """`limit_ink` with the limit in 8-bit units, a number or an "F" image (ImageMath)."""
    total = reference_total(im)
    if not isinstance(limit, Image.Image) and total.getextrema()[1] <= limit:
        return im
    c, m, y, k = (band.convert("F") for band in im.split())
    ucr = ImageMath.lambda_eval(
        lambda a: a["min"](a["min"](a["min"](a["c"], a["min"](a["m"], a["y"])), 255.0 - a["k"]),
                           a["max"](a["t"] - a["L"], 0.0) / 2.0),
        c=c, m=m, y=y, k=k, t=total, L=limit)
    c, m, y = (ImageMath.lambda_eval(lambda a: a["x"] - a["u"], x=x, u=ucr) for x in (c, m, y))
    k = ImageMath.lambda_eval(lambda a: a["k"] + a["u"], k=k, u=ucr)
    scale = ImageMath.lambda_eval(
        lambda a: a["min"](a["max"](a["L"] - a["k"], 0.0)
                           / a["max"](a["c"] + a["m"] + a["y"], 0.001), 1.0),
        c=c, m=m, y=y, k=k, L=limit)
    c, m, y = (ImageMath.lambda_eval(lambda a: a["x"] * a["s"], x=x, s=scale) for x in (c, m, y))
    bands = [ImageMath.lambda_eval(lambda a: a["int"](a["x"]), x=x).convert("L")
             for x in (c, m, y, k)]
    return Image.merge("CMYK", bands)


def _tiles_with_excess(excess: Image.Image) -> list[tuple[int, int, int, int]]:
    width, height = excess.size
    boxes = []
    for top in range(0, height, TILE):
        for left in range(0, width, TILE):
            box = (left, top, min(width, left + TILE), min(height, top + TILE))
            if excess.crop(box).getextrema()[1]:
                boxes.append(box)
    return boxes


def reference_jpeg_within_limit(im: Image.Image, max_ink: float, quality: int,
                                passes: int = CORRECTION_PASSES) -> bytes:
    def encode(image: Image.Image) -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=int(quality), optimize=False)
        return buffer.getvalue()

    if max_ink <= 0 or max_ink >= 400:
        return encode(im)
    limit = max_ink * 255.0 / 100.0
    target = max(limit - JPEG_HEADROOM * 2.55, 255.0)
    limited = reference_limit(im, target)
    if limited is im:  # the original pasted into `im` itself here; the oracle does not
        limited = im.copy()
    data = encode(limited)
    targets: dict[tuple[int, int, int, int], float] = {}
    for _ in range(passes):
        with Image.open(io.BytesIO(data)) as back:
            excess = ImageMath.lambda_eval(lambda a: a["max"](a["t"] - limit, 0.0),
                                           t=reference_total(back)).convert("L")
        if excess.getextrema()[1] == 0:
            break
        for box in _tiles_with_excess(excess):
            worst = excess.crop(box).getextrema()[1]
            targets[box] = max(targets.get(box, target) - worst - 1.0, 255.0)
            limited.paste(reference_limit(im.crop(box), targets[box]), box[:2])
        data = encode(limited)
    return data
