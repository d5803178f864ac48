"""The galley: plain text, one paragraph per line, set at a column width for writing to fit.

In: text, the measure in em of the style's size, style, fonts, rules. Out: one
`SetParagraph` per input line (an empty line gives an empty paragraph: a section break).
"""

from __future__ import annotations

from typeset.fonts.book import FontBook
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.linebreak.paragraph import set_paragraph
from typeset.linebreak.lines import SetParagraph
from typeset.text.rules import CompositionRules


def set_galley(text: str, *, measure_em: float, style: TextStyle, fonts: FontBook,
               rules: CompositionRules = CompositionRules(), indent_em: float | None = None
               ) -> list[SetParagraph]:
    """Set every line of `text` as a paragraph at `measure_em` × style.size pt."""
    measure = measure_em * style.size
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [set_paragraph((Run(line),) if line else (), style, fonts, measure, rules,
                              indent=indent_em) for line in lines]
