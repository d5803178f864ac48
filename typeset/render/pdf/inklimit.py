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
from typeset.image_io import load_whole

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
    highest total (truncating and clipping the excess commute with taking the maximum).

    The tiles of a pass are gathered, limited, checked and put back as one array each
    (`_TileGrid`), a few dozen numpy calls a pass whatever their number: each call lets go
    of Python's lock, and beside a busy building thread every such hand-over costs up to the
    interpreter's switch interval (one call per row of tiles made a 2-megapixel photo take
    6.5 s instead of 0.13 s while the pages were painted)."""
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
    worst = _excess(_tile_maxima(_total(_decoded(data))), limit)
    rows, cols = np.nonzero(worst)              # row by row, as the tiles lie
    if not rows.size or not passes:
        return data
    grid = _TileGrid(source, limited)
    targets = np.full(worst.shape, target, dtype=np.float32)
    excess = worst[rows, cols]
    for _ in range(passes):
        if not rows.size:
            break
        targets[rows, cols] = np.maximum(
            targets[rows, cols].astype(np.float64) - excess - 1.0, 255.0)
        tiles = _limit(grid.tiles(grid.source, rows, cols),
                       np.broadcast_to(targets[rows, cols][:, None, None],
                                       (rows.size, TILE, TILE)))
        grid.put(rows, cols, tiles)
        # Only these tiles' pixels (and so their blocks) changed: check just them.
        back = _from_mosaic(_decoded(encode(_mosaic(tiles))), rows.size)
        maxima = (_total(back) * grid.valid(rows, cols)).max(axis=(1, 2))
        found = _excess(maxima, limit)
        keep = found > 0
        rows, cols, excess = rows[keep], cols[keep], found[keep]
    return encode(grid.image())


class _TileGrid:
    """The source and the limited pixels padded to whole tiles (by repeating the last column
    and row, as libjpeg pads an image's edge to whole blocks), seen as rows × cols tiles."""

    def __init__(self, source, limited) -> None:
        import numpy as np

        self.height, self.width = source.shape[:2]
        self.rows, self.cols = -(-self.height // TILE), -(-self.width // TILE)
        pad = ((0, self.rows * TILE - self.height), (0, self.cols * TILE - self.width),
               (0, 0))
        self.source = np.pad(source, pad, mode="edge")
        self.limited = np.pad(limited, pad, mode="edge")

    def _view(self, padded):
        """rows × cols × TILE × TILE × 4, a view of `padded`."""
        return padded.reshape(self.rows, TILE, self.cols, TILE, -1).transpose(0, 2, 1, 3, 4)

    def tiles(self, padded, rows, cols):
        """The tiles (rows[i], cols[i]) of `padded`, N × TILE × TILE × 4 (a copy)."""
        return self._view(padded)[rows, cols]

    def put(self, rows, cols, tiles) -> None:
        """Write `tiles` over the limited pixels' tiles (rows[i], cols[i])."""
        self._view(self.limited)[rows, cols] = tiles

    def valid(self, rows, cols):
        """N × TILE × TILE: 1 where a tile's pixel lies inside the image, 0 on its padding."""
        import numpy as np

        at = np.arange(TILE)
        heights = np.minimum(TILE, self.height - rows * TILE)
        widths = np.minimum(TILE, self.width - cols * TILE)
        return ((at[None, :, None] < heights[:, None, None])
                & (at[None, None, :] < widths[:, None, None])).astype(np.uint8)

    def image(self):
        """The limited pixels without the padding, H × W × 4."""
        return self.limited[:self.height, :self.width]


GRID = 32
"""Tiles per row of the mosaic in which re-limited tiles are checked together."""


def _excess(maxima: numpy.ndarray, limit: float) -> numpy.ndarray:
    """Each highest total's excess over `limit`, as Pillow's F → L conversion made it: the
    difference truncated to whole 8-bit steps, clipped to 0–255 (an int array)."""
    import numpy as np

    return np.clip(np.trunc(maxima.astype(np.float32) - np.float32(limit)), 0, 255
                   ).astype(np.int64)


def _tile_maxima(total: numpy.ndarray) -> numpy.ndarray:
    """The highest value of each TILE × TILE tile of an H × W array (rows × cols)."""
    import numpy as np

    height, width = total.shape
    rows, cols = -(-height // TILE), -(-width // TILE)
    padded = np.zeros((rows * TILE, cols * TILE), dtype=total.dtype)
    padded[:height, :width] = total
    return padded.reshape(rows, TILE, cols, TILE).max(axis=(1, 3))


def _mosaic(tiles):
    """N tiles (N × TILE × TILE × 4, each padded to whole tiles as `_TileGrid` pads them) laid
    out side by side, GRID to a row.

    A tile cut at the image's edge holds the edge's last column and row repeated, which is
    how libjpeg pads the image's own edge: every block holds the samples it has in the whole
    image, and a CMYK JPEG (no subsampling) quantises each block by itself, so it decodes to
    the same pixels there."""
    import numpy as np

    count = len(tiles)
    rows, cols = -(-count // GRID), min(count, GRID)
    cells = np.zeros((rows * cols,) + tiles.shape[1:], dtype=tiles.dtype)
    cells[:count] = tiles
    return cells.reshape(rows, cols, TILE, TILE, -1).transpose(0, 2, 1, 3, 4).reshape(
        rows * TILE, cols * TILE, -1)


def _from_mosaic(mosaic, count: int):
    """The first `count` tiles of a `_mosaic`, N × TILE × TILE × 4."""
    rows, cols = mosaic.shape[0] // TILE, mosaic.shape[1] // TILE
    return mosaic.reshape(rows, TILE, cols, TILE, -1).transpose(0, 2, 1, 3, 4).reshape(
        rows * cols, TILE, TILE, -1)[:count]


def _decoded_alone(pixels, tiles: list[Box], encode) -> list:
    """For each tile of `pixels` (boxes on the TILE grid, cut at the image's edge), the pixels
    it decodes to in the whole image, found from one small JPEG of them all (`_mosaic`)."""
    import numpy as np

    grid = _TileGrid(pixels, pixels)
    rows = np.array([y0 // TILE for _x0, y0, _x1, _y1 in tiles])
    cols = np.array([x0 // TILE for x0, _y0, _x1, _y1 in tiles])
    back = _from_mosaic(_decoded(encode(_mosaic(grid.tiles(grid.source, rows, cols)))),
                        len(tiles))
    return [part[:y1 - y0, :x1 - x0] for part, (x0, y0, x1, y1) in zip(back, tiles)]


def _decoded(data: bytes) -> numpy.ndarray:
    """The pixels of JPEG bytes as an H × W × 4 array."""
    with Image.open(io.BytesIO(data)) as back:
        return _pixels(load_whole(back))
