"""The make-up search: a modular page (a slicing tree of stacks and rows) for a list of units.

In: the units in priority order, the free box (columns, top, height), and a `heights`
callback giving a tree's height table (`typeset.fit.share.options` on the real composer's
measurements, memoised). Out: the best `Candidate` — a `Stack` tree and its score.

The trees searched are the desk's modular pages: a top band with the lead (头条) across
`a` columns and, beside it, a stack of the next `k` units; below, a band of column groups
(splits of the remaining width, each at least 2 base columns), the remaining units dealt out
to the groups left to right in priority order, each group a stack. Every candidate is fitted
exactly by the sharing search; its score adds, in this order of weight: lines the page is
left over or short, 撞题 (two horizontal headlines side by side at one height), a lead
narrower than another story or without the page's largest headline, photos or boxed items
touching, then the levers' cost. A 竖题 is tried for the first story of a stack that stands
beside another headline. Ties keep the first candidate, in a fixed order: deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Callable

from typeset.makeup.units import Unit
from typeset.model.stack import Leaf, Row, Stack

OVER = 1e9
"""Per line the page is over or short."""
COLLISION = 1e7
"""Per pair of headlines side by side (撞题)."""
LEAD = 1e6
"""A lead narrower than another story, or a smaller headline than another's."""
TOUCH = 1e5
"""Per pair of photos, or of boxed items, touching."""
NARROW_LEAD = 2e3
"""Per base column a lead narrower than 6 (the desk's lead spans most of the page)."""
VERTICAL = 50.0
"""Cost of turning a headline vertical (竖题) to avoid a collision."""


@dataclass(frozen=True)
class Candidate:
    """A page tree, its height, and its score (lower is better) with the parts of it."""

    tree: Stack
    height: int
    score: float
    parts: tuple[tuple[str, float], ...]
    vertical: tuple[str, ...] = ()
    """Slot ids set with a 竖题."""


Heights = Callable[[Stack, tuple[str, ...]], dict[int, tuple[float, object]]]


def splits(width: int, most: int = 4, narrowest: int = 2) -> list[tuple[int, ...]]:
    """Ways to cut `width` base columns into 1..`most` groups of ≥ `narrowest` columns."""
    out: list[tuple[int, ...]] = []

    def rec(left: int, parts: tuple[int, ...]) -> None:
        if left == 0:
            out.append(parts)
            return
        if len(parts) == most:
            return
        for w in range(narrowest, left + 1):
            if left - w == 0 or left - w >= narrowest:
                rec(left - w, parts + (w,))

    rec(width, ())
    return sorted(out, key=lambda p: (len(p), p))


def deals(n: int, groups: int) -> list[tuple[int, ...]]:
    """The sizes of `groups` consecutive runs (each ≥ 1) that `n` units cut into."""
    return [tuple(b - a for a, b in zip((0,) + cut, cut + (n,)))
            for cut in combinations(range(1, n), groups - 1)]


class Search:
    """Builds and scores candidate trees for one free box."""

    def __init__(self, units: list[Unit], column: int, width: int, height: int,
                 heights: Heights, can_vertical: Callable[[str, int], bool],
                 largest_level: int, leaf: Callable[[str, int, int], Leaf]):
        self.units = units
        self.column = column
        self.width = width
        self.height = height
        self.heights = heights
        self.can_vertical = can_vertical
        self.largest_level = largest_level
        self.leaf = leaf
        self.tried = 0

    def best(self) -> Candidate | None:
        best: Candidate | None = None
        for cand in self.candidates():
            self.tried += 1
            if best is None or cand.score < best.score - 1e-9:
                best = cand
        return best

    def candidates(self):
        units, width = self.units, self.width
        if not units:
            return
        leads = [w for w in (width, 6, 5, 4, 3) if 2 <= w <= width and (
            w == width or width - w >= 2)]
        leads = list(dict.fromkeys(leads))
        for a in leads:
            besides = [0] if a == width else range(1, min(4, len(units) - 1) + 1)
            for k in besides:
                if a < width and k == 0:
                    continue
                top_units = units[1:1 + k]
                rest = units[1 + k:]
                for band2 in self.bands(rest, self.column):
                    yield from self.scored(a, top_units, band2)

    def bands(self, rest: list[Unit], column: int):
        """The lower band's column groups: [(span, units), …] (or [] when nothing is left)."""
        if not rest:
            yield []
            return
        for split in splits(self.width):
            if len(split) > len(rest):
                continue
            for sizes in deals(len(rest), len(split)):
                groups, i = [], 0
                for span, size in zip(split, sizes):
                    groups.append((span, rest[i:i + size]))
                    i += size
                yield groups

    def scored(self, a: int, beside: list[Unit], band2: list):
        lead = self.units[0]
        col = self.column
        vertical: list[str] = []
        collisions = 0
        if beside:
            first = beside[0]
            if first.headed and lead.headed:
                if self.can_vertical(first.ids[0], self.width - a):
                    vertical.append(first.ids[0])
                else:
                    collisions += 1
            top = Row(col, self.width, (
                self.stack([lead], col, a),
                self.stack(beside, col + a, self.width - a)))
        else:
            top = self.stack([lead], col, self.width)
        children = [top]
        if band2:
            groups, c = [], col
            for k, (span, units) in enumerate(band2):
                if k and units[0].headed and band2[k - 1][1][0].headed:
                    if self.can_vertical(units[0].ids[0], span):
                        vertical.append(units[0].ids[0])
                    else:
                        collisions += 1
                groups.append(self.stack(units, c, span))
                c += span
            children.append(groups[0] if len(groups) == 1 else Row(col, self.width,
                                                                   tuple(groups)))
        tree = Stack(col, self.width, tuple(children))
        table = self.heights(tree, tuple(vertical))
        if not table:
            return
        exact = self.height in table
        if exact:
            h = self.height
        else:
            h = min(table, key=lambda x: (abs(x - self.height), x > self.height))
        spans = [s for s, _ in band2] + ([self.width - a] if beside else [])
        lead_penalty = (a < max(spans, default=0)) + (lead.level > self.largest_level)
        touching = self.touching(beside, band2)
        parts = (("over/short lines", abs(h - self.height) * OVER),
                 ("撞题", collisions * COLLISION),
                 ("lead", lead_penalty * LEAD),
                 ("photos/boxes touching", touching * TOUCH),
                 ("lead width", max(0, min(6, self.width) - a) * NARROW_LEAD),
                 ("竖题", len(vertical) * VERTICAL),
                 ("levers", table[h][0]))
        yield Candidate(tree, h, sum(v for _, v in parts), parts, tuple(vertical))

    def stack(self, units: list[Unit], column: int, span: int) -> Stack:
        leaves = tuple(self.leaf(i, column, span) for u in units for i in u.ids)
        return Stack(column, span, leaves)

    @staticmethod
    def touching(beside: list[Unit], band2: list) -> int:
        """Photos or boxes one on another in a stack, or side by side at a row's top."""
        count = 0
        stacks = [beside] + [units for _, units in band2]
        for units in stacks:
            for x, y in zip(units, units[1:]):
                count += (x.photo and y.photo) + (x.box and y.box)
        tops = [units[0] for _, units in band2]
        for x, y in zip(tops, tops[1:]):
            count += (x.photo and y.photo) + (x.box and y.box)
        return count
