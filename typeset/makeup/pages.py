"""The make-up search of `typeset.makeup.pass_.make_up_edition` for an edition with
`make_up: auto` pages: every such page given the best stack/row tree the search finds.

In: the edition, its `FontBook`, image sizes and the `MakeupResult` to fill. Out: that result,
its edition's make-up pages given trees (`Page.containers`), a `PageChoice` each.
"""

from __future__ import annotations

import time
from dataclasses import replace

from typeset.compose.headline import set_headline_group
from typeset.diagnostics import error, warning
from typeset.fit import measure
from typeset.fit.page_fitter import PageFitter
from typeset.fit.pass_ import FitResult, contexts_for
from typeset.fit.share import options
from typeset.fonts import FontBook
from typeset.makeup.hierarchy import headline_levels
from typeset.makeup.pass_ import MakeupResult, PageChoice
from typeset.makeup.regions import free_boxes
from typeset.makeup.search import LEAD, SHORT, Candidate, Search, deals
from typeset.makeup.units import Unit, page_units
from typeset.model.edition import Edition, GridArea, Page
from typeset.model.stack import Container, Leaf, Node, Row, Stack, leaves

SLACK = 30
"""Lines beyond the page's height the search still measures (to say how much is over)."""
PHOTO_SHARE = 0.6
"""A story's unsized photo spans this share of the story's columns (from 4 columns)."""
PHOTO_FOOT = 3
"""Lines a story's photo block needs below its picture (caption, credit): a story set
shorter than its picture and these would have its photo cut short."""
OTHER_SHARES = (0.4, 1.0)
"""Shares tried in turn when the page still comes out over or short (a smaller photo makes
room, a larger one fills)."""
MASTHEAD_LINES = 10
"""Lines the front page (`Page.is_front`) keeps free at its top for the masthead."""
DEALS = 6
"""Cuts of the units into runs tried per way of cutting the free space."""
MOVES = 40
"""Dealings one move from the best tried when a box still comes out over or short."""
PAGE_BUDGET = 2500
"""Candidate trees after which a page's search stops trying more dealings, moves and photo
shares (a count, not a clock: the same input still gives the same page)."""


def make_up_pages(edition: Edition, fonts: FontBook, image_sizes: dict | None,
                  result: MakeupResult) -> MakeupResult:
    """`result` (for `edition`) with every `make_up: auto` page made up, pages in order."""
    edition, changed = headline_levels(edition)
    result.diagnostics.extend(changed)
    contexts = contexts_for(edition, fonts, image_sizes)
    pages = list(edition.pages)
    fitted = list(edition.pages)
    """The pages before the one made up, fitted as the fit pass will (so a continuation
    on a later page is measured with the rest of its story)."""
    for k, page in enumerate(pages):
        if page.make_up == "auto" and page.makeup:
            start = time.perf_counter()
            pages[k], choice = _PageMakeup(page, edition, contexts, fitted, result,
                                           page.is_front).run()
            if choice is not None:
                choice.seconds = time.perf_counter() - start
                result.pages.append(choice)
        if pages[k].containers:
            fitted[k] = PageFitter(pages[k], contexts, FitResult(edition), fitted).run()
    result.edition = replace(edition, pages=tuple(pages))
    return result


class _PageMakeup:
    def __init__(self, page: Page, edition: Edition, contexts, pages, result: MakeupResult,
                 front: bool):
        self.page = page
        self.edition = edition
        self.result = result
        self.front = front
        self.fitter = PageFitter(page, contexts, FitResult(edition), pages)
        self.ctx = self.fitter.ctx
        self.by_id = {s.id: s for s in page.slots}
        self.leaf_memo: dict = {}
        self.share = PHOTO_SHARE
        self.spent = 0
        """Candidate trees scored for this page so far (against `PAGE_BUDGET`)."""
        self.table_memo: dict = {}
        self.head_memo: dict = {}
        self.least_memo: dict = {}
        self.vertical: frozenset[str] = frozenset()
        self.photo_sized = {s.id: bool(s.photo and s.photo.span) for s in page.slots}

    # -- measurements ----------------------------------------------------------------------
    def leaf(self, slot_id: str, column: int, span: int) -> Leaf:
        slot = self.by_id[slot_id]
        elastic = slot.kind == "continuation" or (slot.kind == "story"
                                                  and slot.continue_to is not None)
        return Leaf(slot_id, column, span, 0, elastic, slot.source)

    def shaped(self, slot, span: int, vertical: bool):
        """The slot as make-up sets it at `span` columns: a 竖题 if chosen, and a photo the
        desk left unsized spanning about 3/5 of a story 4 or more columns wide (the text
        beside it), else the whole width."""
        if vertical:
            slot = replace(slot, headline_vertical="right")
        photo = slot.photo
        if slot.kind == "story" and photo is not None and not self.photo_sized.get(slot.id):
            wide = max(2, round(span * self.share)) if span >= 4 else 0
            slot = replace(slot, photo=replace(photo, span=wide))
        return slot

    def leaf_options(self, leaf: Leaf, cap: int):
        vertical = leaf.slot_id in self.vertical
        key = (leaf.slot_id, leaf.span, vertical, cap, self.share)
        hit = self.leaf_memo.get(key)
        if hit is None:
            original = self.fitter.by_id[leaf.slot_id]
            shaped = self.shaped(original, leaf.span, vertical)
            if shaped is not original:
                self.fitter.by_id[leaf.slot_id] = shaped
            try:
                hit = self.fitter.leaf_options(leaf, cap)
                if shaped.kind == "story" and shaped.photo is not None and hit:
                    # the text ending above its photo's foot: the picture would be cut short
                    p0 = self.fitter.photo_natural(self.fitter.slot_for(leaf))
                    hit = {h: c for h, c in hit.items()
                           if h >= (c.photo_lines or p0) + PHOTO_FOOT}
            finally:
                self.fitter.by_id[leaf.slot_id] = original
            self.leaf_memo[key] = hit
        return hit

    def key(self, node: Node):
        if isinstance(node, Leaf):
            return ("L", node.slot_id, node.span, node.slot_id in self.vertical)
        return ("R" if isinstance(node, Row) else "S", node.span,
                tuple(self.key(c) for c in node.children))

    def heights(self, cap: int):
        lev = self.fitter.levers
        gap_lines = lev.gap_lines if lev.allows("gap") else 0

        weight = lev.weight("gap")
        height = cap - SLACK

        def table(tree: Stack, vertical: tuple[str, ...]):
            self.vertical = frozenset(vertical)
            memo = self.table_memo.setdefault((cap, self.share), {})
            kids = [options(child, cap, self.leaf_options, gap_lines, weight,
                            memo, self.key) for child in tree.children]
            if len(kids) == 1:
                return {h: (c, ((0, h, p),)) for h, (c, p) in kids[0].items()}
            # Two bands: only the page's height matters, so look for it directly.
            top, low = kids
            best = None
            for h1, (c1, p1) in top.items():
                for gap in range(gap_lines + 1):
                    h2 = height - h1 - gap
                    if h2 in low:
                        cost = c1 + gap * weight + low[h2][0]
                        if best is None or cost < best[0] - 1e-9:
                            best = (cost, ((0, h1, p1), (gap, h2, low[h2][1])))
            if best is not None:
                return {height: best}
            return options(tree, cap, self.leaf_options, gap_lines, weight)
        return table

    def head_lines(self, slot_id: str, span: int) -> int:
        """Grid lines the story's headline group takes at `span` columns (0: none)."""
        return self.head(slot_id, span)[0]

    def head_size(self, slot_id: str, span: int) -> float:
        """The 主题's size in pt as set at `span` columns (its ladder stepped down to fit);
        0 for an item without a headline."""
        return self.head(slot_id, span)[1]

    def head(self, slot_id: str, span: int) -> tuple[int, float]:
        key = (slot_id, span)
        if key not in self.head_memo:
            slot = self.by_id[slot_id]
            story = self.edition.stories.get(slot.story or "")
            lines, size = 0, 0.0
            if slot.kind == "story" and story is not None and story.headline is not None \
                    and story.headline.headline:
                width = self.ctx.grid.span_width(span)
                block = set_headline_group(story.headline, 0.0, 0, width, self.ctx,
                                           max_lines=slot.headline_lines)
                lines, size = block.lines + (2 if slot.box else 0), block.size
            self.head_memo[key] = (lines, size)
        return self.head_memo[key]

    def can_vertical(self, slot_id: str, span: int) -> bool:
        slot = self.by_id[slot_id]
        return (span >= 2 and slot.kind == "story" and not slot.headline_span
                and not slot.text_columns)

    # -- the page ----------------------------------------------------------------------------
    def run(self):
        page = self.page
        units = page_units(page, self.edition.stories)
        if not units:
            return page, None
        top = MASTHEAD_LINES if self.front else 0
        pinned = [s for s in page.slots if s.id not in {i for u in units for i in u.ids}]
        ways = self.boxes(pinned, top)
        if ways is None:
            return page, None
        levels = [u.level for u in units if u.story]
        largest = min(levels, default=9)
        start = time.perf_counter()
        choices = self.search(units, ways, largest)
        tried = self.tried
        score = lambda found: sum(c.score for _b, c in found)  # noqa: E731
        def off(found) -> bool:
            """Over in a box, or more than 5 % of the free space left empty."""
            empty = sum(max(0, b[3] - b[2] - c.height) * b[1] + c.waste for b, c in found)
            room = sum((b[3] - b[2]) * b[1] for b, _c in found)
            return any(c.height > b[3] - b[2] for b, c in found) or empty > 0.05 * room

        if choices is not None and off(choices) and any(
                s.kind == "story" and s.photo and not self.photo_sized.get(s.id)
                for s in page.slots):
            share = self.share
            for other in OTHER_SHARES:
                if self.spent >= PAGE_BUDGET:
                    break
                self.share = other
                found = self.search(units, ways, largest)
                tried += self.tried
                if found is not None and score(found) < score(choices) - 1e-9:
                    choices, share = found, other
                if not off(choices):
                    break
            self.share = share
        self.tried = tried
        if choices is None:
            self.result.diagnostics.append(error(
                "make-up-impossible", f"page {page.number}: no layout found for its items",
                page=page.number, source=page.source,
                hint="give fewer items, or pin some with at:"))
            return page, None
        containers, vertical, cands = [], [], []
        for n, ((column, span, btop, bottom), cand) in enumerate(choices):
            containers.append(Container(f"make-up-{page.number}-{n + 1}", column, span, btop,
                                        bottom, cand.tree, page.source))
            vertical.extend(cand.vertical)
            cands.append(cand)
            self.report(cand, bottom - btop, column, span)
        slots = list(page.slots)
        for container in containers:
            for leaf in leaves(container.root):
                k = next(i for i, s in enumerate(slots) if s.id == leaf.slot_id)
                shaped = self.shaped(slots[k], leaf.span, leaf.slot_id in vertical)
                slots[k] = replace(shaped, area=GridArea(leaf.column, leaf.span,
                                                         slots[k].area.top,
                                                         slots[k].area.top + 1))
        new = replace(page, slots=tuple(slots), containers=page.containers + tuple(containers))
        choice = PageChoice(page.number, tuple(containers), cands,
                            sum(c[1].score >= 0 for c in choices), time.perf_counter() - start,
                            tuple(vertical))
        choice.tried = tried
        return new, choice

    def boxes(self, pinned, top: int):
        """Ways to cut the free space into boxes around the pinned items (reading order)."""
        lay = self.page.layout
        areas = [(s.area.column, s.area.span, s.area.top, s.area.bottom) for s in pinned]
        ways = [way for way in free_boxes(lay.columns, lay.lines, top, areas) if way]
        if not ways:  # (a way with no box at all: the pinned items cover the page)
            where = pinned[0] if pinned else None
            self.result.diagnostics.append(error(
                "make-up-pinned", f"page {self.page.number}: the pinned items leave no room "
                "for modules (every free rectangle is narrower than 2 columns or lower than "
                "6 lines)", source=where.source if where else self.page.source,
                page=self.page.number, slot=where.id if where else None,
                hint="move the pinned items to the page's edges, or write the page as stacks"))
            return None
        return ways

    def search(self, units: list[Unit], ways, largest: int):
        """The best candidate for each box of the best way: the units dealt to the boxes in
        priority order (the lead in the first), in the shares nearest the boxes' areas;
        when a box still comes out over or short, or headlines collide, units are moved or
        swapped between boxes (`MOVES` tries at most)."""
        self.tried = 0
        best, best_score, best_runs = None, None, None
        self.box_memo: dict = {}
        for boxes in ways:
            for runs in self.runs(units, boxes):
                if best is not None and self.spent >= PAGE_BUDGET:
                    break
                found = self.dealt(boxes, runs, largest)
                if found is not None and (best_score is None or found[1] < best_score - 1e-9):
                    best, best_score, best_runs = found[0], found[1], (boxes, runs)
        if best is None or best_score < SHORT:
            return best
        boxes, runs = best_runs
        tries = 0
        improved = len(boxes) > 1
        while improved and tries < MOVES and best_score >= SHORT and self.spent < PAGE_BUDGET:
            improved = False
            for trial in self.moves(runs, units[0]):
                tries += 1
                found = self.dealt(boxes, trial, largest)
                if found is not None and found[1] < best_score - 1e-9:
                    best, best_score, runs, improved = found[0], found[1], trial, True
                    break
                if tries >= MOVES or self.spent >= PAGE_BUDGET:
                    break
        return best

    def dealt(self, boxes, runs, largest: int):
        """(the best candidate per box, the sum of their scores with 撞题 across boxes) for
        one dealing of the units, or None when a box has no candidate."""
        chosen, score = [], 0.0
        for n, (box, run) in enumerate(zip(boxes, runs)):
            outside = tuple((sid, c, span, top + b[2] - box[2], lines) for b, cand in chosen
                            for sid, c, span, top, lines in cand.heads)
            key = (tuple(u.ids for u in run), box, n == 0, outside)
            if key not in self.box_memo:
                self.box_memo[key] = self.one(run, box, largest if n == 0 else 10, outside)
            cand = self.box_memo[key]
            if cand is None:
                return None
            chosen.append((box, cand))
            score += cand.score
        lead = chosen[0][1].lead_size
        if lead and lead <= max(c.top_size for _b, c in chosen):
            score += LEAD  # another box's headline as large as the lead's
        return chosen, score

    @staticmethod
    def moves(runs, lead: Unit):
        """Dealings one step from `runs`: one unit moved to another box, or two units of
        two boxes swapped (each box's units kept in priority order, the lead kept first)."""
        order = lambda run: sorted(run, key=lambda u: u.priority)  # noqa: E731
        for i, run in enumerate(runs):
            for u in run:
                if u is lead:
                    continue
                for j in range(len(runs)):
                    if j == i or len(run) < 2:
                        continue
                    trial = list(runs)
                    trial[i] = [x for x in run if x is not u]
                    trial[j] = order(runs[j] + [u])
                    yield trial
        for i, run in enumerate(runs):
            for j in range(i + 1, len(runs)):
                for u in run:
                    for v in runs[j]:
                        if u is lead or v is lead:
                            continue
                        trial = list(runs)
                        trial[i] = order([x for x in run if x is not u] + [v])
                        trial[j] = order([x for x in runs[j] if x is not v] + [u])
                        yield trial

    def runs(self, units: list[Unit], boxes) -> list[list[list[Unit]]]:
        """The units cut into one consecutive run per box, the `DEALS` cuts whose measured
        areas come nearest the boxes' shares of the free space."""
        if len(boxes) == 1:
            return [[units]]
        if len(units) < len(boxes):
            return []
        areas = [self.unit_area(u) for u in units]
        total = sum(areas) or 1.0
        room = [span * (bottom - top) for _c, span, top, bottom in boxes]
        whole = sum(room)
        scored = []
        for sizes in deals(len(units), len(boxes)):
            i, miss = 0, 0.0
            for size, r in zip(sizes, room):
                miss += abs(sum(areas[i:i + size]) / total - r / whole)
                i += size
            scored.append((miss, sizes))
        scored.sort()
        out = []
        for _miss, sizes in scored[:DEALS]:
            i, run = 0, []
            for size in sizes:
                run.append(units[i:i + size])
                i += size
            out.append(run)
        return out

    def unit_area(self, unit: Unit) -> float:
        """Columns × lines a unit takes set 3 columns wide (its fewest lines)."""
        table = self.heights(self.page.layout.lines + SLACK)
        total = 0.0
        for sid in unit.ids:
            leaf = self.leaf(sid, 1, 3)
            found = table(Stack(1, 3, (leaf,)), ())
            total += 3 * min(min(found), 500) if found else 1500
        return total

    def one(self, units, box, largest: int, outside: tuple = ()) -> Candidate | None:
        column, span, top, bottom = box
        height = bottom - top
        search = Search(units, column, span, height, self.heights(height + SLACK),
                        self.can_vertical, largest, self.leaf, self.head_lines, outside,
                        least_memo=self.least_memo.setdefault((self.share, height + SLACK), {}),
                        head_size=self.head_size)
        cand = search.best(max(100, PAGE_BUDGET - self.spent))
        self.tried += search.tried
        self.spent += search.tried
        return cand

    def report(self, cand: Candidate, height: int, column: int, span: int) -> None:
        if cand.height == height:
            return
        diff = abs(cand.height - height)
        per = []
        for leaf in leaves(cand.tree):
            slot = self.by_id[leaf.slot_id]
            if slot.kind != "story":
                continue
            chars = measure.line_chars(replace(slot, area=GridArea(leaf.column, leaf.span, 0,
                                                                   1)), self.ctx)
            per.append(f"{slot.story}: {diff} lines ≈ {diff * chars:.0f}字 at {leaf.span} "
                       "columns")
        where = dict(page=self.page.number, source=self.page.source)
        if cand.height > height:
            self.result.diagnostics.append(warning(
                "make-up-over", f"page {self.page.number}: the items need {diff} grid lines "
                f"more than the page has even in the best layout found", **where,
                hint="cut one story (" + "; ".join(per) + "), move an item to another page, "
                     "or let a story continue: {page: N}"))
        else:
            self.result.diagnostics.append(warning(
                "make-up-short", f"page {self.page.number}: the items fill all but {diff} "
                "grid lines of the page in the best layout found", **where,
                hint="add copy to a story (" + "; ".join(per) + "), a photo or an item"))
