"""Total ink limit (total area coverage, TAC) for separated photos and layout colours.

In: a CMYK Pillow image (or a layout `CMYK` colour) and the maximum ink in percent (newsprint:
240 % for ISOnewspaper26v4, 220 % for WAN-IFRAnewspaper26v5). Out: the image with no pixel
above the limit, or the colour's total ink for reporting.

Why: generic CMYK profiles (Ghostscript's SWOP `default_cmyk.icc`) separate shadows to about
300 %; newsprint smears and sets off above 240 %. The newspaper's own profile builds the limit
into its black generation; with any other profile the separation is corrected here, per pixel:

1. Under-colour removal (UCR), only as much as needed: the grey component common to C, M and Y
   (their minimum) moves into K, up to K's headroom and up to half the excess (each unit taken
   from three inks and given to one lowers the total by two). Pixels under the limit are left
   exactly as the profile separated them.
2. Where the total still exceeds the limit (K is full), C, M and Y are scaled down together so
   that C + M + Y + K equals the limit, keeping their ratio (the hue).

JPEG coding adds noise on top, so `jpeg_within_limit` checks the decoded pixels and re-encodes
where needed. Pixel arithmetic uses Pillow's ImageMath in float mode (no extra dependency).
"""

from __future__ import annotations

import io

from PIL import Image, ImageFilter, ImageMath

from typeset.frame import CMYK

JPEG_HEADROOM = 3.0
"""Percent kept free below the limit for JPEG noise (measured: q85 adds up to 15 % on a few
edge pixels, most of them within 3 %)."""
CORRECTION_PASSES = 4
"""Re-encodings with a locally lowered limit where the decoded JPEG still exceeds it."""
TILE = 32
"""Tile size (pixels, whole JPEG blocks) in which the limit is lowered on a correction pass."""


def colour_ink(colour: CMYK) -> float:
    """Total ink of a layout colour in percent (C + M + Y + K, each 0–1 → 0–100)."""
    return 100.0 * (colour.c + colour.m + colour.y + colour.k)


def max_ink_of(im: Image.Image) -> float:
    """The highest C + M + Y + K of any pixel of a CMYK image, in percent."""
    c, m, y, k = (band.convert("F") for band in im.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                  c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100.0 / 255.0


def limit_ink(im: Image.Image, max_ink: float) -> Image.Image:
    """Return a CMYK image whose total ink nowhere exceeds `max_ink` percent (see module doc).

    `im` must be CMYK; `max_ink` ≥ 400 (or ≤ 0) returns it unchanged."""
    if im.mode != "CMYK":
        raise ValueError(f"limit_ink needs a CMYK image, not {im.mode}")
    if max_ink <= 0 or max_ink >= 400:
        return im
    return _limit(im, max_ink * 255.0 / 100.0)


def _total(im: Image.Image) -> Image.Image:
    c, m, y, k = (band.convert("F") for band in im.split())
    return ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)


def _limit(im: Image.Image, limit: float | Image.Image) -> Image.Image:
    """`limit_ink` with the limit in 8-bit units (× 255 / 100), a number or an "F" image."""
    total = _total(im)
    if not isinstance(limit, Image.Image) and total.getextrema()[1] <= limit:
        return im
    c, m, y, k = (band.convert("F") for band in im.split())
    # 1. UCR: u = min(grey component, K headroom, excess / 2), zero where under the limit.
    ucr = ImageMath.lambda_eval(
        lambda a: a["min"](a["min"](a["min"](a["c"], a["min"](a["m"], a["y"])), 255.0 - a["k"]),
                           a["max"](a["t"] - a["L"], 0.0) / 2.0),
        c=c, m=m, y=y, k=k, t=total, L=limit)
    c, m, y = (ImageMath.lambda_eval(lambda a: a["x"] - a["u"], x=x, u=ucr) for x in (c, m, y))
    k = ImageMath.lambda_eval(lambda a: a["k"] + a["u"], k=k, u=ucr)
    # 2. Scale C, M and Y where K alone leaves too little room.
    scale = ImageMath.lambda_eval(
        lambda a: a["min"](a["max"](a["L"] - a["k"], 0.0)
                           / a["max"](a["c"] + a["m"] + a["y"], 0.001), 1.0),
        c=c, m=m, y=y, k=k, L=limit)
    c, m, y = (ImageMath.lambda_eval(lambda a: a["x"] * a["s"], x=x, s=scale) for x in (c, m, y))
    # Float → 8 bit truncates (never rounds up), so the limit holds after conversion too.
    bands = [ImageMath.lambda_eval(lambda a: a["int"](a["x"]), x=x).convert("L")
             for x in (c, m, y, k)]
    return Image.merge("CMYK", bands)


def jpeg_within_limit(im: Image.Image, max_ink: float, quality: int,
                      passes: int = CORRECTION_PASSES) -> bytes:
    """CMYK JPEG bytes of `im` whose decoded pixels stay under `max_ink` percent.

    JPEG coding noise adds several percent on edges, so the image is limited to `max_ink` −
    `JPEG_HEADROOM`, encoded and decoded; every TILE × TILE tile where a pixel still exceeds
    the limit is limited again (from the original pixels) with its target lowered by that
    excess, and checked again, at most `passes` times. `max_ink` ≤ 0 only encodes.

    Only the work that can change a pixel is done, with the bytes of limiting, encoding and
    checking the whole image every time: `_limit` leaves every pixel at or under its target
    as it was, so it runs only on the rows of tiles that hold a pixel over it; and a CMYK JPEG
    (no chroma subsampling, baseline) codes each 8 × 8 block on its own, so a re-limited row
    of tiles (whole blocks) is checked by encoding and decoding that row alone, and the whole
    image is encoded once more at the end."""
    def encode(image: Image.Image) -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=int(quality), optimize=False)
        return buffer.getvalue()

    def decoded(data: bytes) -> Image.Image:
        with Image.open(io.BytesIO(data)) as back:
            back.load()
            return back.copy()

    if max_ink <= 0 or max_ink >= 400:
        return encode(im)
    limit = max_ink * 255.0 / 100.0
    target = max(limit - JPEG_HEADROOM * 2.55, 255.0)
    targets_map = Image.new("F", im.size, target)
    over = ImageMath.lambda_eval(lambda a: a["max"](a["t"] - target, 0.0), t=_total(im))
    limited = im.copy()
    _relimit(limited, im, targets_map, _tiles_with_excess(over))
    data = encode(limited)
    whole = decoded(data)
    targets: dict[tuple[int, int, int, int], float] = {}
    regions = [(0, 0, im.width, im.height)]  # where the decoded image can have changed
    for _ in range(passes):
        found: list[tuple[tuple[int, int, int, int], int]] = []
        for region in regions:
            part = whole.crop(region) if whole is not None else \
                decoded(encode(limited.crop(region)))
            excess = ImageMath.lambda_eval(lambda a: a["max"](a["t"] - limit, 0.0),
                                           t=_total(part)).convert("L")
            if excess.getextrema()[1] == 0:
                continue
            x0, y0 = region[:2]
            for box in _tiles_with_excess(excess):
                worst = excess.crop(box).getextrema()[1]
                found.append(((box[0] + x0, box[1] + y0, box[2] + x0, box[3] + y0), worst))
        if not found:
            break
        for box, worst in found:
            targets[box] = max(targets.get(box, target) - worst - 1.0, 255.0)
            targets_map.paste(targets[box], box)
        boxes = [box for box, _ in found]
        _relimit(limited, im, targets_map, boxes)
        data, whole = None, None
        regions = _rows(boxes)
    return data if data is not None else encode(limited)


def _rows(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """One box per row of tiles, from the first to the last of `boxes` in that row."""
    rows: dict[tuple[int, int], list[int]] = {}
    for x0, y0, x1, y1 in boxes:
        span = rows.setdefault((y0, y1), [x0, x1])
        span[0], span[1] = min(span[0], x0), max(span[1], x1)
    return [(x0, y0, x1, y1) for (y0, y1), (x0, x1) in sorted(rows.items())]


def _relimit(limited: Image.Image, im: Image.Image, targets_map: Image.Image,
             boxes: list[tuple[int, int, int, int]]) -> None:
    """Paste `_limit` of `im` against the per-pixel `targets_map` over the rows of `boxes`.

    Tiles in those rows that are not in `boxes` come out as they already were in `limited`
    (their target is unchanged), so whole rows can be done in one call."""
    for box in _rows(boxes):
        limited.paste(_limit(im.crop(box), targets_map.crop(box)), box[:2])


def _pad(im: Image.Image, width: int, height: int) -> Image.Image:
    """`im` on a black canvas of `width` × `height` (top-left aligned)."""
    if im.size == (width, height):
        return im
    canvas = Image.new(im.mode, (width, height), 0)
    canvas.paste(im, (0, 0))
    return canvas


def _tiles_with_excess(excess: Image.Image) -> list[tuple[int, int, int, int]]:
    """Boxes of the TILE × TILE tiles of `excess` ("L" or "F", ≥ 0) that hold a non-zero pixel."""
    width, height = excess.size
    cols, rows = -(-width // TILE), -(-height // TILE)
    # The float box average of a tile is non-zero exactly when the tile holds a non-zero pixel.
    marks = _pad(excess, cols * TILE, rows * TILE).convert("F").reduce(TILE)
    boxes = []
    for row in range(rows):
        for col in range(cols):
            if marks.getpixel((col, row)):
                boxes.append((col * TILE, row * TILE, min(width, (col + 1) * TILE),
                              min(height, (row + 1) * TILE)))
    return boxes
