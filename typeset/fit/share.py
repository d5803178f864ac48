"""Share a container's box among its items: every item ends on its text.

In: a stack/row tree (`typeset.model.stack`), the heights each leaf can take with their cost
(from the levers), and the box's height. Out: a plan — a height for every node — found by
dynamic programming over whole grid lines: a leaf offers heights; a row takes a height every
child can take (the sum of their costs; failing that, one some child falls short of, at a high
cost per empty line); a stack adds its children's heights and the empty
lines between modules (the gap lever). The cheapest plan of exactly the box's height wins;
when none exists, the nearest (shorter first) is taken and the difference reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from typeset.model.edition import GridArea
from typeset.model.stack import Leaf, Node, Row, Stack


@dataclass(frozen=True)
class Choice:
    """How one leaf is set: its height and the lever settings that give it."""

    height: int
    natural: int = 0
    """Lines the item's content takes set this way (the rest of `height` is foot)."""
    photo_lines: int | None = None
    headline_lines: int | None = None
    cost: float = 0.0
    note: str = ""
    """The levers used, for the report (照片 −2行, 主题一行 …)."""
    tracking: float | None = None
    """The tracking lever's em (None: as the manifest says)."""
    spacing: int | None = None
    """The headline spacing lever's lines (None: as the manifest says)."""


Options = dict[int, tuple[float, object]]
"""height → (cost, plan): a leaf's plan is its Choice, a row's the tuple of its children's
plans, a stack's a tuple of (gap before, height, plan) per child."""

LeafOptions = Callable[[Leaf, int], dict[int, Choice]]

SHORT_WEIGHT = 1e6
"""Cost of one empty grid line left under an item of a row whose neighbours need more."""


def options(node: Node, cap: int, leaf_options: LeafOptions, gap_lines: int,
            gap_weight: float, memo: dict | None = None,
            key: Callable[[Node], object] | None = None) -> Options:
    """Every height ≤ `cap` the tree can take, with the cheapest plan for each. With `memo`
    and `key`, subtrees of equal key (same items, same widths) are computed once."""
    if memo is not None and key is not None:
        k = key(node)
        hit = memo.get(k)
        if hit is None:
            hit = _options(node, cap, leaf_options, gap_lines, gap_weight, memo, key)
            memo[k] = hit
        return hit
    return _options(node, cap, leaf_options, gap_lines, gap_weight, memo, key)


def _options(node: Node, cap: int, leaf_options: LeafOptions, gap_lines: int,
             gap_weight: float, memo, key) -> Options:
    if isinstance(node, Leaf):
        return {h: (c.cost, c) for h, c in sorted(leaf_options(node, cap).items()) if h <= cap}
    kids = [options(child, cap, leaf_options, gap_lines, gap_weight, memo, key)
            for child in node.children]
    if isinstance(node, Row):
        return _row(kids)
    table: Options = {0: (0.0, ())}
    for index, kid in enumerate(kids):
        gaps = range(gap_lines + 1) if index else range(1)
        new: Options = {}
        heights = sorted(kid)
        for h0 in sorted(table):
            c0, p0 = table[h0]
            for gap in gaps:
                for h1 in heights:
                    h = h0 + gap + h1
                    if h > cap:
                        break
                    cost = c0 + gap * gap_weight + kid[h1][0]
                    if h not in new or cost < new[h][0] - 1e-9:
                        new[h] = (cost, p0 + ((gap, h1, kid[h1][1]),))
        table = new
        if not table:
            return {}
    return table


def _row(kids: list[Options]) -> Options:
    """A row's heights: each a height every child takes exactly, or — when the children have
    no height in common — one a child falls short of by some empty lines at its foot, at
    SHORT_WEIGHT a line (the sharing report names them)."""
    if any(not k for k in kids):
        return {}
    low = max(min(k) for k in kids)
    top = max(max(k) for k in kids)
    below = []  # per child: the tallest height it takes ≤ h, for every h up to `top`
    for k in kids:
        best, fits = None, []
        for h in range(top + 1):
            if h in k:
                best = h
            fits.append(best)
        below.append(fits)
    table: Options = {}
    for h in sorted({h for k in kids for h in k if h >= low}):
        cost, plans = 0.0, []
        for k, fits in zip(kids, below):
            fit = fits[h]
            cost += k[fit][0] + (h - fit) * SHORT_WEIGHT
            plans.append((fit, k[fit][1]))
        table[h] = (cost, tuple(plans))
    return table


def choose(table: Options, height: int | None) -> tuple[int | None, str]:
    """The height to give a tree in a box of `height` lines (None: as tall as it needs):
    (height, "exact" | "short" | "over" | "auto"); (None, "none") when nothing fits."""
    if not table:
        return None, "none"
    if height is None:
        best = min(table, key=lambda h: (table[h][0], h))
        return best, "auto"
    if height in table:
        return height, "exact"
    shorter = [h for h in table if h < height]
    if shorter:
        return max(shorter), "short"
    return min(table), "over"


def place(node: Node, plan: object, top: int, height: int,
          out: dict[str, tuple[GridArea, Choice]]) -> None:
    """Give every leaf its area: a stack's children one below the other (after their gaps),
    a row's children side by side, all `height` tall."""
    if isinstance(node, Leaf):
        out[node.slot_id] = (GridArea(node.column, node.span, top, top + height), plan)
        return
    if isinstance(node, Row):
        for child, (child_height, child_plan) in zip(node.children, plan):
            place(child, child_plan, top, child_height, out)
        return
    y = top
    for child, (gap, h, child_plan) in zip(node.children, plan):
        y += gap
        place(child, child_plan, y, h, out)
        y += h


def gaps_used(node: Node, plan: object) -> int:
    """Empty lines between modules in a plan."""
    if isinstance(node, Leaf):
        return 0
    if isinstance(node, Row):
        return sum(gaps_used(c, p) for c, (_h, p) in zip(node.children, plan))
    return sum(g + gaps_used(c, p) for c, (g, _h, p) in zip(node.children, plan))


__all__ = ["Choice", "Options", "choose", "gaps_used", "options", "place", "Stack"]
