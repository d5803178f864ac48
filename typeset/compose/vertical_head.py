"""A vertical headline (竖题) at a story slot's right or left edge, and the text area beside it.

In: the story's `Headline`, its slot (`headline_vertical` = right | left), the compose context
and the grid lines the slot's text may use. Out: a `VerticalPlacement`: the 引题, 主题 and 副题
as columns read right to left (引题 rightmost, then the 主题's columns, then the 副题), a series
banner across the slot's top when the story has one, the narrower text columns left for the
body (whole characters wide, like 变栏), and diagnostics. The 主题 steps down its style's size
ladder until it fits the slot's height in its most columns (the style's `max_lines`, or the
slot's `lines:`); if even the smallest size does not, it is set at that size in those columns,
taller than the slot, and reported — never cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.compose.context import ComposeContext
from typeset.compose.headline import GAP_EM, HeadElement, headline_style_name
from typeset.compose.headline import stack_elements
from typeset.compose.setting import set_text, sized
from typeset.compose.vertical import (Column, VerticalText, break_columns, column_runs,
                                      prepare_vertical)
from typeset.diagnostics import Diagnostic, warning
from typeset.frame import FrameItem, Marker
from typeset.model.edition import Slot
from typeset.model.layout import TextStyle
from typeset.model.story import Headline
from typeset.units import snap

MIN_TEXT_CHARS = 8
"""Body columns beside a vertical headline narrower than this many characters are reported."""


@dataclass(frozen=True)
class VerticalElement:
    """One element of the group (引题, 主题 or 副题): its columns, right to left, and style."""

    lines: tuple[Column, ...]
    style: TextStyle

    @property
    def width(self) -> float:
        """From the right edge of the first column to the left edge of the last, pt."""
        if not self.lines:
            return 0.0
        return self.style.size + (len(self.lines) - 1) * self.style.pitch

    @property
    def height(self) -> float:
        """The tallest column, pt."""
        return max((line.length for line in self.lines), default=0.0)


@dataclass(frozen=True)
class VerticalGroup:
    """The set group: elements right to left, the 主题's size, diagnostics."""

    elements: tuple[VerticalElement, ...]
    size: float
    diagnostics: tuple[Diagnostic, ...] = ()

    def gap(self, a: VerticalElement, b: VerticalElement) -> float:
        return GAP_EM * min(a.style.size, b.style.size)

    @property
    def width(self) -> float:
        els = self.elements
        return sum(e.width for e in els) + sum(self.gap(a, b) for a, b in zip(els, els[1:]))

    @property
    def height(self) -> float:
        return max((e.height for e in self.elements), default=0.0)


@dataclass(frozen=True)
class VerticalPlacement:
    """A placed vertical headline and the slot's body columns beside it."""

    xs: list[float]
    width: float
    items: tuple[FrameItem, ...]
    diagnostics: tuple[Diagnostic, ...]
    banner_lines: int
    """Grid lines a series banner takes across the slot's top (the text starts below it)."""
    lines: int
    """Grid lines from the slot's text top to the foot of the headline box."""


def arrange(text: VerticalText, height: float) -> list[Column]:
    """Break `text` into columns of at most `height` pt: two columns break between phrases
    when a phrase break fits, else between words (the shorter longer column wins); more
    columns are evened out by the shortest height that keeps their number without ending a
    column inside a word."""
    lines = break_columns(text, height)
    if len(lines) < 2:
        return lines
    if len(lines) == 2:
        for spots in (text.phrase_breaks(), text.word_breaks()):
            best = None
            for at in spots:
                two = break_columns(text, height, after=(at,))
                if len(two) == 2 and all(line.length <= height + 1e-6 for line in two):
                    longest = max(line.length for line in two)
                    if best is None or longest < best[0]:
                        best = (longest, two)
            if best is not None:
                return best[1]
    size = text.size
    count, trial_h = len(lines), height - size / 4
    inside = any(text.ends_inside_word(line) for line in lines[:-1])
    while trial_h >= size:
        trial = break_columns(text, trial_h)
        if len(trial) != count or any(line.forced for line in trial) or (
                not inside and any(text.ends_inside_word(line) for line in trial[:-1])):
            break
        lines, trial_h = trial, trial_h - size / 4
    return lines


def fit_vertical(text: str, style: TextStyle, height: float, max_lines: int,
                 ctx: ComposeContext) -> tuple[VerticalElement, bool, list[Diagnostic]]:
    """The 主题 at the first size of its ladder whose columns fit `height` and number at
    most `max_lines` (0 = any). Returns the element, whether it fitted, diagnostics."""
    trial = style
    for size in (style.size, *style.size_ladder):
        trial = sized(style, size)
        prepared = prepare_vertical(text, trial, ctx.fonts, ctx.rules)
        lines = arrange(prepared, height)
        fits = all(line.length <= height + 1e-6 and not line.forced for line in lines)
        if fits and (max_lines <= 0 or len(lines) <= max_lines):
            return VerticalElement(tuple(lines), trial), True, list(prepared.diagnostics)
    # Nothing fits: the smallest size in the columns allowed, taller than the slot (the
    # caller reports it), rather than more and more columns crowding the text out.
    columns = max_lines if max_lines > 0 else len(prepared.prep)
    tall = max(height, trial.size)
    while True:
        lines = arrange(prepared, tall)
        if len(lines) <= columns and not any(line.forced for line in lines):
            return VerticalElement(tuple(lines), trial), False, list(prepared.diagnostics)
        tall += trial.size


def set_vertical_group(headline: Headline, height: float, ctx: ComposeContext, *,
                       max_lines: int = 0, story: str = "") -> VerticalGroup:
    """Set 引题, 主题 and 副题 as columns of at most `height` pt (the banner is not here)."""
    diags: list[Diagnostic] = []
    elements: list[VerticalElement] = []
    for text, name in ((headline.kicker, "kicker"), (headline.deck, "deck")):
        if not text:
            continue
        style = ctx.style(name)
        prepared = prepare_vertical(text, style, ctx.fonts, ctx.rules)
        diags.extend(prepared.diagnostics)
        elements.append(VerticalElement(tuple(arrange(prepared, height)), style))
    main_style = ctx.style(headline_style_name(headline.level))
    limit = max_lines or main_style.max_lines
    main, fitted, found = fit_vertical(headline.headline, main_style, height, limit, ctx)
    diags.extend(found)
    if not fitted:
        diags.append(warning(
            "headline-too-long",
            f"vertical headline “{headline.headline}” does not fit {limit or 'its'} "
            f"column(s) of the slot's {max(height, 0):.0f} pt even at {main.style.size:g} pt: "
            f"it is set {main.height:.0f} pt tall", story=story,
            data=(("columns", len(main.lines)), ("height", round(main.height, 2))),
            hint="shorten the headline, make the slot taller or allow more columns "
                 "(headline: {vertical: right, lines: 3})"))
    at = 1 if headline.kicker else 0
    elements.insert(at, main)
    return VerticalGroup(tuple(elements), main.style.size, tuple(diags))


def place_group(group: VerticalGroup, right: float, top: float) -> list[FrameItem]:
    """Glyph runs of the group, its first column's right edge at `right`, its top at `top`;
    each column aligned in the group's height by its style (center = middle)."""
    items: list[FrameItem] = []
    edge = right
    for i, element in enumerate(group.elements):
        style = element.style
        for n, line in enumerate(element.lines):
            axis = edge - style.size / 2 - n * style.pitch
            items.extend(column_runs(line, axis, top, style, height=group.height,
                                     align=style.align))
        edge -= element.width
        if i + 1 < len(group.elements):
            edge -= group.gap(element, group.elements[i + 1])
    return items


def beside(slot: Slot, ctx: ComposeContext, strip: float, side: str
           ) -> tuple[list[float], float, float, float, int]:
    """Text columns beside a headline strip `strip` pt wide at the slot's `side`: their left
    edges and width (whole characters), the strip's x and width, and the characters a
    column holds. As many columns as base columns fit (at least one; `columns:` is kept
    when they stay 8 字 or wider); the remainder widens the gaps between them."""
    grid, layout, area = ctx.grid, ctx.layout, slot.area
    em, gutter = layout.body_size, layout.gutter
    inset = em if slot.box else 0.0
    left = grid.column_x(area.column) + inset
    inner = grid.span_width(area.span) - 2 * inset
    avail = inner - strip - gutter
    count = slot.text_columns or max(1, round((avail + gutter) / (layout.column_width + gutter)))
    while count > 1 and (avail - (count - 1) * gutter) / count < MIN_TEXT_CHARS * em:
        count -= 1
    chars = max(1, int((avail - (count - 1) * gutter) / count / em + 1e-6))
    width = chars * em
    spare = max(0.0, avail - count * width - (count - 1) * gutter)
    gap = gutter + (spare / (count - 1) if count > 1 else 0.0)
    text_w = count * width + (count - 1) * gap
    strip_w = inner - text_w - gutter
    text_x = left if side == "right" else left + strip_w + gutter
    strip_x = left + text_w + gutter if side == "right" else left
    return ([snap(text_x + i * (width + gap)) for i in range(count)], width, snap(strip_x),
            snap(strip_w), chars)


def place_vertical_head(headline: Headline, slot: Slot, top: int, bottom: int,
                        ctx: ComposeContext, story: str = "") -> VerticalPlacement:
    """Set the group at the slot's side (grid lines `top`..`bottom` are the text's) and work
    out the body columns beside it."""
    grid, layout = ctx.grid, ctx.layout
    diags: list[Diagnostic] = []
    items: list[FrameItem] = []
    banner_lines = 0
    if headline.banner:
        style = ctx.style("banner")
        inset = layout.body_size if slot.box else 0.0
        x = grid.column_x(slot.area.column) + inset
        width = grid.span_width(slot.area.span) - 2 * inset
        para = set_text(headline.banner, style, width, ctx)
        block = stack_elements([HeadElement(para, style, True)], x, top, width, ctx,
                               list(para.diagnostics), style.size)
        items.extend(block.items)
        diags.extend(block.diagnostics)
        banner_lines = block.lines
    first = top + banner_lines
    air = (ctx.pitch - layout.body_size) / 2
    y0 = grid.line_top(first) + air
    height = (bottom - first) * ctx.pitch - 2 * air
    group = set_vertical_group(headline, height, ctx, max_lines=slot.headline_lines,
                               story=story)
    diags.extend(group.diagnostics)
    if group.height > height + 1e-6 and not any(
            d.code == "headline-too-long" for d in group.diagnostics):
        diags.append(warning(
            "headline-overflows-slot", f"the vertical headline is {group.height:.0f} pt tall, "
            f"the slot's text area {max(height, 0):.0f} pt", story=story,
            hint="make the slot taller or the headline shorter"))
    side = slot.headline_vertical or "right"
    xs, width, strip_x, strip_w, chars = beside(slot, ctx, group.width, side)
    if chars < MIN_TEXT_CHARS:
        diags.append(warning(
            "vertical-headline-narrow", f"the vertical headline ({group.width:.0f} pt wide) "
            f"leaves columns of {chars} 字 for the text", story=story,
            hint="widen the slot, or use a smaller headline level"))
    right = strip_x + (strip_w + group.width) / 2
    items.extend(place_group(group, right, y0))
    items.append(Marker("vertical-headline", snap(strip_x), snap(y0), strip_w,
                        snap(group.height), headline.headline))
    lines = grid.lines_for(air + group.height + air) if group.height else 0
    return VerticalPlacement(xs, width, tuple(items), tuple(diags), banner_lines, lines)
