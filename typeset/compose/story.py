"""Set one story through its chain of slots: headline, photo, columns, jump lines, overset.

In: a `Story` and its chain — the slot the manifest places it in, then each `continue:` slot in
turn — with a `ComposeContext` per page. Out: a `StoryResult` with, per slot, the items to
draw, and the diagnostics (jumps made, overset with how much and the last words set, underset,
empty continuation slots, forced widows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typeset.compose.body import BodyLine, BodyPara, body_paragraphs, remainder, set_body
from typeset.compose.context import ComposeContext
from typeset.compose.headline import set_continued_head, set_headline_group
from typeset.compose.photo import photo_block
from typeset.compose.setting import line_runs, set_text
from typeset.diagnostics import Diagnostic, info, warning
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
        paras, leftover = _set_in_slot(story, paras, link, k, nxt, chain, out, diags)
        if leftover:
            overset = leftover
    return StoryResult(story.id, outputs, diags, overset)


def _set_in_slot(story: Story, paras: tuple[BodyPara, ...], link: ChainLink, k: int,
                 nxt: ChainLink | None, chain: list[ChainLink], out: SlotOutput,
                 diags: list[Diagnostic]) -> tuple[tuple[BodyPara, ...], str]:
    """Set what fits of `paras` in one slot. Returns what is left for the next slot, and the
    overset text when nothing is left to continue into."""
    ctx, slot, page = link.ctx, link.slot, link.page
    grid, area = ctx.grid, slot.area
    inset = ctx.layout.box_inset_lines if slot.box else 0
    top, bottom = area.top + inset, area.bottom - inset
    xs, width = text_columns(slot, ctx)
    count = len(xs)
    col_tops = [top] * count
    col_bottoms = [bottom] * count
    where = dict(page=page.number, slot=slot.id, story=story.id)

    # Headline group (first part) or 续题 (continuations), across headline_span columns.
    head = None
    hspan = min(slot.headline_span or count, count)
    x0 = xs[0]
    head_w = xs[hspan - 1] + width - x0
    if k == 0 and story.headline and story.headline.headline:
        head = set_headline_group(story.headline, x0, top, head_w, ctx,
                                  max_lines=slot.headline_lines, story=story.id)
    elif k > 0 and story.headline and ctx.layout.styles.get("continued"):
        title = story.headline.continued or story.headline.headline
        head = set_continued_head(title, x0, top, head_w, ctx)
    if head is not None:
        out.items.extend(head.items)
        diags.extend(_located(head.diagnostics, where))
        if head.lines > bottom - top:
            diags.append(warning(
                "headline-overflows-slot", f"the headline group needs {head.lines} grid lines, "
                f"the slot has {bottom - top}", hint="make the slot taller or the headline "
                "shorter (or allow it fewer lines)", **where))
        for i in range(hspan):
            col_tops[i] = top + head.lines

    # Photo block inside the story slot (first part only).
    if k == 0 and slot.photo is not None:
        photo = slot.photo
        pspan = min(photo.span or count, count)
        first = count - pspan if photo.place == "right" else 0
        ptop = max(col_tops[first:first + pspan])
        photo_x, photo_w = xs[first], xs[first + pspan - 1] + width - xs[first]
        block = photo_block(photo, photo_x, ptop, photo_w, bottom - ptop, ctx, story=story.id)
        if photo.place == "bottom":
            shift = bottom - block.lines - ptop
            block = photo_block(photo, photo_x, ptop + shift, photo_w, block.lines, ctx,
                                story=story.id)
            for i in range(first, first + pspan):
                col_bottoms[i] = bottom - block.lines
        else:
            for i in range(first, first + pspan):
                col_tops[i] = ptop + block.lines
        out.items.extend(block.items)
        diags.extend(_located(block.diagnostics, where))

    columns = tuple(Column(xs[i], width, col_tops[i], col_bottoms[i]) for i in range(count))
    lines, composer_diags = set_body(paras, width, ctx)
    diags.extend(_located(tuple(composer_diags), where))
    keys = tuple(LineKey(b.para, b.first, b.last) for b in lines)

    if head is not None and k == 0 and columns[0].capacity < 2:
        diags.append(warning("headline-without-body", "the headline has fewer than two body "
                             "lines under it in its column (背题)", hint="give the slot more lines",
                             **where))

    if len(lines) > total_capacity(columns) and nxt is not None:
        body_cols, jump_col = reserve_last_line(columns)
        dist = distribute(keys, body_cols, balance=False)
        _place(lines, dist, body_cols, ctx, out)
        jump_text = ctx.layout.jump_out.format(page=nxt.page.number)
        if jump_col is not None:
            _place_jump(jump_text, jump_col, ctx, out)
        diags.append(info("jump", f"story {story.id} continues on page {nxt.page.number}, "
                          f"slot {nxt.slot.id}: {jump_text}", **where))
        jump_in = nxt.ctx.layout.jump_in.format(page=page.number)
        _report_widows(dist, lines, diags, where)
        _frame(slot, columns, ctx, out, level=bottom)
        out.lines_used = bottom - area.top
        return remainder(paras, lines, dist.placed, jump_in), ""

    dist = distribute(keys, columns, balance=True)
    _place(lines, dist, columns, ctx, out)
    _report_widows(dist, lines, diags, where)
    _frame(slot, columns, ctx, out, level=max(dist.level, max(c.top for c in columns)))
    out.lines_used = dist.level - area.top
    leftover = ""
    if dist.placed < len(lines):
        rest = lines[dist.placed:]
        leftover = "".join(b.text for b in rest)
        last_set = lines[dist.placed - 1].text[-12:] if dist.placed else ""
        tail = f"last words set: “……{last_set}”" if last_set else "no body line fits"
        diags.append(warning(
            "overset", f"overset {len(leftover)} characters ({len(rest)} lines at "
            f"{width / ctx.layout.body_size:g} 字); {tail}",
            data=(("characters", len(leftover)), ("lines", len(rest)),
                  ("last_words", last_set)),
            hint="cut the story, give the slot more lines, or continue it on another page",
            **where))
        out.items.append(Marker("overset", columns[-1].x, grid.line_top(bottom) - ctx.pitch,
                                columns[-1].width, ctx.pitch, f"+{len(leftover)}字"))
    else:
        empty = bottom - dist.level
        if empty > ctx.layout.underset_lines:
            diags.append(warning(
                "underset", f"underset: {empty} empty grid lines at the foot of the slot",
                data=(("lines", empty),), hint="add copy, a photo, or shorten the slot", **where))
    return (), leftover


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
        for j in range(count):
            body = lines[index]
            baseline = ctx.grid.baseline(col.top + j)
            out.items.extend(line_runs(body.line, col.x, baseline, body.style))
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
    for index in dist.widows:
        diags.append(warning("widow", "a column starts with the last line of a paragraph (孤行) "
                             f"“{lines[index].text[:10]}…” and it could not be avoided",
                             hint="edit the copy by a line, or change the slot's depth", **where))


def _located(diags, where) -> list[Diagnostic]:
    """Composer diagnostics with the page, slot and story filled in."""
    from dataclasses import replace

    return [replace(d, page=d.page or where["page"], slot=d.slot or where["slot"],
                    story=d.story or where["story"]) for d in diags]
