"""The galley for code: what `paiban galley` prints, as plain data.

In: plain text (one paragraph per line), the measure in em, style, fonts, rules, indent. Out:
`({"measure_em": N, "paragraphs": [{"lines": ["…", …]}, …]}, diagnostics)`; each line holds
its exact source characters. `typeset.linebreak.set_galley` gives the full `SetParagraph`s.
"""

from __future__ import annotations

from typeset.diagnostics import Diagnostic, SourceRef, scoped
from typeset.fonts.book import FontBook
from typeset.model.layout import TextStyle
from typeset.text import CompositionRules
from typeset.linebreak import set_galley


def galley_result(text: str, *, measure_em: float, style: TextStyle, fonts: FontBook,
                  rules: CompositionRules = CompositionRules(), indent_em: float | None = None,
                  source: str = "-") -> tuple[dict, list[Diagnostic]]:
    """The galley of `text` as JSON-ready data, and the composer's diagnostics (each with
    `source`:line of the paragraph it concerns)."""
    paragraphs = set_galley(text, measure_em=measure_em, style=style, fonts=fonts, rules=rules,
                            indent_em=indent_em)
    em = int(measure_em) if float(measure_em).is_integer() else measure_em
    result = {"measure_em": em,
              "paragraphs": [{"lines": p.line_texts()} for p in paragraphs]}
    diagnostics = [scoped(d, source=SourceRef(source, number))
                   for number, p in enumerate(paragraphs, 1) for d in p.diagnostics]
    return result, diagnostics
