"""The rectangle each display-list item covers on its page, for hot zones.

In: a `FrameItem` (points, origin at the trim box's top-left, y down). Out: its box
(x0, y0, x1, y1), or None for items that are no part of an article's zone: slot outlines and
proof markers, and rules (column rules run to the deepest column of a story; a zone follows
the text itself). A glyph's box is one em wide and as tall as a CJK face's font box (1.16 em
above the baseline, 0.29 em below: Noto CJK's ascender and descender, which PDF text
extraction reports as the glyph's height), or, for a glyph turned 90° clockwise, the same box
turned.
"""

from __future__ import annotations

from typeset.frame import Box, FrameItem, GlyphRun, ImageItem, Marker, PlacedPage

Rect = tuple[float, float, float, float]
"""x0, y0, x1, y1 in points, y down."""

ASCENT = 1.16
DESCENT = 0.29
ZONE_MARKERS = ("photo", "jump-out", "vertical-headline")
"""Markers whose rectangle belongs to an article (the photo frame, the jump line, the
vertical headline's strip); slot outlines and proof notes do not."""


def item_box(item: FrameItem) -> Rect | None:
    """The box `item` covers, or None when it is not part of a zone (see the module doc)."""
    if isinstance(item, GlyphRun):
        return _run_box(item)
    if isinstance(item, (ImageItem, Box, PlacedPage)):
        return (item.x, item.y, item.x + item.width, item.y + item.height)
    if isinstance(item, Marker) and item.kind in ZONE_MARKERS:
        return (item.x, item.y, item.x + item.width, item.y + item.height)
    return None


def _run_box(run: GlyphRun) -> Rect | None:
    if not run.glyphs:
        return None
    s = run.size
    xs = [run.x + g.x for g in run.glyphs]
    ys = [run.y + g.y for g in run.glyphs]
    if run.rotated:
        return (min(xs) - DESCENT * s, min(ys), max(xs) + ASCENT * s, max(ys) + s)
    return (min(xs), min(ys) - ASCENT * s, max(xs) + s, max(ys) + DESCENT * s)


def clip(box: Rect, to: Rect) -> Rect | None:
    """`box` cut to `to`, or None when nothing of it is left."""
    x0, y0 = max(box[0], to[0]), max(box[1], to[1])
    x1, y1 = min(box[2], to[2]), min(box[3], to[3])
    if x1 <= x0 or y1 <= y0:
        return None
    return (x0, y0, x1, y1)
