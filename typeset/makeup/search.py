"""The make-up search: a modular page (a slicing tree of stacks and rows) for a list of units.

In: the units in priority order, the free box (columns, top, height), and a `heights`
callback giving a tree's height table (`typeset.fit.share.options` on the real composer's
measurements, memoised). Out: the best `Candidate` — a `Stack` tree and its score.

The trees searched are the desk's modular pages: a top band with the lead (头条) across
`a` columns and, beside it, a stack of the next `k` units; below, a band of column groups
(splits of the remaining width, each at least 2 base columns), the remaining units dealt out
to the groups left to right in priority order, each group a stack. Every candidate is fitted
exactly by the sharing search; its score adds, in this order of weight: lines the box is
over, 撞题 (two horizontal headline groups in columns side by side whose lines overlap as
placed, each group measured at its width), a lead narrower than another story or without
the page's largest 主题 (sizes as set at their widths), cells left empty at the box's foot,
photos or boxed items touching, empty cells inside, then the levers' cost. A 竖题 is tried
for the first story of a stack that stands beside another headline, and for the wider story
of a pair still side by side. Ties keep the first candidate, in a fixed
order: deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from collections.abc import Callable

from typeset.fit.share import place
from typeset.makeup.units import Unit
from typeset.model.stack import Leaf, Row, Stack

OVER = 1e9
"""Per line the page is over (its text would be overset)."""
SHORT = 3e5
"""Per grid cell (line × column) left empty at a box's foot: a few cost less than a 撞题."""
WASTE = 2e3
"""Per grid cell left empty inside the box (a story's foot, a gap): fuller pages first."""
COLLISION = 1e8
"""Per pair of headlines side by side (撞题)."""
LEAD = 1e6
"""A lead narrower than another story, or a smaller headline than another's."""
TOUCH = 1e5
"""Per pair of photos, or of boxed items, touching."""
NARROW_LEAD = 2e3
"""Per base column a lead narrower than 6 (the desk's lead spans most of the page)."""
VERTICAL = 50.0
"""Cost of turning a headline vertical (竖题) to avoid a collision."""
BUDGET = 1500
"""Candidates after which no more neighbouring swaps are tried (bounds a page's time)."""
DEALS = 6
"""Ways of dealing the lower band's units to its column groups tried per split: those whose
groups come out most even by the units' measured areas."""
SWAP = 1e3
"""Two units after the lead taken out of their priority order."""
HEAD_LINES = 3
"""Lines a headline is taken to take when its group is not measured."""


@dataclass(frozen=True)
class Candidate:
    """A page tree, its height, and its score (lower is better) with the parts of it."""

    tree: Stack
    height: int
    score: float
    parts: tuple[tuple[str, float], ...]
    vertical: tuple[str, ...] = ()
    """Slot ids set with a 竖题."""
    lead_size: float = 0.0
    """The lead's 主题 size as set (pt; in the box that holds the lead)."""
    top_size: float = 0.0
    """The largest 主题 of the box's other stories (pt)."""
    waste: int = 0
    """Grid cells of the box left empty inside it (feet under text, gaps between modules)."""
    clashes: tuple[str, ...] = ()
    """Slots of the headlines side by side (撞题) as placed."""
    heads: tuple[tuple[str, int, int, int, int], ...] = ()
    """The horizontal headlines as placed: (slot, column, span, top, lines), top from the
    box's top (for the 撞题 between boxes)."""


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
                 largest_level: int, leaf: Callable[[str, int, int], Leaf],
                 head_lines: Callable[[str, int], int] | None = None,
                 outside: tuple = (), least_memo: dict | None = None,
                 head_size: Callable[[str, int], float] | None = None):
        self.units = units
        self.column = column
        self.width = width
        self.height = height
        self.heights = heights
        self.can_vertical = can_vertical
        self.largest_level = largest_level
        self.leaf = leaf
        self.head_lines = head_lines or (lambda _sid, _span: HEAD_LINES)
        self.outside = outside
        self.least_memo = {} if least_memo is None else least_memo
        self.head_size = head_size or (lambda _sid, _span: 0.0)
        """(slot, span) → fewest lines, shared by the searches of one page and photo share."""
        """Headlines placed in other boxes: (slot, column, span, top, lines), top from this
        box's top (a 撞题 across a cut counts as one inside)."""
        self.tried = 0
        self.areas: dict = {}

    def best(self, budget: int = BUDGET) -> Candidate | None:
        """The best candidate; when it still breaks a rule (撞题, photos or boxes touching),
        the units after the lead are also tried with one neighbouring pair swapped (priority
        then falls by one place at most) until `budget` candidates (at most `BUDGET`) have
        been scored."""
        best = self._best(self.candidates(self.units), None)
        if best is None or dict(best.parts).get("撞题", 0) + dict(best.parts).get(
                "photos/boxes touching", 0) == 0:
            return best
        clash = set(best.clashes)
        for k in range(1, len(self.units) - 1):
            if self.tried >= min(budget, BUDGET):
                break  # a count, not a clock: the same input still gives the same page
            if clash and not clash & set(self.units[k].ids + self.units[k + 1].ids):
                continue  # only the units whose headlines collide are moved
            order = list(self.units)
            order[k], order[k + 1] = order[k + 1], order[k]
            best = self._best(self.candidates(order), best, swapped=True)
        return best

    def _best(self, cands, best: Candidate | None, swapped: bool = False):
        for cand in cands:
            self.tried += 1
            if swapped:
                cand = Candidate(cand.tree, cand.height, cand.score + SWAP,
                                 cand.parts + (("order", SWAP),), cand.vertical,
                                 clashes=cand.clashes, heads=cand.heads, waste=cand.waste,
                                 lead_size=cand.lead_size, top_size=cand.top_size)
            if best is None or cand.score < best.score - 1e-9:
                best = cand
        return best

    def candidates(self, units: list[Unit]):
        width = self.width
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
                    yield from self.scored(a, top_units, band2, units[0])

    def bands(self, rest: list[Unit], column: int):
        """The lower band's column groups: [(span, units), …] (or [] when nothing is left)."""
        if not rest:
            yield []
            return
        areas = [self.area(u) for u in rest]
        for split in splits(self.width):
            if len(split) > len(rest):
                continue
            options = []
            for sizes in deals(len(rest), len(split)):
                groups, i = [], 0
                for span, size in zip(split, sizes):
                    groups.append((span, rest[i:i + size]))
                    i += size
                # how unevenly the groups would come out (estimated heights)
                heights, i = [], 0
                for span, size in zip(split, sizes):
                    heights.append(sum(areas[i:i + size]) / span)
                    i += size
                options.append((max(heights) - min(heights), len(options), groups))
            options.sort(key=lambda o: (o[0], o[1]))
            for _spread, _n, groups in options[:DEALS]:
                yield groups

    def scored(self, a: int, beside: list[Unit], band2: list, lead: Unit):
        col = self.column
        vertical: list[str] = []  # collisions left are counted as placed (judged)
        if beside:
            first = beside[0]
            if first.headed and lead.headed and self.can_vertical(first.ids[0],
                                                                  self.width - a):
                vertical.append(first.ids[0])
            top = Row(col, self.width, (
                self.stack([lead], col, a),
                self.stack(beside, col + a, self.width - a)))
        else:
            top = self.stack([lead], col, self.width)
        children = [top]
        if band2:
            groups, c = [], col
            for k, (span, units) in enumerate(band2):
                if k and units[0].headed and band2[k - 1][1][0].headed and \
                        self.can_vertical(units[0].ids[0], span):
                    vertical.append(units[0].ids[0])
                groups.append(self.stack(units, c, span))
                c += span
            children.append(groups[0] if len(groups) == 1 else Row(col, self.width,
                                                                   tuple(groups)))
        tree = Stack(col, self.width, tuple(children))
        table = self.heights(tree, tuple(vertical))
        if not table:  # far more than the box holds: say roughly how much
            need = sum(min(self.least(leaf), 10_000) * leaf.span for leaf in _leaves(tree))
            h = self.height + max(1, -(-(need - self.height * self.width) // self.width),
                                  self.lowest(tree) - self.height)
            yield Candidate(tree, h, (h - self.height) * OVER,
                            (("over/short lines", (h - self.height) * OVER),), ())
            return
        cand = self.judged(tree, table, a, beside, band2, lead, vertical)
        for _round in range(2):  # headlines still side by side: turn one of each pair 竖题
            pairs = cand.parts[-1][1] if cand.parts[1][1] else ()
            turn = []
            for x, y in pairs:
                for sid, span in sorted((p for p in (x, y)), key=lambda p: -p[1]):
                    if sid != lead.ids[0] and sid not in vertical and sid not in turn \
                            and self.can_vertical(sid, span):
                        turn.append(sid)
                        break
            if not turn:
                break
            trial = vertical + turn
            again = self.heights(tree, tuple(trial))
            if not again:
                break
            other = self.judged(tree, again, a, beside, band2, lead, trial)
            if other.score >= cand.score - 1e-9:
                break
            cand, vertical = other, trial
        pairs = cand.parts[-1][1]
        clashes = tuple(sorted({p[0] for pair in pairs for p in pair}))
        yield Candidate(cand.tree, cand.height, cand.score, cand.parts[:-1], cand.vertical,
                        clashes=clashes, heads=cand.heads, waste=cand.waste,
                        lead_size=cand.lead_size, top_size=cand.top_size)

    def judged(self, tree: Stack, table, a: int, beside: list[Unit], band2: list,
               lead: Unit, vertical: list[str]) -> Candidate:
        """The candidate scored as placed at the height nearest the box's; its last part
        lists the colliding headlines ((slot, span), (slot, span))."""
        if self.height in table:
            h = self.height
        else:
            h = min(table, key=lambda x: (abs(x - self.height), x > self.height))
        spans = [s for s, _ in band2] + ([self.width - a] if beside else [])
        areas: dict = {}
        place(tree, table[h][1], 0, h, areas)
        facts = self.facts()
        leading = self.largest_level < 10  # this box holds the page's lead
        lead_size = self.head_size(lead.ids[0], a) if leading else 0.0
        top_size = max((self.head_size(sid, area.span) for sid, (area, _c) in areas.items()
                        if facts.get(sid, (False,) * 3)[2] or sid in vertical
                        if not (leading and sid == lead.ids[0])), default=0.0)
        lead_penalty = (a < max(spans, default=0)) + (lead.level > self.largest_level) + (
            leading and lead_size > 0 and lead_size <= top_size)
        touching, pairs = self.geometry(areas, set(vertical))
        printed = sum(area.span * (min(c.natural, area.lines) if c.natural else area.lines)
                      for area, c in areas.values())
        waste = max(0, self.width * min(h, self.height) - printed)
        parts = (("over/short lines", max(0, h - self.height) * OVER
                  + max(0, self.height - h) * self.width * SHORT),
                 ("撞题", len(pairs) * COLLISION),
                 ("lead", lead_penalty * LEAD),
                 ("photos/boxes touching", touching * TOUCH),
                 ("lead width", max(0, min(6, self.width) - a) * NARROW_LEAD),
                 ("竖题", len(vertical) * VERTICAL),
                 ("empty cells", waste * WASTE),
                 ("levers", table[h][0]))
        heads = tuple((sid, area.column, area.span, area.top, self.head_lines(sid, area.span))
                      for sid, (area, _c) in sorted(areas.items())
                      if self.facts().get(sid, (False,) * 3)[2] and sid not in vertical)
        return Candidate(tree, h, sum(v for _, v in parts), parts + (("pairs", pairs),),
                         tuple(vertical), heads=heads, waste=waste, lead_size=lead_size,
                         top_size=top_size)

    def area(self, unit: Unit) -> float:
        """Grid lines × columns a unit takes (measured at 3 columns, or the box's width)."""
        key = unit.ids
        if key not in self.areas:
            span = min(3, self.width)
            self.areas[key] = sum(min(self.least(self.leaf(i, self.column, span)), 500) * span
                                  for i in unit.ids)
        return self.areas[key]

    def lowest(self, node) -> int:
        """The fewest lines a tree could take: its stacks' sums, its rows' tallest child (a
        bound that ranks the trees over the box: the least over first)."""
        if isinstance(node, Leaf):
            return min(self.least(node), 10_000)
        kids = [self.lowest(child) for child in node.children]
        return max(kids) if isinstance(node, Row) else sum(kids)

    def least(self, leaf: Leaf) -> int:
        """The fewest lines a leaf takes at its span (from its height table)."""
        key = (leaf.slot_id, leaf.span)
        if key not in self.least_memo:
            table = self.heights(Stack(leaf.column, leaf.span, (leaf,)), ())
            self.least_memo[key] = min(table) if table else 10_000
        return self.least_memo[key]

    def headed(self, slot_id: str) -> bool:
        """A story with a horizontal headline (from its unit)."""
        for unit in self.units:
            if slot_id in unit.ids:
                return unit.headed if slot_id == unit.ids[0] else unit.story
        return False

    def stack(self, units: list[Unit], column: int, span: int) -> Stack:
        """Units one below the other; a label's stories side by side under it when the
        stack is wide enough (≥ 6 columns, ≥ 2 a story): short items grouped."""
        children = []
        for unit in units:
            stories = unit.ids[1:]
            if len(stories) >= 2 and span >= max(6, 2 * len(stories)):
                children.append(self.leaf(unit.ids[0], column, span))
                widths = [span // len(stories)] * len(stories)
                for k in range(span - sum(widths)):
                    widths[k] += 1
                cells, c = [], column
                for sid, w in zip(stories, widths):
                    cells.append(Stack(c, w, (self.leaf(sid, c, w),)))
                    c += w
                children.append(Row(column, span, tuple(cells)))
            else:
                children.extend(self.leaf(i, column, span) for i in unit.ids)
        return Stack(column, span, tuple(children))

    def geometry(self, areas: dict, vertical: set[str]) -> tuple[int, list]:
        """(photos or boxed items touching, the horizontal headlines side by side as
        ((slot, span), (slot, span)) pairs) as placed."""
        facts = {sid: (f[0], f[1], f[2] and sid not in vertical)
                 for sid, f in self.facts().items()}
        ids = sorted(areas)
        touching, heads = 0, []
        for i, x in enumerate(ids):
            ax = areas[x][0]
            for y in ids[i + 1:]:
                ay = areas[y][0]
                side = (ax.column + ax.span == ay.column or ay.column + ay.span == ax.column) \
                    and max(ax.top, ay.top) < min(ax.bottom, ay.bottom)
                over = (ax.bottom in (ay.top, ay.top - 1) or ay.bottom in (ax.top, ax.top - 1)) \
                    and max(ax.column, ay.column) < min(ax.column + ax.span,
                                                        ay.column + ay.span)
                fx, fy = facts.get(x, (False,) * 3), facts.get(y, (False,) * 3)
                if side or over:
                    touching += (fx[0] and fy[0]) + (fx[1] and fy[1])
                if side and fx[2] and fy[2] and max(ax.top, ay.top) < min(
                        ax.top + self.head_lines(x, ax.span) + 1,
                        ay.top + self.head_lines(y, ay.span) + 1):
                    heads.append(((x, ax.span), (y, ay.span)))
        for x in ids:  # beside the headlines of the boxes searched before this one
            ax = areas[x][0]
            if facts.get(x, (False,) * 3)[2]:
                mine = (x, ax.column, ax.span, ax.top, self.head_lines(x, ax.span))
                heads.extend(((x, ax.span), (o[0], 0)) for o in self.outside
                             if side_by_side(mine, o))
        return touching, heads

    def facts(self) -> dict[str, tuple[bool, bool, bool]]:
        """Per slot: (a boxed item, a photo, a story with a horizontal headline)."""
        facts = {}
        for unit in self.units:
            for k, sid in enumerate(unit.ids):
                facts[sid] = (unit.box if k == 0 or len(unit.ids) == 1 else False,
                              unit.photo if len(unit.ids) == 1 else False,
                              unit.headed if k == 0 else unit.story)
        return facts

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



def side_by_side(a: tuple, b: tuple) -> bool:
    """Two placed headlines (slot, column, span, top, lines) in columns side by side whose
    lines overlap: 撞题."""
    _x, ac, aspan, atop, alines = a
    _y, bc, bspan, btop, blines = b
    side = ac + aspan == bc or bc + bspan == ac
    return side and max(atop, btop) < min(atop + alines + 1, btop + blines + 1)


def _leaves(node):
    if isinstance(node, Leaf):
        return [node]
    out = []
    for child in node.children:
        out.extend(_leaves(child))
    return out
