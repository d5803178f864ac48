"""Hot zones: the polygon an article part covers on its page.

In: the display-list items one story chain set in one slot, and that slot's rectangle
(points, y down from the trim box's top-left). Out: a polygon — a list of (x, y) corners,
clockwise on the page, first corner top-left — covering the part's headline group, body
columns, photos and jump line, or None when the part drew nothing.

How: every item's box (`boxes.item_box`) is cut to the slot's rectangle, widened a little into
the gutters beside it (`zone_bounds`: at most to the middle of the gap to the next slot, so
zones stay apart). That width is
divided into bands at the boxes' left and right edges; a band reaches from the slot's top down
to the foot of the lowest box in it (a skyline seen from below). A band between two deeper
ones (a gutter between columns, which only the headline crosses) is filled down to the
shallower of the deepest bands on its left and on its right, as water would fill a valley, so
that columns join into one shape and a shorter last column leaves a step; an empty band at
the slot's edge reaches as deep as its neighbour. Everything stays inside the slot and its
share of the gutters, and slots never overlap (the manifest check refuses that), so zones of
different articles never overlap.
"""

from __future__ import annotations

from collections.abc import Iterable

from typeset.frame import FrameItem
from typeset.render.epaper.boxes import Rect, clip, item_box

Point = tuple[float, float]
Polygon = list[Point]

MIN_BAND = 6.0
"""Bands narrower than this (pt) — a glyph box reaching past its column edge, a short last
line's end — join the deeper neighbour, so that outlines do not get slivers."""
MARGIN = 6.0
"""How far a zone reaches past its slot's left and right edges (pt), so that text set flush
with a column edge lies inside it, not on its border."""
DEPTH_TOLERANCE = 3.0
"""Neighbouring bands whose depths differ by less than this (pt; a descender) join at the
deeper one."""
EPS = 1e-6


def zone_bounds(slot: Rect, others: Iterable[Rect], page_width: float,
                margin: float = MARGIN) -> Rect:
    """The rectangle a part's zone may fill: its slot, widened on the left and right by up to
    `margin` into the gutter or page margin beside it — at most to a quarter point short of
    the middle of the gap to the nearest other slot there — and never past the trim edge."""
    x0, y0, x1, y1 = slot
    left, right = x0, page_width - x1
    for o in others:
        if o == slot or o[1] >= y1 or o[3] <= y0:
            continue
        if o[2] <= x0:
            left = min(left, x0 - o[2])
        elif o[0] >= x1:
            right = min(right, o[0] - x1)
    def grow(gap: float) -> float:
        return max(0.0, min(margin, gap / 2 - 0.25))
    return (x0 - grow(left), y0, x1 + grow(right), y1)


def part_polygon(items: Iterable[FrameItem], slot: Rect) -> Polygon | None:
    """The zone of one article part (see the module doc); `slot` is the rectangle it may
    fill (`zone_bounds`)."""
    boxes = [c for c in (clip(b, slot) for b in map(item_box, items) if b) if c]
    if not boxes:
        return None
    x0, top, x1, _ = slot
    edges = sorted({x0, x1, *(b[0] for b in boxes), *(b[2] for b in boxes)})
    bands = [[a, b, _depth(boxes, a, b)] for a, b in zip(edges, edges[1:]) if b - a > EPS]
    _fill_empty(bands)
    bands = _merge(_absorb_slivers(bands))
    points: Polygon = [(x0, top), (x1, top)]
    for left, right, depth in reversed(bands):
        points += [(right, depth), (left, depth)]
    return simplify(points)


def _depth(boxes: list[Rect], left: float, right: float) -> float | None:
    """The foot of the lowest box overlapping the band [left, right], or None."""
    feet = [b[3] for b in boxes if b[0] < right - EPS and b[2] > left + EPS]
    return max(feet) if feet else None


def _fill_empty(bands: list[list]) -> None:
    """Empty bands at the edges take their neighbour's depth; then every band is filled to
    the shallower of the deepest bands on its two sides (valleys between columns)."""
    known = [i for i, band in enumerate(bands) if band[2] is not None]
    for i in range(known[0]):
        bands[i][2] = bands[known[0]][2]
    for i in range(known[-1] + 1, len(bands)):
        bands[i][2] = bands[known[-1]][2]
    depths = [band[2] if band[2] is not None else float("-inf") for band in bands]
    left = [max(depths[:i + 1]) for i in range(len(depths))]
    right = [max(depths[i:]) for i in range(len(depths))]
    for i, band in enumerate(bands):
        band[2] = max(depths[i], min(left[i], right[i]))


def _absorb_slivers(bands: list[list]) -> list[list]:
    """Join bands narrower than MIN_BAND to their deeper neighbour."""
    bands = [list(b) for b in bands]
    i = 0
    while len(bands) > 1 and i < len(bands):
        left, right, depth = bands[i]
        if right - left >= MIN_BAND:
            i += 1
            continue
        neighbours = [k for k in (i - 1, i + 1) if 0 <= k < len(bands)]
        k = max(neighbours, key=lambda n: (bands[n][2], -n))
        bands[k] = [min(left, bands[k][0]), max(right, bands[k][1]), max(depth, bands[k][2])]
        del bands[i]
        i = 0
    return bands


def _merge(bands: list[list]) -> list[list]:
    """Join neighbouring bands of (nearly) the same depth."""
    out: list[list] = []
    for band in bands:
        if out and abs(out[-1][2] - band[2]) < DEPTH_TOLERANCE:
            out[-1][1] = band[1]
            out[-1][2] = max(out[-1][2], band[2])
        else:
            out.append(list(band))
    return out


def simplify(points: Polygon) -> Polygon:
    """`points` without repeated corners and without corners on a straight edge."""
    out: Polygon = []
    for p in points:
        if not out or abs(out[-1][0] - p[0]) > EPS or abs(out[-1][1] - p[1]) > EPS:
            out.append(p)
    while len(out) > 1 and abs(out[0][0] - out[-1][0]) <= EPS \
            and abs(out[0][1] - out[-1][1]) <= EPS:
        out.pop()
    changed = True
    while changed and len(out) > 3:
        changed = False
        for i in range(len(out)):
            a, b, c = out[i - 1], out[i], out[(i + 1) % len(out)]
            if (abs(a[0] - b[0]) <= EPS and abs(b[0] - c[0]) <= EPS) or \
               (abs(a[1] - b[1]) <= EPS and abs(b[1] - c[1]) <= EPS):
                del out[i]
                changed = True
                break
    return out


def scaled(polygon: Polygon, scale: float, digits: int) -> Polygon:
    """`polygon` times `scale`, rounded to `digits` (rounding keeps the order of
    coordinates, so polygons that did not overlap still do not)."""
    def r(v: float):
        value = round(v * scale, digits)
        return int(value) if digits == 0 else value
    return simplify([(r(x), r(y)) for x, y in polygon])


def polygon_rects(polygon: Polygon) -> list[Rect]:
    """The rectilinear `polygon` cut into rectangles (horizontal slabs between its corners'
    y values; inside = an odd number of vertical edges to the left). For area and overlap
    checks."""
    ys = sorted({y for _, y in polygon})
    edges = [(a, b) for a, b in zip(polygon, polygon[1:] + polygon[:1])
             if abs(a[0] - b[0]) <= EPS and abs(a[1] - b[1]) > EPS]
    rects = []
    for y0, y1 in zip(ys, ys[1:]):
        mid = (y0 + y1) / 2
        xs = sorted(a[0] for a, b in edges if min(a[1], b[1]) < mid < max(a[1], b[1]))
        rects += [(xa, y0, xb, y1) for xa, xb in zip(xs[::2], xs[1::2])]
    return rects


def overlap_area(a: Polygon, b: Polygon) -> float:
    """The area two rectilinear polygons share (0 when they only touch)."""
    total = 0.0
    for r in polygon_rects(a):
        for s in polygon_rects(b):
            w = min(r[2], s[2]) - max(r[0], s[0])
            h = min(r[3], s[3]) - max(r[1], s[1])
            if w > 0 and h > 0:
                total += w * h
    return total


def contains(polygon: Polygon, box: Rect) -> bool:
    """True when the rectangle `box` lies inside `polygon` (rectilinear)."""
    inside = 0.0
    for r in polygon_rects(polygon):
        w = min(r[2], box[2]) - max(r[0], box[0])
        h = min(r[3], box[3]) - max(r[1], box[1])
        if w > 0 and h > 0:
            inside += w * h
    area = (box[2] - box[0]) * (box[3] - box[1])
    return inside >= area - 1e-6 * max(area, 1.0)
