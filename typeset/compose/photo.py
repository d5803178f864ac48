"""Photo blocks: the picture cropped or fitted to its frame, with caption and credit below.

In: a `Photo`, the block's x, top grid line and width, the grid lines available, the image's
pixel size. Out: a `PhotoBlock` occupying whole grid lines: the `ImageItem` (with the crop box
in source pixels — pixels themselves are untouched until the PDF backend), the 栏目 label over
the picture and the title, caption (in columns under a wide photo) and credit under it, as
`compose.photo_title` sets them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from typeset.compose.context import ComposeContext
from typeset.compose.photo_title import caption_block, label_block
from typeset.diagnostics import Diagnostic, error, warning
from typeset.frame import BLACK, Box, FrameItem, ImageItem, Marker, Rule
from typeset.model.edition import Photo
from typeset.units import snap

MIN_PICTURE_LINES = 3


@dataclass(frozen=True)
class PhotoBlock:
    """A set photo block: grid lines it takes, its items, and what went wrong."""

    lines: int
    items: tuple[FrameItem, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    picture_lines: int = 0


def crop_box(pixel_size: tuple[int, int], frame: tuple[float, float], photo: Photo
             ) -> tuple[int, int, int, int]:
    """The part of the image (left, top, right, bottom in pixels) that fills the frame.

    The explicit crop box (fractions) is applied first; then the region is cut to the frame's
    aspect ratio around the focal point, never beyond the image.
    """
    iw, ih = pixel_size
    left, top, right, bottom = 0.0, 0.0, float(iw), float(ih)
    if photo.crop:
        cl, ct, cr, cb = photo.crop
        left, top, right, bottom = cl * iw, ct * ih, cr * iw, cb * ih
    rw, rh = right - left, bottom - top
    fw, fh = frame
    if fw <= 0 or fh <= 0 or rw <= 0 or rh <= 0:
        return (0, 0, iw, ih)
    target = fw / fh
    fx, fy = photo.focus
    if rw / rh > target:  # too wide: cut the sides
        new_w = rh * target
        cx = left + fx * rw
        left = min(max(cx - new_w / 2, left), right - new_w)
        right = left + new_w
    else:  # too tall: cut top and bottom
        new_h = rw / target
        cy = top + fy * rh
        top = min(max(cy - new_h / 2, top), bottom - new_h)
        bottom = top + new_h
    return (round(left), round(top), round(right), round(bottom))


def photo_block(photo: Photo, x: float, top_line: int, width: float, max_lines: int,
                ctx: ComposeContext, *, story: str = "", fill: bool = False) -> PhotoBlock:
    """Set a photo block at (x, `top_line`) across `width` pt, at most `max_lines` tall.

    `fill`: a standalone photo slot — the picture takes every line the caption leaves.
    """
    diags: list[Diagnostic] = []
    path = str(Path(ctx.edition.folder) / photo.file)
    size = ctx.image_sizes.get(path)
    # Measured and found unreadable: the pipeline has reported it; a crossed frame stands in.
    unreadable = path in ctx.image_sizes and size is None
    if size is None:
        if not unreadable:  # not measured at all
            diags.append(error("image-unreadable", f"photo {photo.file} could not be read",
                               story=story, source=photo.source,
                               hint="check that the file is a JPEG or PNG image"))
        size = (4, 3)
    caption_items, caption_height = caption_block(photo, x, width, ctx)
    label_items, label_lines = label_block(photo, x, width, ctx)
    pitch = ctx.pitch
    caption_lines = ctx.grid.lines_for(caption_height) if caption_height else 0
    caption_lines += label_lines  # the 栏目 over the picture takes lines like the caption
    if fill:
        picture_lines = max_lines - caption_lines
    elif photo.lines:
        picture_lines = photo.lines
    else:
        picture_lines = max(MIN_PICTURE_LINES, round(width * size[1] / size[0] / pitch))
    if max_lines - caption_lines < 1:
        diags.append(error(
            "photo-no-room", f"photo {photo.file} has no room: {max(0, max_lines)} grid lines "
            f"are free where it goes and its caption alone needs {caption_lines}",
            story=story, source=photo.source,
            hint="make the slot taller, shorten the headline or caption, or move the photo"))
        return PhotoBlock(0, (), tuple(diags), 0)
    if picture_lines + caption_lines > max_lines:
        diags.append(warning(
            "photo-too-tall", f"photo {photo.file} needs {picture_lines + caption_lines} grid "
            f"lines, only {max_lines} are free; the picture is made shorter",
            story=story, source=photo.source, hint="give the photo fewer lines or the slot more"))
        picture_lines = max(1, max_lines - caption_lines)
    label_top = ctx.grid.line_top(top_line)
    top = label_top + label_lines * pitch
    frame_h = picture_lines * pitch
    items: list[FrameItem] = [_shift(item, label_top) for item in label_items]
    if unreadable:  # a crossed frame where the picture would be; reported once already
        items += crossed_frame(snap(x), snap(top), snap(width), snap(frame_h))
    elif photo.fit == "fit":
        scale = min(width / size[0], frame_h / size[1])
        w, h = size[0] * scale, size[1] * scale
        items.append(ImageItem(snap(x + (width - w) / 2), snap(top + (frame_h - h) / 2), snap(w),
                               snap(h), path, (0, 0, size[0], size[1]), size))
    else:
        box = crop_box(size, (width, frame_h), photo)
        items.append(ImageItem(snap(x), snap(top), snap(width), snap(frame_h), path, box, size))
    items.append(Marker("photo", snap(x), snap(top), snap(width), snap(frame_h), photo.file))
    caption_top = top + frame_h
    for item in caption_items:
        items.append(_shift(item, caption_top))
    return PhotoBlock(picture_lines + caption_lines, tuple(items), tuple(diags), picture_lines)


def crossed_frame(x: float, y: float, width: float, height: float) -> list[FrameItem]:
    """A black 0.5 pt frame with both diagonals: the place of a picture that cannot be shown."""
    return [Box(x, y, width, height, stroke=BLACK, stroke_width=0.5),
            Rule(x, y, x + width, y + height, 0.5), Rule(x, y + height, x + width, y, 0.5)]


def moved(block: PhotoBlock, lines: int, ctx: ComposeContext) -> PhotoBlock:
    """The same block `lines` grid lines lower (a photo placed at the foot of its columns)."""
    dy = lines * ctx.pitch
    return replace(block, items=tuple(_shift(item, dy) for item in block.items))


def _shift(item, dy: float):
    """An item (glyph run, image, box, marker, rule) moved down by `dy`."""
    if isinstance(item, Rule):
        return replace(item, y0=snap(item.y0 + dy), y1=snap(item.y1 + dy))
    return replace(item, y=snap(item.y + dy))
