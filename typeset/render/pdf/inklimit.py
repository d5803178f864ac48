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
where needed. The pixel arithmetic is numpy in float32, operation for operation what Pillow's
ImageMath "F" mode did before (so the pixels are the same); numpy is imported on first use, so
a build whose photos all come from the cache never loads it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from PIL import Image

from typeset.frame import CMYK

if TYPE_CHECKING:
    import numpy

JPEG_HEADROOM = 3.0
"""Percent kept free below the limit for JPEG noise (measured: q85 adds up to 15 % on a few
edge pixels, most of them within 3 %)."""
CORRECTION_PASSES = 4
"""Re-encodings with a locally lowered limit where the decoded JPEG still exceeds it."""
TILE = 32
"""Tile size (pixels, whole JPEG blocks) in which the limit is lowered on a correction pass."""

Box = tuple[int, int, int, int]


def colour_ink(colour: CMYK) -> float:
    """Total ink of a layout colour in percent (C + M + Y + K, each 0–1 → 0–100)."""
    return 100.0 * (colour.c + colour.m + colour.y + colour.k)


def max_ink_of(im: Image.Image) -> float:
    """The highest C + M + Y + K of any pixel of a CMYK image, in percent."""
    return float(_total(_pixels(im)).max()) * 100.0 / 255.0


def limit_ink(im: Image.Image, max_ink: float) -> Image.Image:
    """Return a CMYK image whose total ink nowhere exceeds `max_ink` percent (see module doc).

    `im` must be CMYK; `max_ink` ≥ 400 (or ≤ 0) returns it unchanged."""
    if im.mode != "CMYK":
        raise ValueError(f"limit_ink needs a CMYK image, not {im.mode}")
    if max_ink <= 0 or max_ink >= 400:
        return im
    pixels = _pixels(im)
    limit = max_ink * 255.0 / 100.0
    if float(_total(pixels).max()) <= limit:
        return im
    return Image.fromarray(_limit(pixels, limit), "CMYK")


def _pixels(im: Image.Image) -> numpy.ndarray:
    """The H × W × 4 uint8 array of a CMYK image (read-only view or copy)."""
    import numpy as np

    return np.asarray(im)


def _total(pixels: numpy.ndarray) -> numpy.ndarray:
    """C + M + Y + K per pixel (uint16; plane by plane, much faster than a sum over axis 2)."""
    import numpy as np

    return pixels[..., 0].astype(np.uint16) + pixels[..., 1] + pixels[..., 2] + pixels[..., 3]


def _limit(pixels: numpy.ndarray, limit) -> numpy.ndarray:
    """The limited copy of `pixels` (H × W × 4 uint8); `limit` in 8-bit units (× 255 / 100),
    a number or an H × W float32 array (a target per pixel).

    float32 throughout, in the order Pillow's ImageMath evaluated it: pixels at or under
    their target come out exactly as they went in."""
    import numpy as np

    f32 = np.float32
    c, m, y, k = (pixels[..., i].astype(f32) for i in range(4))
    limit = np.asarray(limit, dtype=f32)
    total = ((c + m) + y) + k
    # 1. UCR: u = min(grey component, K headroom, excess / 2), zero where under the limit.
    ucr = np.minimum(np.minimum(np.minimum(c, np.minimum(m, y)), f32(255.0) - k),
                     np.maximum(total - limit, f32(0.0)) / f32(2.0))
    c, m, y = c - ucr, m - ucr, y - ucr
    k = k + ucr
    # 2. Scale C, M and Y where K alone leaves too little room.
    scale = np.minimum(np.maximum(limit - k, f32(0.0)) / np.maximum((c + m) + y, f32(0.001)),
                       f32(1.0))
    out = np.empty(pixels.shape, dtype=np.uint8)
    # Float → 8 bit truncates (never rounds up), so the limit holds after conversion too.
    for i, band in enumerate((c * scale, m * scale, y * scale, k)):
        out[..., i] = np.clip(np.trunc(band), 0, 255)
    return out


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
    (no chroma subsampling, baseline) codes each 8 × 8 block on its own, so the re-limited
    tiles (whole blocks) are checked by encoding and decoding just them, side by side in one
    small image (`_decoded_alone`), and the whole image is encoded once more at the end."""
    def encode(pixels) -> bytes:
        buffer = io.BytesIO()
        Image.fromarray(pixels, "CMYK").save(buffer, "JPEG", quality=int(quality),
                                             optimize=False)
        return buffer.getvalue()

    if max_ink <= 0 or max_ink >= 400:
        buffer = io.BytesIO()
        im.save(buffer, "JPEG", quality=int(quality), optimize=False)
        return buffer.getvalue()
    import numpy as np

    source = _pixels(im)
    limit = max_ink * 255.0 / 100.0
    target = max(limit - JPEG_HEADROOM * 2.55, 255.0)
    targets_map = np.full(source.shape[:2], target, dtype=np.float32)
    limited = source.copy()
    _relimit(limited, source, targets_map,
             _tiles_with_excess(_total(source) > np.float32(target)))
    data = encode(limited)
    whole = _decoded(data)
    targets: dict[Box, float] = {}
    regions = [(0, 0, source.shape[1], source.shape[0])]  # where the decoded image can differ
    for _ in range(passes):
        found: list[tuple[Box, int]] = []
        parts = [whole[y0:y1, x0:x1] for x0, y0, x1, y1 in regions] if whole is not None \
            else _decoded_alone(limited, regions, encode)
        for (x0, y0, x1, y1), part in zip(regions, parts):
            # As Pillow's F → L conversion: the excess truncated to whole 8-bit steps.
            excess = np.clip(np.trunc(_total(part).astype(np.float32) - np.float32(limit)), 0,
                             255).astype(np.uint8)
            if not excess.any():
                continue
            for bx0, by0, bx1, by1 in _tiles_with_excess(excess):
                worst = int(excess[by0:by1, bx0:bx1].max())
                found.append(((bx0 + x0, by0 + y0, bx1 + x0, by1 + y0), worst))
        if not found:
            break
        for (bx0, by0, bx1, by1), worst in found:
            box = (bx0, by0, bx1, by1)
            targets[box] = max(targets.get(box, target) - worst - 1.0, 255.0)
            targets_map[by0:by1, bx0:bx1] = targets[box]
        boxes = [box for box, _ in found]
        _relimit(limited, source, targets_map, boxes)
        data, whole = None, None
        regions = boxes  # only these tiles' pixels (and so their blocks) changed
    return data if data is not None else encode(limited)


GRID = 32
"""Tiles per row of the mosaic in which re-limited tiles are checked together."""


def _decoded_alone(pixels, tiles: list[Box], encode) -> list:
    """For each tile (whole blocks, or up to the image's edge) of `pixels`, the pixels it
    decodes to in the whole image; all in one JPEG (one encode, one decode).

    The tiles are laid out in a mosaic of TILE × TILE cells, each padded to whole 8 × 8
    blocks by repeating its last column and row, which is how libjpeg pads the image's own
    edge: every block holds the samples it has in the whole image, and a CMYK JPEG (no
    subsampling) quantises each block by itself, so it decodes to the same pixels there."""
    import numpy as np

    rows = -(-len(tiles) // GRID)
    mosaic = np.zeros((rows * TILE, min(len(tiles), GRID) * TILE, pixels.shape[2]),
                      dtype=pixels.dtype)
    for n, (x0, y0, x1, y1) in enumerate(tiles):
        tile = pixels[y0:y1, x0:x1]
        padded = np.pad(tile, ((0, -(-tile.shape[0] // 8) * 8 - tile.shape[0]),
                               (0, -(-tile.shape[1] // 8) * 8 - tile.shape[1]), (0, 0)),
                        mode="edge")
        top, left = (n // GRID) * TILE, (n % GRID) * TILE
        mosaic[top:top + padded.shape[0], left:left + padded.shape[1]] = padded
    back = _decoded(encode(mosaic))
    return [back[(n // GRID) * TILE:(n // GRID) * TILE + y1 - y0,
                 (n % GRID) * TILE:(n % GRID) * TILE + x1 - x0]
            for n, (x0, y0, x1, y1) in enumerate(tiles)]


def _decoded(data: bytes) -> numpy.ndarray:
    """The pixels of JPEG bytes as an H × W × 4 array."""
    with Image.open(io.BytesIO(data)) as back:
        return _pixels(back)


def _rows(boxes: list[Box]) -> list[Box]:
    """One box per row of tiles, from the first to the last of `boxes` in that row."""
    rows: dict[tuple[int, int], list[int]] = {}
    for x0, y0, x1, y1 in boxes:
        span = rows.setdefault((y0, y1), [x0, x1])
        span[0], span[1] = min(span[0], x0), max(span[1], x1)
    return [(x0, y0, x1, y1) for (y0, y1), (x0, x1) in sorted(rows.items())]


def _relimit(limited, source, targets_map, boxes: list[Box]) -> None:
    """Write `_limit` of `source` against the per-pixel `targets_map` over the rows of
    `boxes` into `limited`. Tiles in those rows that are not in `boxes` come out as they
    already were (their target is unchanged), so whole rows can be done in one call."""
    for x0, y0, x1, y1 in _rows(boxes):
        limited[y0:y1, x0:x1] = _limit(source[y0:y1, x0:x1], targets_map[y0:y1, x0:x1])


def _tiles_with_excess(excess: numpy.ndarray) -> list[Box]:
    """Boxes (x0, y0, x1, y1), row by row, of the TILE × TILE tiles of the H × W array
    `excess` that hold a non-zero value."""
    import numpy as np

    height, width = excess.shape
    rows, cols = -(-height // TILE), -(-width // TILE)
    padded = np.zeros((rows * TILE, cols * TILE), dtype=bool)
    padded[:height, :width] = excess != 0
    marks = padded.reshape(rows, TILE, cols, TILE).any(axis=(1, 3))
    return [(col * TILE, row * TILE, min(width, (col + 1) * TILE), min(height, (row + 1) * TILE))
            for row, col in zip(*np.nonzero(marks))]
