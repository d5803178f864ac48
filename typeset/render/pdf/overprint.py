"""Which black rules and frames must knock out instead of overprinting, to keep the ink limit.

In: one page's display-list items and the total ink limit (percent). Out: the indexes (into the
item sequence) of pure 100 % K rules and box strokes that would overprint a coloured rule, frame
or fill drawn before them whose C + M + Y is more than `max_ink` − 100 — e.g. a black cut-off
rule lying on a red ad frame gives 0/100/100/100 = 300 %. Those are painted knocking out (the
black replaces the colour where they overlap: 100 %), which looks the same in print.

Black text keeps overprinting (GWG rule for text ≤ 12 pt); images are not looked at here (the
photo separation already leaves K headroom only in light areas).
"""

from __future__ import annotations

from typeset.frame import CMYK, Box, Rule

Rect = tuple[float, float, float, float]


def _rule_rect(rule: Rule) -> Rect:
    half = rule.width / 2
    return (min(rule.x0, rule.x1) - half, min(rule.y0, rule.y1) - half,
            max(rule.x0, rule.x1) + half, max(rule.y0, rule.y1) + half)


def _stroke_rects(box: Box) -> list[Rect]:
    half = box.stroke_width / 2
    x0, y0, x1, y1 = box.x, box.y, box.x + box.width, box.y + box.height
    return [(x0 - half, y0 - half, x1 + half, y0 + half), (x0 - half, y1 - half, x1 + half, y1 + half),
            (x0 - half, y0 - half, x0 + half, y1 + half), (x1 - half, y0 - half, x1 + half, y1 + half)]


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _colour_ink(colour: CMYK) -> float:
    return 100.0 * (colour.c + colour.m + colour.y)


def knockout_items(items, max_ink: float) -> set[int]:
    """Indexes of black rules/box strokes in `items` that must not overprint (see module doc)."""
    if max_ink <= 0:
        return set()
    room = max_ink - 100.0
    coloured: list[Rect] = []
    found: set[int] = set()
    for index, item in enumerate(items):
        if isinstance(item, Rule):
            mine, colour = [_rule_rect(item)], item.color
        elif isinstance(item, Box):
            if item.stroke is not None and item.stroke.is_pure_black:
                if any(_overlap(r, c) for r in _stroke_rects(item) for c in coloured):
                    found.add(index)
            for colour, rects in ((item.fill, [(item.x, item.y, item.x + item.width,
                                                item.y + item.height)]),
                                  (item.stroke, _stroke_rects(item) if item.stroke else [])):
                if colour is not None and _colour_ink(colour) > room + 1e-6:
                    coloured.extend(rects)
            continue
        else:
            continue
        if colour.is_pure_black and any(_overlap(r, c) for r in mine for c in coloured):
            found.add(index)
        elif _colour_ink(colour) > room + 1e-6:
            coloured.extend(mine)
    return found
