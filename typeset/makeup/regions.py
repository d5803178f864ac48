"""The free space of a make-up page cut into rectangles around its pinned items.

In: the page's columns and lines, the first line free (below the masthead), the pinned
items' areas. Out: ways to cut the free space into rectangles by guillotine cuts along the
pinned items' edges (each a list of boxes `(column, span, top, bottom)` in reading order:
top first, then left), fewest boxes first; boxes narrower than 2 columns or lower than
`MIN_LINES` are not kept (a way that needs one is dropped). Modules placed in the boxes
stand L-shaped around a pinned item, as the desk makes them up.
"""

from __future__ import annotations

MIN_LINES = 6
"""The lowest box worth a module (a short brief's headline and a few lines)."""
MOST = 6
"""Ways kept (the ones with the fewest boxes)."""

Box = tuple[int, int, int, int]


def free_boxes(columns: int, lines: int, top: int, pinned: list[Box]) -> list[list[Box]]:
    """Ways to tile the free space (see the module docstring); [] when there is none."""
    seen: set[tuple[Box, ...]] = set()
    ways = []
    for way in _cut((1, columns, top, lines), pinned):
        if any(span < 2 or bottom - t < MIN_LINES for _c, span, t, bottom in way):
            continue
        key = tuple(sorted(way, key=lambda b: (b[2], b[0])))
        if key not in seen:
            seen.add(key)
            ways.append(list(key))
    ways.sort(key=lambda w: (len(w), [(-b[1] * (b[3] - b[2])) for b in w]))
    return ways[:MOST]


def _inside(box: Box, pinned: list[Box]) -> list[Box]:
    c, span, t, b = box
    out = []
    for pc, ps, pt, pb in pinned:
        if pc < c + span and c < pc + ps and pt < b and t < pb:
            out.append((max(pc, c), min(pc + ps, c + span) - max(pc, c), max(pt, t),
                        min(pb, b)))
    return out


def _cut(box: Box, pinned: list[Box]) -> list[list[Box]]:
    c, span, t, b = box
    inside = _inside(box, pinned)
    if not inside:
        return [[box]]
    if len(inside) == 1 and inside[0] == box:
        return [[]]  # wholly pinned
    out: list[list[Box]] = []
    # horizontal cuts along a pinned item's top or bottom that cross no pinned item
    for y in sorted({p[2] for p in inside} | {p[3] for p in inside}):
        if t < y < b and not any(p[2] < y < p[3] for p in inside):
            for upper in _cut((c, span, t, y), inside):
                for lower in _cut((c, span, y, b), inside):
                    out.append(upper + lower)
    # vertical cuts along a pinned item's left or right edge
    for x in sorted({p[0] for p in inside} | {p[0] + p[1] for p in inside}):
        if c < x < c + span and not any(p[0] < x < p[0] + p[1] for p in inside):
            for left in _cut((c, x - c, t, b), inside):
                for right in _cut((x, c + span - x, t, b), inside):
                    out.append(left + right)
    return out
