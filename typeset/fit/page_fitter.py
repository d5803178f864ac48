"""Fitting one page: its containers measured (`typeset.fit.measure`), shared out
(`typeset.fit.share`) and resolved to plain slots, with the levers (`typeset.fit.levers`).

In: a `Page` with containers, the compose contexts, the `FitResult` to add items and
diagnostics to, the pages fitted so far. Out: `PageFitter.run()`, the page with plain slots.
Imported by `typeset.fit.pass_.fit_part` only when a page has containers (a plain edition
never loads the measuring and sharing modules).
"""

from __future__ import annotations

from dataclasses import replace

from typeset.compose.context import ComposeContext
from typeset.compose.photo import MIN_PICTURE_LINES
from typeset.compose.story import ChainLink
from typeset.diagnostics import error, info, warning
from typeset.fit import measure
from typeset.fit.levers import SECOND, Levers
from typeset.fit.pass_ import FitItem, FitResult
from typeset.fit.share import SHORT_WEIGHT, Choice, choose, options, place
from typeset.model.edition import GridArea, Page, Slot
from typeset.model.stack import Container, Leaf, leaves

ELASTIC_MIN = 4
"""The fewest grid lines a jumping story's first part or a continuation is given."""
UNDER_NATURAL = 1000.0
"""Cost of a jumping story taking all its text (its continuation would stay empty)."""


def _with_leaf(node, old: Leaf, new: Leaf):
    """The tree with leaf `old` replaced by `new`."""
    if isinstance(node, Leaf):
        return new if node == old else node
    return replace(node, children=tuple(_with_leaf(c, old, new) for c in node.children))


def _rows(node):
    """Every row of a tree."""
    from typeset.model.stack import Row

    if isinstance(node, Leaf):
        return []
    found = [node] if isinstance(node, Row) else []
    for child in node.children:
        found.extend(_rows(child))
    return found


class PageFitter:
    """Fits the containers of one page."""

    def __init__(self, page: Page, contexts: dict[str, ComposeContext], result: FitResult,
                 pages: list[Page]):
        self.page = page
        self.contexts = contexts
        self.ctx = contexts[page.layout.name]
        self.result = result
        self.pages = pages
        self.edition = result.edition
        self.levers = Levers.from_mapping(page.layout.fit,
                                          page.layout.underset_lines)
        self.by_id = {s.id: s for s in page.slots}
        self.measured: dict[str, measure.Measure] = {}
        self.cut: list[str] = []
        self.cut_weight: dict[str, float] = {}
        """Stories that give way when a box is over: cost per line cut (the fewest lines in
        all, then the lowest story first)."""
        self.done: dict[str, Slot] = {}
        """Slots of this page's containers already fitted."""
        self.story_memo: dict[tuple, dict[int, Choice]] = {}
        self.story_measured: dict[tuple, measure.Measure | None] = {}
        """A story leaf's options (and its measure) per leaf, slot, cap, lever stage and cut
        weight."""
        self.second: str | bool = False
        """The levers tried only when a stack does not come out even: "spacing" offers the
        spacing lever, "tracking" both (False: neither)."""

    def run(self) -> Page:
        areas: dict[str, tuple[GridArea, Choice]] = {}
        for container in self.page.containers:
            found = self.fit(container)
            areas.update(found)
            for slot_id, (area, choice) in found.items():
                self.done[slot_id] = self.resolved(self.by_id[slot_id], area, choice)
        slots = []
        for slot in self.page.slots:
            if slot.id in areas:
                slots.append(self.resolved(slot, *areas[slot.id]))
            else:
                slots.append(slot)
        page = replace(self.page, slots=tuple(slots))
        self._check_overlaps(page)
        return page

    # -- one container -------------------------------------------------------------------
    def fit(self, container: Container) -> dict[str, tuple[GridArea, Choice]]:
        lay = self.page.layout
        box = None if container.auto else container.bottom - container.top
        cap = box + lay.lines if box is not None else 2 * lay.lines
        lev = self.levers
        gap_lines = lev.gap_lines if lev.allows("gap") else 0
        self.second = False
        table = options(container.root, cap, self.leaf_options, gap_lines, lev.weight("gap"))
        height, how = choose(table, box)
        for stage in SECOND:  # not even: the spacing lever as well, then tracking
            if how in ("exact", "auto") and table[height][0] < SHORT_WEIGHT:
                break
            if not lev.allows(stage):
                continue
            self.second = stage
            table = options(container.root, cap, self.leaf_options, gap_lines,
                            lev.weight("gap"))
            height, how = choose(table, box)
        where = dict(page=self.page.number, slot=container.id)
        if height is None and box is not None:
            height, how = box, "over"
        elif height is None:
            self.result.diagnostics.append(error(
                "fit-impossible", f"the items of stack {container.id} cannot be given one "
                "height side by side in its rows", source=container.source, **where,
                hint="give the items of each row a similar amount of text, or lines: N"))
            return {}
        root = container.root
        if height is None and box is not None:
            how = "over"  # far more than the box holds: cut below, as for any box over
        if box is None and height > lay.lines - container.top:
            box, how = lay.lines - container.top, "over"  # `bottom: auto` past the foot
        if how == "over" and box is not None:
            # More text than box: the lowest story that can be cut gives way (it is set to
            # the box's foot and its overset reported in 字), the rest still fit exactly.
            trial, cut, again = root, [], table
            for leaf in reversed(leaves(root)):
                slot = self.by_id.get(leaf.slot_id)
                if slot is None or slot.kind != "story" or leaf.lines or leaf.elastic:
                    continue
                trial = _with_leaf(trial, leaf, replace(leaf, elastic=True))
                cut.append(leaf.slot_id)
                # fewest lines cut, lowest first
                self.cut_weight[leaf.slot_id] = lev.beyond() + len(cut)
                again = options(trial, cap, self.leaf_options, gap_lines, lev.weight("gap"))
                if box in again:
                    root, table, height, how = trial, again, box, "cut"
                    self.cut = cut
                    break
            if how == "over" and height not in table:
                least = min(again) if again else None
                tall = [leaf.slot_id for leaf in leaves(root)
                        if not self.leaf_options(leaf, cap)]
                need = (f": they need at least {least} grid lines, the box has {box}"
                        if least else f": {', '.join(tall)} alone need more than {cap} grid "
                        "lines at their width" if tall else f": they need more than {cap} grid "
                        f"lines, the box has {box}")
                taller = (f", or make the box {least - box} lines taller (bottom: "
                          f"{container.top + least})" if least and least > box
                          and container.top + least <= lay.lines else "")
                self.result.diagnostics.append(error(
                    "fit-impossible", f"the items of stack {container.id} cannot be set in its "
                    f"box even with every story cut{need}", source=container.source, **where,
                    hint="move items out of the stack (photos, ads and labels do not shrink "
                         f"below their least height){taller}"))
                return {}
        out: dict[str, tuple[GridArea, Choice]] = {}
        place(root, table[height][1], container.top, height, out)
        room = box if box is not None else lay.lines - container.top
        if height > room:
            bottom = container.top + room
            out = {k: (replace(a, top=min(a.top, bottom - 1), bottom=min(a.bottom, bottom)), c)
                   for k, (a, c) in out.items()}
        if box is None and height > room:
            how, box = "over", room
        self.report(container, out, height, how, box)
        self.report_short_rows(container, out)
        return out

    def report_short_rows(self, container: Container, out) -> None:
        """Items of a row left shorter than the row (their neighbours need more lines)."""
        for node in _rows(container.root):
            bottoms = {leaf.slot_id: out[leaf.slot_id][0].bottom for leaf in leaves(node)
                       if leaf.slot_id in out}
            if not bottoms:
                continue
            foot = max(bottoms.values())
            for child in node.children:
                ids = [leaf.slot_id for leaf in leaves(child) if leaf.slot_id in out]
                if not ids:
                    continue
                low = max(bottoms[i] for i in ids)
                if foot - low > self.page.layout.underset_lines:
                    last = max(ids, key=lambda i: bottoms[i])
                    slot = self.by_id[last]
                    m = self.measured.get(last)
                    per = f" (≈{(foot - low) * m.line_chars:.0f}字 of copy)" if m else ""
                    self.result.diagnostics.append(warning(
                        "fit-short", f"in a row of stack {container.id}, '{last}' ends "
                        f"{foot - low} grid lines above its neighbours", source=slot.source,
                        page=self.page.number, slot=last, story=slot.story,
                        hint=f"add {foot - low} lines{per} to it or a photo beside it, or "
                             "shorten the longer items of the row"))

    def report(self, container: Container, out, height: int, how: str, box: int | None
               ) -> None:
        items = []
        for leaf in leaves(container.root):
            if leaf.slot_id not in out:
                continue
            area, choice = out[leaf.slot_id]
            slot = self.by_id[leaf.slot_id]
            m = self.measured.get(leaf.slot_id)
            items.append(FitItem(self.page.number, container.id, slot.id, slot.kind,
                                 slot.story or "", m.chars if m else 0,
                                 m.line_chars if m else 0.0,
                                 choice.natural, area.lines, area, choice.note,
                                 leaf.elastic and not choice.natural,
                                 choice.photo_lines if slot.kind == "story" else None,
                                 choice.headline_lines, choice.tracking, choice.spacing))
        self.result.items.extend(items)
        where = dict(page=self.page.number)
        for item in items:
            if item.tracking:
                base = self.measured.get(item.slot)
                lines = max(1, abs((base.lines if base else item.natural) - item.natural))
                closer = item.tracking < 0
                self.result.diagnostics.append(info(
                    "fit-tracking", f"'{item.slot}' is set {'closer' if closer else 'looser'} by "
                    f"{abs(item.tracking):g} em (压字/拉字, the tracking lever): its lines no "
                    "longer align with the 字 grid of its columns",
                    source=self.by_id[item.slot].source, **where, slot=item.slot,
                    story=item.story,
                    hint=f"to keep the grid, {'cut' if closer else 'add'} about "
                         f"{lines * item.line_chars:.0f}字 ({lines} line{'s' if lines > 1 else ''}"
                         f") in {item.story or item.slot}"))
        if how == "cut":
            for slot_id in self.cut:
                item = next(i for i in items if i.slot == slot_id)
                m = self.measured.get(slot_id)
                need = m.lines if m else item.given
                lines = max(0, need - item.given)
                if not lines:
                    continue
                self.result.diagnostics.append(warning(
                    "fit-over", f"the items of stack {container.id} need more lines than its "
                    f"box: '{slot_id}' is given {item.given} of the {need} lines it needs",
                    source=container.source, **where, slot=slot_id,
                    hint=f"cut about {lines * item.line_chars:.0f}字 ({lines} lines at "
                         f"{item.line_chars:.0f}字 a line) from {item.story or slot_id}, let "
                         "it continue: on another page, or move an item out"))
            return
        if how in ("exact", "auto"):
            return
        where["slot"] = container.id
        diff = abs(height - box)
        stories = [i for i in items if i.kind == "story" and i.line_chars]
        per = "; ".join(f"{i.story}: {diff * i.line_chars:.0f}字 ({diff} lines at "
                        f"{i.line_chars:.0f}字 a line)" for i in stories) or "no story"
        if how == "short":
            self.result.diagnostics.append(warning(
                "fit-short", f"the items of stack {container.id} fill {height} of its {box} "
                f"grid lines even with every lever: {diff} lines stay empty at its foot",
                source=container.source, **where,
                hint=f"add copy to one story ({per}), a photo, or end the stack at bottom: "
                     f"{container.top + height}"))
        else:
            self.result.diagnostics.append(error(
                "fit-over", f"the items of stack {container.id} need {height} grid lines "
                f"even with every lever, its box has {box}: {diff} lines do not fit",
                source=container.source, **where,
                hint=f"cut one story ({per}), move an item out, or make the box "
                     f"{diff} lines taller (bottom: {container.top + height})"))

    # -- leaves --------------------------------------------------------------------------
    def slot_for(self, leaf: Leaf) -> Slot | None:
        """The leaf's slot at the leaf's columns (make-up tries one slot at many widths)."""
        slot = self.by_id.get(leaf.slot_id)
        if slot is None or (slot.area.column, slot.area.span) == (leaf.column, leaf.span):
            return slot
        return replace(slot, area=GridArea(leaf.column, leaf.span, slot.area.top,
                                           slot.area.bottom))

    def leaf_options(self, leaf: Leaf, cap: int) -> dict[int, Choice]:
        slot = self.slot_for(leaf)
        if slot is None:
            return {}
        if slot.kind == "story":
            key = (leaf, slot, cap, self.second, self.cut_weight.get(slot.id))
            table = self.story_memo.get(key)
            if table is None:  # the same while a box over is cut story by story
                table = self.story_memo[key] = self.story_options(slot, leaf, cap)
                self.story_measured[key] = self.measured.get(slot.id)
            else:
                self.measured[slot.id] = self.story_measured[key]
        elif slot.kind == "continuation":
            table = self.continuation_options(slot, cap)
        elif slot.kind == "photo" and slot.photo is not None:
            table = self.photo_options(slot)
        elif slot.kind == "label":
            n = measure.label_height(slot, self.ctx)
            table = {n: Choice(n, n)}
        elif slot.kind == "ad":
            low = measure.ad_min_height(slot, self.ctx)
            table = {h: Choice(h, 0) for h in range(low, cap + 1)}
        else:
            table = {h: Choice(h, 0) for h in range(1, cap + 1)}
        if leaf.lines:
            got = table.get(leaf.lines)
            natural = min((c.natural for c in table.values() if c.natural), default=0)
            return {leaf.lines: Choice(leaf.lines, got.natural if got else natural,
                                       note="lines fixed")}
        return table

    def story_options(self, slot: Slot, leaf: Leaf, cap: int) -> dict[int, Choice]:
        story = self.edition.stories.get(slot.story or "")
        if story is None:
            return {h: Choice(h) for h in range(1, cap + 1)}
        lev, ctx, page = self.levers, self.ctx, self.page
        photo_variants: list[tuple[int | None, float, str]] = [(None, 0.0, "")]
        if slot.photo is not None and not slot.photo.lines and lev.allows("photo"):
            p0 = self.photo_natural(slot)
            photo_variants = [(p0, 0.0, "")]
            reach = max(lev.photo_lines, int(p0 * lev.photo_share))
            for d in range(1, reach + 1):
                for sign in (-1, 1):
                    if p0 + sign * d >= MIN_PICTURE_LINES:
                        photo_variants.append((p0 + sign * d, d * lev.weight("photo"),
                                               f"照片{'+' if sign > 0 else '−'}{d}行"))
        head_variants: list[tuple[int | None, float, str]] = [(None, 0.0, "")]
        if (lev.allows("headline") and lev.headline_steps and story.headline
                and story.headline.headline and not slot.headline_vertical
                and not slot.headline_lines):  # lines written by the desk are kept
            style = ctx.layout.styles.get(f"headline-{story.headline.level}")
            most = slot.headline_lines or (style.max_lines if style else 0) or 2
            for step in range(1, lev.headline_steps + 1):
                if most - step >= 1:
                    head_variants.append((most - step, step * lev.weight("headline"),
                                          f"主题{most - step}行"))
        table: dict[int, Choice] = {}
        base = measure.story_height(story, slot, page, ctx)
        self.measured[slot.id] = base
        seen: set[int] = set()
        variants = [(pl, pc, pn, hl, hc, hn, None, None)
                    for pl, pc, pn in photo_variants for hl, hc, hn in head_variants]
        if self.second and not leaf.elastic:
            variants += self.second_variants(story, slot)
        for pl, pc, pn, hl, hc, hn, tr, sp in variants:
            m = base if (pl, hl, tr, sp) == (None,) * 4 else measure.story_height(
                story, slot, page, ctx, photo_lines=pl, headline_lines=hl, tracking=tr,
                spacing=sp)  # memoised: the tracking variants are measured already
            if m.overset:
                continue
            if (hl is not None or tr is not None or sp is not None) and m.lines in seen:
                continue  # a smaller headline, a spacing or a tracking that saves nothing
            seen.add(m.lines)
            note = " ".join(n for n in (pn, hn) if n)
            cut = self.cut_weight.get(slot.id)
            if leaf.elastic:
                low = min(ELASTIC_MIN, m.lines)
                if cut:  # a story cut keeps its headline and two lines of text under it
                    low = measure.least_cut(story, slot, page, ctx, low, m.lines)
                for h in range(low, m.lines):
                    # a line cut costs the same everywhere, a little less in a long story
                    cost = pc + hc + (m.lines - h) * (cut + 10.0 / m.lines) if cut \
                        else pc + hc
                    self._offer(table, Choice(h, 0 if not cut else m.lines, pl, hl, cost,
                                              note + (" 压缩" if cut else " 转版"), tr, sp))
            for foot in range(0, lev.foot_lines + 1 if lev.allows("foot") else 1):
                cost = pc + hc + foot * lev.weight("foot")
                cost += UNDER_NATURAL if leaf.elastic and not cut else 0.0
                text = " ".join(t for t in (note, f"脚空{foot}行" if foot else "") if t)
                self._offer(table, Choice(m.lines + foot, m.lines, pl, hl, cost, text,
                                          tr, sp))
        return table

    def second_variants(self, story, slot: Slot) -> list[tuple]:
        """The spacing and tracking variants of a story (photo and 主题 as written): rows of
        (photo lines, cost, note, 主题 lines, cost, note, tracking, spacing)."""
        lev, out = self.levers, []
        head = story.headline
        if (self.second and lev.allows("spacing") and lev.spacing_lines and head and head.headline
                and (head.kicker or head.deck) and not slot.headline_vertical
                and not slot.headline_spacing):
            for sp in (-1, 1):
                out.append((None, 0.0, "", None, lev.weight("spacing"),
                            f"题间{'紧' if sp < 0 else '松'}1行", None, sp))
        if self.second == "tracking" and not slot.tracking:
            for tr, step in self.tracking_variants(story, slot):
                out.append((None, 0.0, "", None, step * lev.weight("tracking"),
                            f"{'压' if tr < 0 else '拉'}字{abs(tr):g}em", tr, None))
        return out

    def tracking_variants(self, story, slot: Slot) -> list[tuple[float, int]]:
        """(tracking, steps) of the tracking values that change the story's height, each
        the least tracking for its height. On a grid of whole 字 a line's count changes only
        at a threshold (any 拉字 takes a 字 off a line; 压字 adds one from 1/(字 − 1) em), so
        only the nearest and the furthest step of each side are measured — the furthest
        first, the nearest only when the furthest changes the height."""
        steps = self.levers.tracking_steps()
        if not steps:
            return []
        ctx, page = self.ctx, self.page
        base = measure.story_height(story, slot, page, ctx).lines
        out = []
        for sign in (-1, 1):
            side = [t for t in steps if t * sign > 0]
            far = measure.story_height(story, slot, page, ctx, tracking=side[-1]).lines
            if far == base:
                continue
            near = far if len(side) == 1 else measure.story_height(
                story, slot, page, ctx, tracking=side[0]).lines
            if near != base:
                out.append((side[0], 1))
            if near != far:
                out.append((side[-1], len(side)))
        return out

    @staticmethod
    def _offer(table: dict[int, Choice], choice: Choice) -> None:
        old = table.get(choice.height)
        if old is None or choice.cost < old.cost - 1e-9:
            table[choice.height] = choice

    def photo_natural(self, slot: Slot) -> int:
        """The picture's lines from its aspect at the width it gets inside the story."""
        xs, width = measure.text_columns_of(slot, self.ctx)
        count = len(xs)
        pspan = min(slot.photo.span or count, count)
        first = count - pspan if slot.photo.place == "right" else 0
        photo_w = xs[first + pspan - 1] + width - xs[first]
        return measure.picture_lines_at(slot, self.ctx, photo_w)

    def photo_options(self, slot: Slot) -> dict[int, Choice]:
        block, caption = measure.photo_height(slot, self.ctx)
        picture = block - caption
        lev = self.levers
        reach = max(lev.photo_lines, int(picture * lev.photo_share)) if lev.allows(
            "photo") else 0
        table: dict[int, Choice] = {}
        for d in range(-reach, reach + 1):
            if picture + d < MIN_PICTURE_LINES:
                continue
            note = f"照片{'+' if d > 0 else '−'}{abs(d)}行" if d else ""
            table[block + d] = Choice(block + d, block + d, cost=abs(d) * lev.weight("photo"),
                                      note=note)
        return table

    def continuation_options(self, slot: Slot, cap: int) -> dict[int, Choice]:
        """An empty continuation slot: as tall as the rest of the story jumping into it,
        when the slot it jumps from is already placed; else it takes what is left."""
        # A middle part of a chain (it jumps on itself) takes what is left, like a story
        # with `continue:`; the last part is as tall as what the parts before it leave.
        rest = 0 if slot.continue_to is not None else self.remainder(slot)
        if rest:
            lev = self.levers
            feet = range(0, lev.foot_lines + 1 if lev.allows("foot") else 1)
            return {rest + f: Choice(rest + f, rest, cost=f * lev.weight("foot"),
                                     note=f"脚空{f}行" if f else "") for f in feet}
        return {h: Choice(h, 0, note="takes what is left") for h in range(ELASTIC_MIN, cap + 1)}

    def remainder(self, target: Slot) -> int:
        """Grid lines the rest of a story takes in continuation slot `target`: the chain is
        followed back from `target` to the story's first slot (A → B → C: C's rest is what A
        and B leave), 0 when a part before it is not placed yet."""
        links: list[ChainLink] = []
        number, slot_id = self.page.number, target.id
        while len(links) <= sum(len(page.slots) for page in self.pages):
            found = self._jumping_into(number, slot_id)
            if found is None:
                return 0
            page, slot = found
            links.append(ChainLink(page, slot, self.contexts[page.layout.name]))
            if slot.kind == "story":
                break
            if slot.kind != "continuation":
                return 0
            number, slot_id = page.number, slot.id
        else:
            return 0  # a chain that loops: reported by the loader
        story = self.edition.stories.get(links[-1].slot.story or "")
        if story is None:
            return 0
        return measure.remainder_height(story, links[::-1], target, self.page, self.ctx)

    def _jumping_into(self, number: int, slot_id: str) -> tuple[Page, Slot] | None:
        """The placed slot whose `continue:` names slot `slot_id` on page `number`, with its
        page; None when there is none or it is not fitted yet."""
        for index, page in enumerate(self.pages):
            for slot in page.slots:
                jump = slot.continue_to
                if jump is None or jump.page != number or jump.slot != slot_id:
                    continue
                if page.number == self.page.number:
                    held = {leaf.slot_id for c in page.containers for leaf in leaves(c.root)}
                    if slot.id in held and slot.id not in self.done:
                        return None  # not fitted yet
                    return page, self.done.get(slot.id, slot)
                if any(slot.id in {leaf.slot_id for leaf in leaves(c.root)}
                       for c in page.containers) and page is self.edition.pages[index]:
                    return None  # its page is not fitted yet
                return page, slot
        return None

    # -- result --------------------------------------------------------------------------
    @staticmethod
    def resolved(slot: Slot, area: GridArea, choice: Choice) -> Slot:
        photo = slot.photo
        if photo is not None and choice.photo_lines is not None and slot.kind == "story":
            photo = replace(photo, lines=choice.photo_lines)
        head = slot.headline_lines if choice.headline_lines is None else choice.headline_lines
        tracking = slot.tracking if choice.tracking is None else choice.tracking
        spacing = slot.headline_spacing if choice.spacing is None else choice.spacing
        return replace(slot, area=area, photo=photo, headline_lines=head, tracking=tracking,
                       headline_spacing=spacing)

    def _check_overlaps(self, page: Page) -> None:
        """A `bottom: auto` box that grew into a plain slot below it."""
        held = {leaf.slot_id for c in page.containers for leaf in leaves(c.root)}
        slots = page.slots
        for a in slots:
            if a.id not in held:
                continue
            for b in slots:
                if b.id in held:
                    continue
                x = min(a.area.column + a.area.span, b.area.column + b.area.span) - max(
                    a.area.column, b.area.column)
                y = min(a.area.bottom, b.area.bottom) - max(a.area.top, b.area.top)
                if x > 0 and y > 0:
                    self.result.diagnostics.append(error(
                        "overlap", f"slot '{a.id}' as fitted (lines {a.area.top}–"
                        f"{a.area.bottom}) overlaps slot '{b.id}' on page {page.number} by "
                        f"{y} line(s)", source=a.source, page=page.number, slot=a.id,
                        hint=f"start '{b.id}' lower (top: {a.area.bottom}) or give the "
                             "stack a fixed bottom:"))

