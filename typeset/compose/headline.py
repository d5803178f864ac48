"""Set a story's headline group — series banner, 引题 kicker, 主题 headline, 副题 deck — on the grid.

In: a `Headline`, the block's left x, top grid line and width, the most lines the 主题 may take.
Out: a `HeadlineBlock`: the whole grid lines it occupies (占行) and its glyph runs and boxes.
The 主题 steps down its style's size ladder until it fits its lines; if even the smallest size
does not fit, it is set at that size and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.compose.context import ComposeContext
from typeset.compose.setting import line_runs, set_text, sized
from typeset.diagnostics import Diagnostic, warning
from typeset.frame import Box, CMYK, FrameItem
from typeset.model.grid import EM_BOX_ASCENT
from typeset.model.layout import TextStyle
from typeset.model.story import Headline
from typeset.linebreak import SetParagraph
from typeset.text.phrases import firm_word_starts, word_starts
from typeset.units import snap

GAP_EM = 0.35
"""Space between the elements of a headline group, in em of the smaller element."""
TIGHT_GAP_EM, LOOSE_GAP_EM = 0.15, 1.0
"""The kicker/deck spacing lever's limits: the gaps between the 引题, 主题 and 副题 at least
this tight (and the air above and below the group a quarter line in all) for a line fewer,
at most this loose for a line more (`set_headline_group`'s `spacing`)."""
BANNER_TINT = CMYK(0, 0, 0, 0.12)


@dataclass(frozen=True)
class HeadlineBlock:
    """A set headline group: grid lines taken from the top of its area, and its items."""

    lines: int
    items: tuple[FrameItem, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    size: float = 0.0
    """The 主题 size chosen from the ladder."""


@dataclass(frozen=True)
class HeadElement:
    """One set element of a headline group (banner, kicker, 主题, deck or 续题)."""

    para: SetParagraph
    style: TextStyle
    banner: bool = False
    dx: float = 0.0
    """Shift of the lines within the block (a balanced element set narrower than the block)."""


def headline_style_name(level: int) -> str:
    """headline-1 … headline-3 from a headline level (clamped)."""
    return f"headline-{min(max(level, 1), 3)}"


PHRASE_END = set(" \u3000，、。；：！？”’）》」』")
PHRASE_START = set("“‘（《「『")


def phrase_breaks(text: str) -> list[int]:
    """Where a display line may break between phrases: after a space or a closing or pause
    mark, before an opening mark (never at the ends)."""
    spots = set()
    for i, ch in enumerate(text):
        if ch in PHRASE_END and 0 < i + 1 < len(text):
            spots.add(i + 1)
        if ch in PHRASE_START and 0 < i:
            spots.add(i)
    return sorted(spots)


def breaks_inside_word(para: SetParagraph) -> bool:
    """True when a line of `para` ends inside a word (between two letters or ideographs that
    the segmenter keeps together) rather than between words or phrases."""
    text = para.text
    inside = None
    for line in para.lines[:-1]:
        at = line.end
        if 0 < at < len(text) and _wordlike(text[at - 1]) and _wordlike(text[at]):
            if inside is None:
                inside = word_starts(text)
            if at not in inside:
                return True
    return False


def _wordlike(ch: str) -> bool:
    return ch.isalnum()


def _split_points(text: str):
    """Where a two-line split is tried, best kind first: phrase boundaries; then word starts
    no dictionary word spans; then any word start (the segmenter is asked only when needed)."""
    yield phrase_breaks(text)
    yield sorted(firm_word_starts(text))
    yield sorted(word_starts(text))


def _two_phrases(text: str, style: TextStyle, width: float, ctx: ComposeContext
                 ) -> SetParagraph | None:
    """The two-line split with the shorter longer line, both fitting: at a phrase boundary
    (space, closing or pause mark) when one fits, else between two words (`_split_points`)."""
    if "\n" in text:
        return None
    for spots in _split_points(text):
        best = None
        for at in spots:
            first, second = text[:at].rstrip(), text[at:].lstrip()
            if not first or not second:
                continue
            lines = []
            for part in (first, second):
                para = set_text(part, style, width, ctx, align=style.align)
                if len(para.lines) != 1 or para.lines[0].overfull > 0:
                    break
                lines.append(para.lines[0])
            else:
                longest = max(line.natural for line in lines)
                if best is None or longest < best[0] - 1e-6:
                    best = (longest, lines)
        if best is not None:
            return SetParagraph(text, tuple(best[1]), ())
    return None


def balanced(text: str, style: TextStyle, width: float, ctx: ComposeContext
             ) -> tuple[SetParagraph, float]:
    """Set a display line so that its lines come out even: two lines break between phrases
    (让创新的“活水”/奔涌不息, not 让创新的“活水”奔涌/不息) when a phrase break fits, else
    between words; otherwise the narrowest measure, in steps of ¼ em, that keeps the same
    number of lines without breaking inside a word. A desk's newline is kept as written.
    Returns the set text and the x shift that keeps it aligned in `width`."""
    para = set_text(text, style, width, ctx, align=style.align)
    count = len(para.lines)
    if count < 2 or style.align not in ("center", "left", "right") or "\n" in text:
        return para, 0.0
    if count == 2:
        phrased = _two_phrases(text, style, width, ctx)
        if phrased is not None:
            return phrased, 0.0
    step = style.size / 4
    best, best_w = para, width
    inside = breaks_inside_word(para)
    trial_w = width - step
    while trial_w > style.size:
        trial = set_text(text, style, trial_w, ctx, align=style.align)
        if len(trial.lines) != count or any(line.overfull > 0 for line in trial.lines) or (
                breaks_inside_word(trial) and not inside):
            break
        best, best_w = trial, trial_w
        trial_w -= step
    slack = width - best_w
    shift = {"center": slack / 2, "right": slack}.get(style.align, 0.0)
    return best, shift


def fit_headline(text: str, style: TextStyle, width: float, max_lines: int,
                 ctx: ComposeContext) -> tuple[SetParagraph, TextStyle, bool]:
    """Set `text` at the first size of the style's ladder that fits `max_lines` (0 = any);
    a headline that could only break inside a word at that size takes the next size
    down when there it breaks between words or phrases.

    Returns the set paragraph, the style at the chosen size, and whether it fitted.
    """
    sizes = (style.size, *style.size_ladder)
    chosen = None
    for i, size in enumerate(sizes):
        trial = sized(style, size)
        para = set_text(text, trial, width, ctx, align=style.align)
        chosen = (para, trial)
        too_long = any(line.overfull > 0 for line in para.lines)
        if (max_lines <= 0 or len(para.lines) <= max_lines) and not too_long:
            if len(para.lines) >= 2 and i + 1 < len(sizes) and breaks_inside_word(para) and (
                    len(para.lines) != 2 or _two_phrases(text, trial, width, ctx) is None):
                # Lines that can only break inside a word: one step down the ladder is
                # better when there they break between words.
                smaller = sized(style, sizes[i + 1])
                again = set_text(text, smaller, width, ctx, align=style.align)
                if not breaks_inside_word(again) or (
                        len(again.lines) == 2 and _two_phrases(text, smaller, width, ctx)):
                    return again, smaller, True
            return para, trial, True
    return chosen[0], chosen[1], False


def set_headline_group(headline: Headline, x: float, top_line: int, width: float,
                       ctx: ComposeContext, *, max_lines: int = 0, story: str = "",
                       spacing: int = 0) -> HeadlineBlock:
    """Set the group at (x, grid line `top_line`) across `width` pt; `spacing` −1 / +1: a
    group with a kicker or deck takes a grid line fewer / more, its gaps tightened or opened
    within TIGHT_GAP_EM … LOOSE_GAP_EM (unchanged when that is not enough)."""
    diags: list[Diagnostic] = []
    elements: list[HeadElement] = []
    if headline.banner:
        style = ctx.style("banner")
        elements.append(HeadElement(set_text(headline.banner, style, width, ctx), style, True))
    if headline.kicker:
        style = ctx.style("kicker")
        para, dx = balanced(headline.kicker, style, width, ctx)
        elements.append(HeadElement(para, style, dx=dx))
    main_style = ctx.style(headline_style_name(headline.level))
    limit = max_lines or main_style.max_lines
    para, fitted_style, fitted = fit_headline(headline.headline, main_style, width, limit, ctx)
    if not fitted:
        diags.append(warning(
            "headline-too-long",
            f"headline “{headline.headline}” needs {len(para.lines)} lines at "
            f"{fitted_style.size:g} pt, more than the {limit} allowed",
            story=story, hint="shorten the headline, widen its span or allow more lines"))
    if len(para.lines) > 1 and fitted:
        para, dx = balanced(headline.headline, fitted_style, width, ctx)
    else:
        dx = 0.0
    elements.append(HeadElement(para, fitted_style, dx=dx))
    if headline.deck:
        style = ctx.style("deck")
        para, dx = balanced(headline.deck, style, width, ctx)
        elements.append(HeadElement(para, style, dx=dx))
    for element in elements:
        diags.extend(element.para.diagnostics)
    return stack_elements(elements, x, top_line, width, ctx, diags, fitted_style.size,
                          spacing)


def stack_elements(elements: list[HeadElement], x: float, top_line: int, width: float,
           ctx: ComposeContext, diags: list[Diagnostic], size: float, spacing: int = 0
                   ) -> HeadlineBlock:
    """Stack the elements, centre them in whole grid lines, and position every line
    (`spacing`: see `set_headline_group`)."""
    heights = [len(e.para.lines) * e.style.pitch for e in elements]
    smaller = [min(a.style.size, b.style.size) for a, b in zip(elements, elements[1:])]
    gaps = [GAP_EM * s for s in smaller]
    content = sum(heights) + sum(gaps)
    pitch = ctx.pitch
    lines = ctx.grid.lines_for(content + pitch)  # at least half a line of air above and below
    if spacing < 0 and gaps:
        tight = sum(heights) + TIGHT_GAP_EM * sum(smaller)
        if ctx.grid.lines_for(tight + pitch / 4) < lines:
            lines -= 1
            spare = max(0.0, (lines - 0.25) * pitch - tight)  # back to the gaps, up to GAP_EM
            gaps = [(TIGHT_GAP_EM + min(GAP_EM - TIGHT_GAP_EM, spare / sum(smaller))) * s
                    for s in smaller]
            content = sum(heights) + sum(gaps)
    elif spacing > 0 and gaps:
        lines += 1
        spare = (lines - 1) * pitch - content
        gaps = [min(LOOSE_GAP_EM * s, g + spare / len(gaps)) for g, s in zip(gaps, smaller)]
        content = sum(heights) + sum(gaps)
    block_top = ctx.grid.line_top(top_line)
    y = block_top + (lines * pitch - content) / 2
    items: list[FrameItem] = []
    for i, element in enumerate(elements):
        style = element.style
        if element.banner:
            band = len(element.para.lines) * style.pitch
            items.append(Box(snap(x), snap(y), snap(width), snap(band), fill=BANNER_TINT))
        for line in element.para.lines:
            baseline = y + (style.pitch - style.size) / 2 + EM_BOX_ASCENT * style.size
            items.extend(line_runs(line, x + element.dx, baseline, style))
            y += style.pitch
        if i < len(gaps):
            y += gaps[i]
    return HeadlineBlock(lines, tuple(items), tuple(diags), size)


def set_continued_head(title: str, x: float, top_line: int, width: float,
                       ctx: ComposeContext) -> HeadlineBlock:
    """The 续题 over a continuation: a short headline in the `continued` style."""
    style = ctx.style("continued")
    para = set_text(title, style, width, ctx, align=style.align)
    if not para.lines:
        return HeadlineBlock(0, ())
    return stack_elements([HeadElement(para, style)], x, top_line, width, ctx,
                          list(para.diagnostics), style.size)
