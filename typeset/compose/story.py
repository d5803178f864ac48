"""Set one story through its chain of slots: headline, photo, columns, jump lines, overset.

In: a `Story` and its chain — the slot the manifest places it in, then each `continue:` slot in
turn — with a `ComposeContext` per page. Out: a `StoryResult` with, per slot, the items to
draw, and the diagnostics (jumps made, overset with how much and the last words set, underset,
empty continuation slots, forced widows).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from typeset.compose.body import BodyLine, BodyPara, body_paragraphs, remainder, set_body
from typeset.compose.context import ComposeContext
from typeset.compose.elements import head_extras, head_paragraphs, opened_with
from typeset.compose.jump_wording import PageRef, jump_text
from typeset.compose.headline import set_continued_head, set_headline_group
from typeset.compose.photo import moved, photo_block
from typeset.compose.setting import line_runs, set_text
from typeset.diagnostics import Diagnostic, info, scoped, warning
from typeset.flow import Column, LineKey, distribute, reserve_last_line, total_capacity
from typeset.frame import Box, FrameItem, Marker, Rule
from typeset.model.edition import Page, Slot
from typeset.model.story import Story
from typeset.units import snap


@dataclass
class SlotOutput:
    """What one slot of a story chain draws."""

    page: int
    slot: str
    items: list[FrameItem] = field(default_factory=list)
    lines_used: int = 0


@dataclass
class StoryResult:
    """A story set through its chain."""

    story: str
    slots: list[SlotOutput]
    diagnostics: list[Diagnostic]
    overset_text: str = ""
    """Characters that did not fit anywhere (reported, never dropped silently)."""


@dataclass(frozen=True)
class ChainLink:
    """One slot of a story chain with the page it is on and that page's context."""

    page: Page
    slot: Slot
    ctx: ComposeContext


def compose_story(story: Story, chain: list[ChainLink]) -> StoryResult:
    """Set `story` into the slots of `chain` in order."""
    diags: list[Diagnostic] = []
    outputs: list[SlotOutput] = []
    paras: tuple[BodyPara, ...] = body_paragraphs(story)
    first = chain[0].slot if chain else None
    if first is not None and first.headline_vertical and (story.summary or story.author):
        paras = tuple(head_paragraphs(story)) + paras  # beside a 竖题: at the top of the text
    if first is not None and first.continued_from is not None:
        # The first part is in another edition's files: open with （上接第N版）.
        paras = opened_with(paras, jump_text(chain[0].ctx.layout.jump_in,
                                             PageRef(first.continued_from.page)))
    overset = ""
    for k, link in enumerate(chain):
        out = SlotOutput(link.page.number, link.slot.id)
        outputs.append(out)
        if not paras and k > 0:
            diags.append(warning(
                "empty-continuation", f"story {story.id} fits before slot {link.slot.id}: "
                "no jump is needed and this continuation slot stays empty",
                page=link.page.number, slot=link.slot.id, story=story.id,
                hint="fill the slot with another story or remove the continue: line"))
            continue
        # (the first slot is set even without body text: a headline-only story keeps its head)
        nxt = chain[k + 1] if k + 1 < len(chain) else None
        paras, leftover = _set_in_slot(story, paras, link, k, nxt, out, diags)
        if leftover:
            overset = leftover
    return StoryResult(story.id, outputs, diags, overset)


@dataclass
class _SlotWork:
    """One slot being filled: its context, grid-line bounds, text columns and what it draws."""

    link: ChainLink
    story: Story
    out: SlotOutput
    diags: list[Diagnostic]
    top: int
    bottom: int
    xs: list[float]
    width: float
    col_tops: list[int]
    col_bottoms: list[int]

    @property
    def ctx(self) -> ComposeContext:
        return self.link.ctx

    @property
    def where(self) -> dict:
        return dict(page=self.link.page.number, slot=self.link.slot.id, story=self.story.id)

    def columns(self) -> tuple[Column, ...]:
        return tuple(Column(x, self.width, t, b)
                     for x, t, b in zip(self.xs, self.col_tops, self.col_bottoms))

    def warn(self, code: str, message: str, hint: str, **kw) -> None:
        self.diags.append(warning(code, message, hint=hint, **self.where, **kw))

    def report(self, diagnostics) -> None:
        """Add the diagnostics of a stage below (composer, headline, photo), scoped to this
        page, slot and story where they do not name their own."""
        self.diags.extend(scoped(d, **self.where) for d in diagnostics)


def _set_in_slot(story: Story, paras: tuple[BodyPara, ...], link: ChainLink, k: int,
                 nxt: ChainLink | None, out: SlotOutput, diags: list[Diagnostic]
                 ) -> tuple[tuple[BodyPara, ...], str]:
    """Set what fits of `paras` in one slot. Returns what is left for the next slot, and the
    overset text when nothing is left to continue into."""
    ctx, slot = link.ctx, link.slot
    inset = ctx.layout.box_inset_lines if slot.box else 0
    top, bottom = slot.area.top + inset, slot.area.bottom - inset
    xs, width = text_columns(slot, ctx)
    vertical = None
    if k == 0 and slot.headline_vertical and story.headline and story.headline.headline:
        # 竖题: the headline group stands at the slot's edge, the text columns beside it.
        from typeset.compose.vertical_head import place_vertical_head  # 竖题 only

        vertical = place_vertical_head(story.headline, slot, top, bottom, ctx, story.id)
        xs, width = vertical.xs, vertical.width
        top += vertical.banner_lines
        out.items.extend(vertical.items)
        diags.extend(scoped(d, page=link.page.number, slot=slot.id, story=story.id)
                     for d in vertical.diagnostics)
    work = _SlotWork(link, story, out, diags, top, bottom, xs, width, [top] * len(xs),
                     [bottom] * len(xs))
    has_head = vertical is not None or _set_head(work, k)
    if k == 0 and slot.photo is not None:
        _set_photo(work)
    columns = work.columns()
    lines, composer_diags = set_body(paras, width, ctx, slot.tracking)
    work.report(composer_diags)
    keys = tuple(LineKey(b.para, b.first, b.last, b.keep, b.blank) for b in lines)
    if has_head and k == 0 and columns[0].capacity < 2:
        column = slot.area.column
        work.warn("headline-without-body", f"the headline leaves fewer than two body lines "
                  f"under it in column {column} of the slot (背题): "
                  f"{max(0, columns[0].capacity)} line{'s' * (columns[0].capacity != 1)}",
                  f"shorten the headline group or let it span fewer columns so that column "
                  f"{column} keeps two body lines under it",
                  data=(("column", column), ("lines", max(0, columns[0].capacity))))
    if len(lines) > total_capacity(columns) and nxt is not None:
        return _fill_and_jump(work, paras, lines, keys, columns, nxt), ""
    overset = _fill_to_end(work, lines, keys, columns)
    if vertical is not None:
        out.lines_used = max(out.lines_used, top + vertical.lines - slot.area.top)
    return (), overset


def _set_head(work: _SlotWork, k: int) -> bool:
    """The headline group (first part) or 续题 (continuations) across the headline span."""
    ctx, slot, story = work.ctx, work.link.slot, work.story
    count = len(work.xs)
    hspan = min(slot.headline_span or count, count)
    x0 = work.xs[0]
    head_w = work.xs[hspan - 1] + work.width - x0
    opening = k == 0 and slot.continued_from is None
    if opening and story.headline and story.headline.headline:
        head = set_headline_group(story.headline, x0, work.top, head_w, ctx,
                                  max_lines=slot.headline_lines, story=story.id,
                                  spacing=slot.headline_spacing)
    elif not opening and story.headline and ctx.layout.styles.get("continued"):
        title = story.headline.continued or story.headline.headline
        head = set_continued_head(title, x0, work.top, head_w, ctx)
    elif opening and (story.summary or story.author):
        head = None
    else:
        return False
    if opening:  # 提要 and 署名 under the headline group, across its span
        extras = head_extras(story, x0, work.top + (head.lines if head else 0), head_w, ctx)
        if extras.lines:
            lines = (head.lines if head else 0) + extras.lines
            head = replace(extras, lines=lines, items=(head.items if head else ()) + extras.items,
                           diagnostics=(head.diagnostics if head else ()) + extras.diagnostics)
    work.out.items.extend(head.items)
    work.report(head.diagnostics)
    if head.lines > work.bottom - work.top:
        work.warn("headline-overflows-slot", f"the headline group needs {head.lines} grid "
                  f"lines, the slot has {work.bottom - work.top}",
                  "make the slot taller or the headline shorter (or allow it fewer lines)")
    for i in range(hspan):
        work.col_tops[i] = work.top + head.lines
    return True


def _set_photo(work: _SlotWork) -> None:
    """The photo block in its columns (top, left/right = top of those columns, or bottom)."""
    ctx, photo, story = work.ctx, work.link.slot.photo, work.story
    count = len(work.xs)
    pspan = min(photo.span or count, count)
    first = count - pspan if photo.place == "right" else 0
    span = range(first, first + pspan)
    ptop = max(work.col_tops[i] for i in span)
    photo_x = work.xs[first]
    photo_w = work.xs[first + pspan - 1] + work.width - photo_x
    block = photo_block(photo, photo_x, ptop, photo_w, work.bottom - ptop, ctx, story=story.id)
    if photo.place == "bottom":
        block = moved(block, work.bottom - block.lines - ptop, ctx)
        for i in span:
            work.col_bottoms[i] = work.bottom - block.lines
    else:
        for i in span:
            work.col_tops[i] = ptop + block.lines
    work.out.items.extend(block.items)
    work.report(block.diagnostics)


def _fill_and_jump(work: _SlotWork, paras: tuple[BodyPara, ...], lines: list[BodyLine],
                   keys: tuple[LineKey, ...], columns: tuple[Column, ...], nxt: ChainLink
                   ) -> tuple[BodyPara, ...]:
    """Fill the slot to its foot, end it with the jump-out line (转第N版) on the grid line
    reserved for it, and return the rest opened by the jump-in label (上接第N版)."""
    ctx, page = work.ctx, work.link.page
    body_cols, jump_col = reserve_last_line(columns)
    dist = distribute(keys, body_cols, balance=False)
    _place(lines, dist, body_cols, ctx, work.out)
    out_text = jump_text(ctx.layout.jump_out, nxt.page)
    if jump_col is not None:
        _place_jump(out_text, jump_col, ctx, work.out)
    work.diags.append(info("jump", f"story {work.story.id} continues on page "
                           f"{nxt.page.number}, slot {nxt.slot.id}: {out_text}", **work.where))
    _report_widows(dist, lines, work.diags, work.where)
    _frame(work.link.slot, columns, ctx, work.out, level=work.bottom)
    work.out.lines_used = work.bottom - work.link.slot.area.top
    jump_in = jump_text(nxt.ctx.layout.jump_in, page)
    return remainder(paras, lines, dist.placed, jump_in)


def _fill_to_end(work: _SlotWork, lines: list[BodyLine], keys: tuple[LineKey, ...],
                 columns: tuple[Column, ...]) -> str:
    """Set the story's end in balanced columns; report overset (returned) or underset."""
    ctx, area = work.ctx, work.link.slot.area
    dist = distribute(keys, columns, balance=True)
    _place(lines, dist, columns, ctx, work.out)
    _report_widows(dist, lines, work.diags, work.where)
    level = max(dist.level, max(c.top for c in columns))  # a photo may reach below the text
    _frame(work.link.slot, columns, ctx, work.out, level=level)
    work.out.lines_used = level - area.top
    per_line = max(1, round(work.width / ctx.layout.body_size))
    given = work.bottom - work.top
    if dist.placed < len(lines):
        rest = lines[dist.placed:]
        leftover = "".join(b.text for b in rest)
        last_set = lines[dist.placed - 1].text[-12:] if dist.placed else ""
        tail = f"last words set: “……{last_set}”" if last_set else "no body line fits"
        more = -(-len(rest) // max(1, len(columns)))  # grid lines, every column one deeper
        new_bottom = area.bottom + more
        work.warn("overset", f"overset {len(leftover)} 字 ({len(rest)} lines at {per_line} 字): "
                  f"give {more} more lines (bottom: {new_bottom}) or cut {len(leftover)} 字; "
                  f"{tail}",
                  "cut the story, give the slot more lines, or continue it on another page",
                  data=(("characters", len(leftover)), ("lines", len(rest)),
                        ("more_lines", more), ("bottom", new_bottom),
                        ("last_words", last_set)))
        work.out.items.append(Marker("overset", columns[-1].x,
                                     ctx.grid.line_top(work.bottom) - ctx.pitch,
                                     columns[-1].width, ctx.pitch, f"+{len(leftover)}字"))
        return leftover
    empty = work.bottom - level
    if empty > ctx.layout.underset_lines:
        short = empty * len(columns) * per_line
        work.warn("underset", f"underset {empty} lines (≈{short} 字 short) at the foot of the "
                  f"slot: add ≈{short} 字 or end the slot {empty} lines higher "
                  f"(bottom: {area.bottom - empty})",
                  "add copy or a photo, or shorten the slot",
                  data=(("lines", empty), ("characters_short", short),
                        ("bottom", area.bottom - empty), ("lines_given", given)))
    return ""


def text_columns(slot: Slot, ctx: ComposeContext) -> tuple[list[float], float]:
    """Left edges and width of a slot's text columns.

    Normally the base columns. With 变栏 (`text_columns`) the slot is divided into that many
    columns of a whole number of characters, the remainder widening the gaps (报纸编辑学:
    absorbed by the gutters). In a boxed story the text keeps 1 em clear of the frame on both
    sides, the columns again whole characters wide and centred in the box.
    """
    grid, layout, area = ctx.grid, ctx.layout, slot.area
    count = slot.text_columns or area.span
    if not slot.box and count == area.span:
        return [grid.column_x(area.column + i) for i in range(area.span)], layout.column_width
    em = layout.body_size
    inset = em if slot.box else 0.0
    inner = grid.span_width(area.span) - 2 * inset
    chars = int((inner - (count - 1) * layout.gutter) / count / em + 1e-6)
    width = chars * em
    spare = inner - count * width - (count - 1) * layout.gutter
    if count > 1 and not slot.box:
        gap = layout.gutter + spare / (count - 1)
        start = grid.column_x(area.column)
    else:
        gap = layout.gutter
        start = grid.column_x(area.column) + inset + spare / 2
    return [snap(start + i * (width + gap)) for i in range(count)], width


def _place(lines: list[BodyLine], dist, columns: tuple[Column, ...], ctx: ComposeContext,
           out: SlotOutput) -> None:
    """Draw the distributed lines on the baseline grid."""
    index = 0
    for col, count in zip(columns, dist.counts):
        # space above a crosshead is dropped at the top of a column: its lines move up
        skip = 0
        while skip < count and lines[index + skip].blank:
            skip += 1
        for j in range(count):
            body = lines[index]
            if body.blank:
                index += 1
                continue
            baseline = ctx.grid.baseline(col.top + j - skip)
            out.items.extend(line_runs(body.line, col.x + body.dx, baseline, body.style))
            for tail_line, tail_style, dx in body.tail:
                out.items.extend(line_runs(tail_line, col.x + dx, baseline, tail_style))
            index += 1


def _place_jump(text: str, col: Column, ctx: ComposeContext, out: SlotOutput) -> None:
    """Set the jump-out line (（转第2版）) flush right on the reserved grid line."""
    style = ctx.style("jump")
    para = set_text(text, style, col.width, ctx, align="right")
    baseline = ctx.grid.baseline(col.top)
    for line in para.lines[:1]:
        out.items.extend(line_runs(line, col.x, baseline, style))
    out.items.append(Marker("jump-out", col.x, ctx.grid.line_top(col.top), col.width,
                            ctx.pitch, text))


def _frame(slot: Slot, columns: tuple[Column, ...], ctx: ComposeContext, out: SlotOutput,
           level: int) -> None:
    """Column rules between text columns, the box of a boxed story, the slot marker."""
    grid, layout = ctx.grid, ctx.layout
    rect = grid.area_rect(slot.area)
    if layout.column_rule is not None:
        for left, right in zip(columns, columns[1:]):
            x = snap((left.x + left.width + right.x) / 2)
            top = grid.line_top(max(left.top, right.top))
            bottom = grid.line_top(level)
            if bottom > top:
                out.items.append(Rule(x, top, x, bottom, layout.column_rule.width,
                                      layout.column_rule.color))
    if slot.box:
        out.items.append(Box(rect.x, rect.y, rect.width, rect.height,
                             stroke=layout.box_rule.color, stroke_width=layout.box_rule.width))
    out.items.append(Marker("slot", rect.x, rect.y, rect.width, rect.height, slot.id))


def _report_widows(dist, lines, diags, where) -> None:
    """Forced widows (a paragraph's last line atop a column) and orphans (its first line alone
    at a column's foot) — the distribution avoids them when a line can move."""
    for index in dist.widows:
        diags.append(warning("widow", "a column starts with the last line of a paragraph (孤行) "
                             f"“{lines[index].text[:10]}…” and it could not be avoided",
                             hint="edit the copy by a line, or change the slot's depth", **where))
    for index in dist.stranded:
        near = lines[index:index + 4] + lines[max(0, index - 3):index][::-1]
        head = next((b.text for b in near if b.style and b.style.name == "crosshead"
                     and b.text), lines[index].text)
        diags.append(warning("crosshead-at-foot", "a crosshead ends a column without the two "
                             f"body lines under it: “{head[:10]}” could not move on",
                             hint="edit the copy by a line, or change the slot's depth",
                             **where))
    for index in dist.orphans:
        diags.append(warning("orphan", "a column ends with the first line of a paragraph "
                             f"“{lines[index].text[:10]}…” and it could not be avoided",
                             hint="edit the copy by a line, or change the slot's depth", **where))

