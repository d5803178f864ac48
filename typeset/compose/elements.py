"""Story elements of real pages as blocks to set: 提要, 署名, 编者按, crossheads, taglines.

In: a `Story` (its summary, author, editor's note, tagline and styled paragraphs) and the
layout's styles. Out: `BodyPara`s that flow with the body (editor's note before it, tagline
after it, crossheads and `{.style}` paragraphs in it), crosshead `BodyLine`s (space above on
the baseline grid, broken between phrases, kept with the next two body lines), and the block
of 提要 and 署名 set under the headline group across its span.
"""

from __future__ import annotations

from dataclasses import replace

from typeset.compose.context import ComposeContext
from typeset.model.layout import TextStyle
from typeset.model.story import EDITOR_NOTE_LEAD, Paragraph, Run, Story
FALLBACK = {"crosshead": "dateline", "summary": "body", "author": "byline",
            "editor-note": "body", "tagline": "byline", "photo-title": "caption"}
"""For a layout written before these styles existed: the style each element borrows."""


def element_style(ctx: ComposeContext, name: str) -> TextStyle:
    """The layout's style `name`; for an element style the layout lacks, the style it
    borrows (FALLBACK) under the element's name."""
    styles = ctx.layout.styles
    if name in styles or name not in FALLBACK:
        return ctx.style(name)
    borrowed = element_style(ctx, FALLBACK[name])
    if name == "crosshead":
        borrowed = replace(borrowed, indent=0.0, align="center", space_before=1)
    return replace(borrowed, name=name)


def lead_paragraphs(story: Story) -> list:
    """The 编者按 before the body: the lead-in run into its first paragraph, every paragraph
    in the `editor-note` style, the signature (编 者) flush right."""
    from typeset.compose.body import BodyPara

    paras = []
    for i, text in enumerate(story.editor_note):
        runs = ((Run(EDITOR_NOTE_LEAD, emphasis=True),) if i == 0 else ()) + (Run(text),)
        paras.append(BodyPara(runs, "editor-note", True, kind="editor-note"))
    if story.editor_note and story.editor_note_signature:
        paras.append(BodyPara((Run(story.editor_note_signature),), "editor-note", False,
                              "right", "editor-note"))
    return paras


def tail_paragraphs(story: Story) -> list:
    """The tagline after the body (and after the byline), in the `tagline` style."""
    from typeset.compose.body import BodyPara

    if not story.tagline:
        return []
    return [BodyPara((Run(story.tagline),), "tagline", False, kind="tagline")]


def head_paragraphs(story: Story) -> list:
    """提要 and 署名 as the first body paragraphs (where no horizontal headline group is set
    over the columns to put them under, e.g. beside a 竖题)."""
    from typeset.compose.body import BodyPara

    paras = [BodyPara((Run(line),), "summary", False, kind="summary") for line in story.summary]
    if story.author:
        paras.append(BodyPara((Run(story.author),), "author", False, kind="author"))
    return paras


def opened_with(paras: tuple, label: str) -> tuple:
    """The body opened by a run-in label (（上接第1版） of a story continued from another
    edition's files): run into the first paragraph, or on a line of its own before a
    crosshead."""
    from typeset.compose.body import BodyPara

    if not paras or not label:
        return paras
    run = Run(label, emphasis=True)
    first = paras[0]
    if first.kind == "crosshead":
        return (BodyPara((run,), "body", False),) + tuple(paras)
    return (replace(first, runs=(run,) + first.runs, indent=False, dateline=False),) + tuple(
        paras[1:])


def styled_paragraph(para: Paragraph):
    """A body paragraph written in another style (`## 小标题`, `… {.signature}`)."""
    from typeset.compose.body import BodyPara

    kind = "crosshead" if para.style == "crosshead" else "text"
    return BodyPara(para.runs, para.style, para.indent, kind=kind)


def crosshead_lines(index: int, para, style: TextStyle, width: float, ctx: ComposeContext,
                    *, at_top: bool):
    """A crosshead set at the column width → (SetParagraph, BodyLines): the style's
    `space_before` empty grid lines (none when it opens the text), then its lines, broken
    between phrases as display lines are, each on a grid line and kept with the next."""
    from typeset.compose.body import BodyLine
    from typeset.compose.headline import balanced
    from typeset.linebreak import SetLine

    text = "".join(run.text for run in para.runs)
    set_para, dx = balanced(text, style, width, ctx)
    lines = []
    if not at_top:
        blank = SetLine(0, 0, "", width, 0.0, (), False)
        lines += [BodyLine(index, blank, style, False, False, keep=True, blank=True)
                  for _ in range(style.space_before)]
    count = len(set_para.lines)
    for j, line in enumerate(set_para.lines):
        lines.append(BodyLine(index, line, style, j == 0, j == count - 1, dx=dx, keep=True))
    return set_para, lines


def head_extras(story: Story, x: float, top_line: int, width: float, ctx: ComposeContext):
    """The 提要 (each line in the `summary` style) and the 署名 (`author` style) stacked under
    the headline group at grid line `top_line` across `width` → a HeadlineBlock (0 lines
    when the story has neither)."""
    from typeset.compose.headline import HeadElement, HeadlineBlock, stack_elements
    from typeset.compose.setting import set_text

    elements = []
    for name, texts in (("summary", story.summary), ("author", (story.author,))):
        style = element_style(ctx, name)
        for text in texts:
            if text:
                elements.append(HeadElement(set_text(text, style, width, ctx,
                                                     align=style.align), style))
    if not elements:
        return HeadlineBlock(0, ())
    diags = [d for e in elements for d in e.para.diagnostics]
    return stack_elements(elements, x, top_line, width, ctx, diags, elements[0].style.size)
