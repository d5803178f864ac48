"""Stage 3 (line breaking): a prepared paragraph → justified lines at a measure.

Public API: `set_paragraph(runs, style, fonts, measure, rules, indent=, align=)` →
`SetParagraph(text, lines, diagnostics)`; `set_galley(text, measure_em=, style=, fonts=, …)`.
Inside: `measure` (line widths in O(1)), `breaking` (the grid fill, 先挤进，后推出, and a
Knuth–Plass optimiser over its legal alternatives), `justify` (compression and expansion by
clreq priorities, glyph positions), `lines` (the output types), `paragraph` (the entry point,
caching, diagnostics), `galley` (plain text, one paragraph per line).
"""

from typeset.linebreak.breaking import Break, Breaker
from typeset.linebreak.galley import set_galley
from typeset.linebreak.lines import LineRun, SetLine, SetParagraph
from typeset.linebreak.measure import LineMeasure
from typeset.linebreak.paragraph import set_paragraph

compose_paragraph = set_paragraph
"""The old name of `set_paragraph`, kept while branches that call it are merged; new code
says set_paragraph (one verb per level: pages are composed, paragraphs and lines are set)."""

__all__ = ["Break", "Breaker", "LineMeasure", "LineRun", "SetLine", "SetParagraph",
           "compose_paragraph", "set_paragraph", "set_galley"]
