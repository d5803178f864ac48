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
CORRECTION_PASSES = 8
"""Re-encodings with a locally lowered limit where the decoded JPEG still exceeds it (each pass
codes only the tiles still over; with 4, a few pixels of resampled photos stayed 1–3 % over:
the sample's blossom at 1037 × 985, three of the bench's press photos)."""
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

    Only the pixels over their target are computed (`_limit_over`, which leaves a pixel at or
    under its target exactly as it was, so the result is the same as computing them all)."""
    import numpy as np

    limit = np.asarray(limit, dtype=np.float32)
    over = np.flatnonzero(_total(pixels) > limit)  # flat indices: faster than a mask
    out = pixels.copy()
    if over.size:
        flat = out.reshape(-1, 4)
        flat[over] = _limit_over(flat[over], limit.reshape(-1)[over] if limit.ndim else limit)
    return out


def _limit_over(pixels: numpy.ndarray, limit) -> numpy.ndarray:
    """`pixels` (N × 4 uint8) limited to `limit` (a number or N float32 targets).

    float32 throughout, in the order Pillow's ImageMath evaluated it: a pixel at or under its
    target would come out exactly as it went in."""
    import numpy as np

    f32 = np.float32
    c, m, y, k = (pixels[..., i].astype(f32) for i in range(4))
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
    checking the whole image every time: `_limit` computes only the pixels over their target
    (it leaves the others as they are); and a CMYK JPEG (no chroma subsampling, baseline)
    codes each 8 × 8 block on its own, so the re-limited tiles (whole blocks) are checked by
    encoding and decoding just them, side by side in one small image (`_mosaic`), and the
    whole image is encoded once more at the end. A tile's worst excess is found from its
    highest total (truncating and clipping the excess commute with taking the maximum)."""
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
    limited = _limit(source, target)
    data = encode(limited)
    targets_map: numpy.ndarray | None = None
    found = _tiles_over(_tile_maxima(_total(_decoded(data))), limit, *source.shape[:2])
    for _ in range(passes):
        if not found:
            break
        if targets_map is None:
            targets_map = np.full(source.shape[:2], target, dtype=np.float32)
        for (x0, y0, x1, y1), worst in found:
            targets_map[y0:y1, x0:x1] = max(float(targets_map[y0, x0]) - worst - 1.0, 255.0)
        boxes = [box for box, _ in found]
        _relimit(limited, source, targets_map, boxes)
        data = None
        # Only these tiles' pixels (and so their blocks) changed: check just them.
        mosaic, valid = _mosaic(limited, boxes)
        maxima = _tile_maxima(_total(_decoded(encode(mosaic))) * valid).reshape(-1)
        found = [(box, worst) for box, worst in zip(boxes, _excess(maxima[:len(boxes)], limit))
                 if worst]
    return data if data is not None else encode(limited)


GRID = 32
"""Tiles per row of the mosaic in which re-limited tiles are checked together."""


def _excess(maxima: numpy.ndarray, limit: float) -> list[int]:
    """Each highest total's excess over `limit`, as Pillow's F → L conversion made it: the
    difference truncated to whole 8-bit steps, clipped to 0–255."""
    import numpy as np

    return np.clip(np.trunc(maxima.astype(np.float32) - np.float32(limit)), 0, 255
                   ).astype(int).tolist()


def _tiles_over(maxima: numpy.ndarray, limit: float, height: int, width: int
                ) -> list[tuple[Box, int]]:
    """The tiles of an H × W image whose highest totals (`_tile_maxima`) exceed `limit`, row
    by row, each as (box, up to the image's edge; worst excess)."""
    excess = _excess(maxima, limit)
    return [((col * TILE, row * TILE, min(width, (col + 1) * TILE),
              min(height, (row + 1) * TILE)), worst)
            for row, line in enumerate(excess) for col, worst in enumerate(line) if worst]


def _tile_maxima(total: numpy.ndarray) -> numpy.ndarray:
    """The highest value of each TILE × TILE tile of an H × W array (rows × cols)."""
    import numpy as np

    height, width = total.shape
    rows, cols = -(-height // TILE), -(-width // TILE)
    padded = np.zeros((rows * TILE, cols * TILE), dtype=total.dtype)
    padded[:height, :width] = total
    return padded.reshape(rows, TILE, cols, TILE).max(axis=(1, 3))


def _mosaic(pixels, tiles: list[Box]):
    """The tiles (whole blocks, or up to the image's edge) of `pixels` laid out in a mosaic of
    TILE × TILE cells, GRID to a row, and the mask (1 where a cell holds its tile's own pixels,
    0 on padding).

    Each cell is padded to whole 8 × 8 blocks by repeating its tile's last column and row,
    which is how libjpeg pads the image's own edge: every block holds the samples it has in
    the whole image, and a CMYK JPEG (no subsampling) quantises each block by itself, so it
    decodes to the same pixels there."""
    import numpy as np

    rows = -(-len(tiles) // GRID)
    shape = (rows * TILE, min(len(tiles), GRID) * TILE)
    mosaic = np.zeros(shape + (pixels.shape[2],), dtype=pixels.dtype)
    valid = np.zeros(shape, dtype=np.uint8)
    for n, (x0, y0, x1, y1) in enumerate(tiles):
        tile = pixels[y0:y1, x0:x1]
        height, width = tile.shape[:2]
        if height % 8 or width % 8:
            tile = np.pad(tile, ((0, -height % 8), (0, -width % 8), (0, 0)), mode="edge")
        top, left = (n // GRID) * TILE, (n % GRID) * TILE
        mosaic[top:top + tile.shape[0], left:left + tile.shape[1]] = tile
        valid[top:top + height, left:left + width] = 1
    return mosaic, valid


def _decoded_alone(pixels, tiles: list[Box], encode) -> list:
    """For each tile of `pixels`, the pixels it decodes to in the whole image, found from one
    small JPEG of them all (`_mosaic`)."""
    back = _decoded(encode(_mosaic(pixels, tiles)[0]))
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
