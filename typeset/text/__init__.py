"""Stage 2 (text preparation): a paragraph's runs → pieces with widths and break classes.

`classes` (clreq character classes, not UAX #14), `rules` (the paper's `CompositionRules`),
`metrics` (punctuation widths and blank halves from the font), `prepare` (runs → a
`Preparation`: ideographs, marks, Latin clusters, ——/…… pairs, spaces, with nominal widths,
compression, CJK–Latin spacing), left to right or top to bottom (`direction="ttb"`, with
`vertical`: the vertical forms of Latin words). Line breaking and justification are the next
stage, `typeset.linebreak`. See typeset/text/README.md.
"""

from typeset.text.prepare import Preparation, prepare
from typeset.text.rules import CompositionRules

__all__ = ["CompositionRules", "Preparation", "prepare"]
