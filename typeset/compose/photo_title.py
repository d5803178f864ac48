"""The texts around a picture: 栏目 label over it, 图片标题 title, caption in columns, credit.

In: a `Photo` (label, title, caption, credit), the block's x and width, the layout's `label`,
`photo-title`, `caption` and `credit` styles. Out: items with y relative to the top of their
block, and the block's height. A caption never runs longer per line than the caption style's
`max_chars` (30 字 when the style leaves it 0): under a wider photo a caption of one or two
such lines is set at that measure at the left, a longer one in columns of at least two lines,
two em apart or more (across the photo, or at max_chars from the left when fewer columns
are enough); the credit goes flush right under the photo, on the last line when it fits
there, else under the last column's lines or on a line of its own.
"""

from __future__ import annotations

import math

from typeset.compose.context import ComposeContext
from typeset.compose.setting import line_runs, natural_width, set_text
from typeset.model.edition import Photo
from typeset.model.grid import EM_BOX_ASCENT

CAPTION_GAP = 0.4
"""Space between picture and caption, in em of the caption size."""
DEFAULT_MAX_CHARS = 30
"""A caption line's longest measure in 字 when the caption style gives no max_chars."""
MIN_COLUMN_ROWS = 2
"""A caption of at most this many lines at max_chars is set in one column at the left (its
lines stacked); a longer one in columns of at least this many lines each: across the photo,
or, when fewer columns than the photo has room for are enough, at max_chars from the left."""
COLUMN_GAP_EM = 2.0
"""Gap between the columns of a caption, in em of the caption size (wider than a word
space, so that the columns read as columns)."""


def _baseline(y: float, style) -> float:
    return y + (style.pitch - style.size) / 2 + EM_BOX_ASCENT * style.size


def label_block(photo: Photo, x: float, width: float, ctx: ComposeContext
                ) -> tuple[list, int]:
    """The 栏目 over the picture (`label:`) → (items relative to the block top, grid lines)."""
    if not photo.label:
        return [], 0
    style = ctx.style("label")
    para = set_text(photo.label, style, width, ctx, align=style.align)
    lines = ctx.grid.lines_for(len(para.lines) * style.pitch)
    y = (lines * ctx.pitch - len(para.lines) * style.pitch) / 2
    items = []
    for line in para.lines:
        items.extend(line_runs(line, x, _baseline(y, style), style))
        y += style.pitch
    return items, lines


def caption_columns(width: float, ctx: ComposeContext) -> tuple[int, float]:
    """(columns, column width) for a caption under a picture `width` pt wide: the fewest
    columns, COLUMN_GAP_EM apart, whose lines are at most max_chars characters of the caption
    size."""
    style = ctx.style("caption")
    limit = (style.max_chars or DEFAULT_MAX_CHARS) * style.size
    gap = COLUMN_GAP_EM * style.size
    count = max(1, math.ceil((width + gap) / (limit + gap) - 1e-9))
    column = (width - (count - 1) * gap) / count
    while column > limit + 1e-6:
        count += 1
        column = (width - (count - 1) * gap) / count
    if count > 1:  # whole characters wide: the spare width goes to the gaps
        column = math.floor(column / style.size + 1e-6) * style.size
    return count, column


def _gap(count: int, column: float, width: float) -> float:
    """The gap between caption columns once the columns are whole characters wide."""
    return (width - count * column) / (count - 1) if count > 1 else 0.0


def caption_block(photo: Photo, x: float, width: float, ctx: ComposeContext
                  ) -> tuple[list, float]:
    """Title, caption and credit under the picture → (items relative to the block top,
    height in pt); ([], 0) when the photo has none of them."""
    if not photo.caption and not photo.credit and not photo.title:
        return [], 0.0
    cap_style = ctx.style("caption")
    items: list = []
    y = CAPTION_GAP * cap_style.size
    if photo.title:
        from typeset.compose.elements import element_style

        style = element_style(ctx, "photo-title")
        para = set_text(photo.title, style, width, ctx, align=style.align)
        for line in para.lines:
            items.extend(line_runs(line, x, _baseline(y, style), style))
            y += style.pitch
    count, column = caption_columns(width, ctx)
    limit = (cap_style.max_chars or DEFAULT_MAX_CHARS) * cap_style.size
    lines = []
    if photo.caption and count > 1:
        stacked = set_text(photo.caption, cap_style, limit, ctx, align=cap_style.align)
        need = math.ceil(len(stacked.lines) / MIN_COLUMN_ROWS)
        if need <= 1:  # a short caption: one column at the left
            count, column, lines = 1, limit, list(stacked.lines)
        elif need < count:  # fewer columns than the photo has room for: at max_chars, left
            count, column, lines = need, limit, list(stacked.lines)
    gap = _gap(count, column, width) if column < limit - 1e-6 or count == 1 else (
        COLUMN_GAP_EM * cap_style.size)
    if photo.caption and not lines:
        lines = list(set_text(photo.caption, cap_style, column, ctx,
                              align=cap_style.align).lines)
    rows = math.ceil(len(lines) / count) if lines else 0
    for i, line in enumerate(lines):
        col, row = divmod(i, rows)
        items.extend(line_runs(line, x + col * (column + gap),
                               _baseline(y + row * cap_style.pitch, cap_style), cap_style))
    if photo.credit:
        credit_style = ctx.style("credit")
        credit_w = natural_width(photo.credit, credit_style, ctx)
        credit_para = set_text(photo.credit, credit_style, credit_w + 0.01, ctx, align="left")
        last_col = (len(lines) - 1) // rows if lines else 0
        right = x + width  # flush right under the photo: nothing stands right of the last line
        line_end = x + last_col * (column + gap) + lines[-1].natural if lines else x
        last_row = (len(lines) - 1) % rows if lines else -1
        end = y + rows * cap_style.pitch
        if lines and line_end + credit_style.size + credit_w <= right:
            row_y, pitch = y + last_row * cap_style.pitch, cap_style.pitch
        elif lines and last_row + 1 < rows:  # room under the last column's lines
            row_y, pitch = y + (last_row + 1) * cap_style.pitch, cap_style.pitch
        else:  # a line of its own
            row_y, pitch = end, credit_style.pitch
            end += credit_style.pitch
        baseline = row_y + (pitch - credit_style.size) / 2 + EM_BOX_ASCENT * credit_style.size
        for line in credit_para.lines:
            items.extend(line_runs(line, right - credit_w, baseline, credit_style))
        y = end
    else:
        y += rows * cap_style.pitch
    return items, y + 0.15 * cap_style.size
