"""Text stage: compose paragraphs of Chinese news copy into lines (clreq / GB/T 15834 rules).

Public API: `compose_paragraph(runs, style, fonts, measure, rules, indent=, align=)` →
`SetParagraph(text, lines, diagnostics)`; `set_galley(text, measure_em=, style=, fonts=, …)`;
`CompositionRules` (the paper's choices). See typeset/text/README.md for the pipeline inside.
"""

from typeset.text.compose import compose_paragraph
from typeset.text.galley import set_galley
from typeset.text.lines import LineRun, SetLine, SetParagraph
from typeset.text.rules import CompositionRules

__all__ = ["CompositionRules", "LineRun", "SetLine", "SetParagraph", "compose_paragraph",
           "set_galley"]
