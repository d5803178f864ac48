"""Turn set lines into positioned glyph runs, and set short one-off texts (labels, heads).

In: `SetLine`s from the composer, a left x and a baseline y on the page, the style. Out:
`frame.GlyphRun`s at page coordinates. This is the one place where composer output becomes
display-list items, so positions are computed the same way everywhere.
"""

from __future__ import annotations

from dataclasses import replace

from typeset.compose.context import ComposeContext
from typeset.frame import GlyphRun
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.linebreak import SetLine, SetParagraph, set_paragraph
from typeset.units import snap


def line_runs(line: SetLine, x: float, baseline: float, style: TextStyle) -> list[GlyphRun]:
    """The glyph runs of one set line whose left edge is at `x` and baseline at `baseline`."""
    return [
        GlyphRun(
            x=snap(x + run.x), y=snap(baseline), face=run.face, size=run.size,
            glyphs=run.glyphs, text=run.text, color=style.color, role=style.name,
        )
        for run in line.runs
        if run.glyphs
    ]


def set_text(text: str | tuple[Run, ...], style: TextStyle, width: float, ctx: ComposeContext,
             *, align: str | None = None, indent: float | None = None) -> SetParagraph:
    """Compose a short text (heading, label, caption, byline) at `width` in `style`; the
    first line indented as the style says (a caption's 2 字) unless `indent` (em) is given.

    Text set ragged or centred is display text: it breaks between words only, when such a
    break fits. A newline in a plain-text value (a desk's own break in a headline) always
    ends the line there."""
    phrases = (align or style.align) not in ("justify", "distribute")
    if isinstance(text, str) and "\n" in text:
        return _set_broken(text, style, width, ctx, align, indent, phrases)
    runs = (Run(text),) if isinstance(text, str) else text
    return set_paragraph(runs, style, ctx.fonts, width, ctx.rules, indent=indent, align=align,
                         phrases=phrases)


def _set_broken(text: str, style: TextStyle, width: float, ctx: ComposeContext,
                align: str | None, indent: float | None, phrases: bool) -> SetParagraph:
    """`text` set part by part at its newlines, the parts' lines joined into one paragraph
    (line indexes into the whole text; blank parts dropped)."""
    lines: list[SetLine] = []
    diags = []
    at = 0
    for number, part in enumerate(text.split("\n")):
        stripped = part.strip()
        if stripped:
            offset = at + part.index(stripped)
            para = set_paragraph((Run(stripped),), style, ctx.fonts, width, ctx.rules,
                                 indent=indent if number == 0 else 0.0, align=align,
                                 phrases=phrases)
            lines.extend(replace(line, start=line.start + offset, end=line.end + offset,
                                 last=False) for line in para.lines)
            diags.extend(para.diagnostics)
        at += len(part) + 1
    if lines:
        lines[-1] = replace(lines[-1], last=True)
    return SetParagraph(text, tuple(lines), tuple(diags))


def natural_width(text: str, style: TextStyle, ctx: ComposeContext) -> float:
    """The width `text` takes on one line in `style` (set ragged at a very wide measure)."""
    para = set_text(text, style, 100000.0, ctx, align="left")
    return max((line.natural for line in para.lines), default=0.0)


def sized(style: TextStyle, size: float) -> TextStyle:
    """The same style at another size (for size ladders)."""
    return replace(style, size=size, leading=style.leading * size / style.size if style.leading
                   else 0.0)
