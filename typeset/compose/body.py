"""A story's body as paragraphs to set: dateline run-in, paragraphs, byline, signature.

In: a `Story` (and, for a continuation, where the previous part stopped). Out: `BodyPara`s,
and `BodyLine`s once set at a column width; `remainder()` gives the paragraphs still to set
after a number of lines were placed, opened with the jump-in label (（上接第1版）).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from typeset.compose.context import ComposeContext
from typeset.compose.elements import (crosshead_lines, element_style, lead_paragraphs,
                                      styled_paragraph, tail_paragraphs)
from typeset.model.layout import TextStyle
from typeset.model.story import Run, Story
from typeset.linebreak import SetLine, set_paragraph

RUN_IN_SPACE = "\u3000"
"""After a run-in dateline (本报讯　3月6日): one em, so the character grid holds."""
CLOSING = ("）", ")", "】", "〕", "」")
"""A dateline ending in a closing bracket (本报讯（记者 韩雪松）) runs straight into the text."""
BYLINE_GAP_EM = 1.0


@dataclass(frozen=True)
class BodyPara:
    """A paragraph to set: runs, the style name, first-line indent or not, alignment, kind."""

    runs: tuple[Run, ...]
    style: str = "body"
    indent: bool = True
    align: str | None = None
    kind: str = "text"
    """text | byline | signature | crosshead | editor-note | tagline (see compose.elements)."""
    dateline: bool = False
    """The first run is a dateline: its emphasis face comes from the dateline style."""


@dataclass(frozen=True)
class BodyLine:
    """One set body line with the paragraph it belongs to; `tail` is a run-in byline."""

    para: int
    line: SetLine
    style: TextStyle
    first: bool
    last: bool
    tail: tuple[tuple[SetLine, TextStyle, float], ...] = ()
    """(line, style, x offset) set on the same baseline at the right (run-in byline)."""
    dx: float = 0.0
    """Shift of the line from the column's left edge (a crosshead set balanced, narrower)."""
    keep: bool = False
    """Kept with the next line in the same column (crosshead lines, their space above)."""
    blank: bool = False
    """An empty grid line of space above a crosshead (not drawn; dropped at a column top)."""

    @property
    def text(self) -> str:
        """Every source character the line shows."""
        return self.line.text + "".join(t[0].text for t in self.tail)


def body_paragraphs(story: Story) -> tuple[BodyPara, ...]:
    """The story's body in reading order, dateline run into the first paragraph."""
    paras = []
    if story.byline and story.byline_place == "top":
        paras.append(BodyPara((Run(story.byline),), "byline", False, "left", "byline"))
    paras += lead_paragraphs(story)
    for i, para in enumerate(story.paragraphs):
        runs = para.runs
        is_dateline = i == 0 and bool(story.dateline) and not para.style
        if is_dateline:
            gap = () if story.dateline.endswith(CLOSING) else (Run(RUN_IN_SPACE),)
            runs = (Run(story.dateline, emphasis=True),) + gap + runs
        if para.style:
            paras.append(styled_paragraph(para))
            continue
        paras.append(BodyPara(runs, "body", para.indent, dateline=is_dateline))
    if story.dateline and not story.paragraphs:
        paras.append(BodyPara((Run(story.dateline, emphasis=True),), "body", True, dateline=True))
    if story.byline and story.byline_place != "top":
        paras.append(BodyPara((Run(story.byline),), "byline", False, "right", "byline"))
    if story.signature:
        paras.append(BodyPara((Run(story.signature),), "signature", False, "right", "signature"))
    paras += tail_paragraphs(story)
    return tuple(paras)


def body_style(para: BodyPara, ctx: ComposeContext) -> TextStyle:
    """The style a body paragraph is set in (the dateline's face for a run-in dateline)."""
    style = element_style(ctx, para.style)
    if para.dateline:
        dateline = ctx.style("dateline")
        style = replace(style, emphasis_font=dateline.font, emphasis_latin=dateline.latin)
    return style


def set_body(paras: tuple[BodyPara, ...], width: float, ctx: ComposeContext,
             tracking: float = 0.0) -> tuple[list[BodyLine], list]:
    """Set every paragraph at `width`; a byline runs in on the last line when it fits there.
    `tracking`: em added to every paragraph's tracking (the fit's 压字/拉字 lever, a slot's
    `tracking:`).

    Returns the lines and the composer's diagnostics.
    """
    lines: list[BodyLine] = []
    diags: list = []
    for index, para in enumerate(paras):
        style = body_style(para, ctx)
        if tracking:
            style = replace(style, tracking=style.tracking + tracking)
        if para.kind == "crosshead":
            set_head, head_lines = crosshead_lines(index, para, style, width, ctx,
                                                   at_top=not lines)
            diags.extend(set_head.diagnostics)
            lines.extend(head_lines)
            continue
        indent = None if para.indent else 0.0
        set_para = set_paragraph(para.runs, style, ctx.fonts, width, ctx.rules,
                                     indent=indent, align=para.align)
        diags.extend(set_para.diagnostics)
        if para.kind == "byline" and index > 0 and lines and len(set_para.lines) == 1:
            last = lines[-1]
            need = set_para.lines[0].natural + BYLINE_GAP_EM * style.size
            if last.last and not last.tail and last.line.natural + need <= width:
                offset = 0.0  # right-aligned: the composer placed it at the right edge already
                lines[-1] = replace(last, tail=((set_para.lines[0], style, offset),))
                continue
        count = len(set_para.lines)
        keep = bool(lines) and lines[-1].keep and lines[-1].para != index  # under a crosshead
        for j, line in enumerate(set_para.lines):
            lines.append(BodyLine(index, line, style, j == 0, j == count - 1,
                                  keep=keep and j == 0 and count > 1))
    return lines, diags


def remainder(paras: tuple[BodyPara, ...], lines: list[BodyLine], placed: int,
              jump_in: str) -> tuple[BodyPara, ...]:
    """The paragraphs left after `placed` lines, opened by the run-in `jump_in` label."""
    if placed >= len(lines):
        return ()
    first = lines[placed]
    para = paras[first.para]
    label = (Run(jump_in, emphasis=True),) if jump_in else ()
    if para.kind == "crosshead":  # the continuation opens with the label, then the crosshead
        opener = (BodyPara(label, "body", False),) if label else ()
        return opener + paras[first.para:]
    rest_runs = _slice_runs(para.runs, first.line.start)
    opened = replace(para, runs=label + rest_runs, indent=False, dateline=False)
    return (opened,) + paras[first.para + 1:]


def _slice_runs(runs: tuple[Run, ...], start: int) -> tuple[Run, ...]:
    """The runs from character `start` of their joined text on."""
    out = []
    at = 0
    for run in runs:
        end = at + len(run.text)
        if end > start:
            out.append(Run(run.text[max(0, start - at):], run.emphasis))
        at = end
    return tuple(r for r in out if r.text)
