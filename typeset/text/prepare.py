"""Prepare a paragraph for breaking: runs of text → pieces with widths, adjustability, breaks.

In: `Run`s, the `TextStyle`, the `FontBook` and the `CompositionRules`. Out: a `Preparation`
(typeset/text/pieces.py) holding, for every piece, its glyphs, nominal width, the blank it may
lose at a line start/end or in compression, the CJK–Latin space after it, whether the gap
after it may stretch, and whether a line may break after it (cjk-rules.md §a–§d). Three jobs,
one file each: `segment` (cut and shape), `adjust` (标点挤压 and line-end widths), `gaps`
(spacing and break classes between pieces).
"""

from __future__ import annotations

from collections.abc import Sequence

from typeset.fonts.book import FontBook
from typeset.model.composition import CompositionRules
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text.adjust import adjust, not_ideographs
from typeset.text.gaps import set_gaps
from typeset.text.phrases import keep_words
from typeset.text.pieces import KINSOKU, LEGAL, UNIT, WORD, BreakClass, Preparation
from typeset.text.segment import segment
from typeset.text.tracking import track
from typeset.text.units import keep_units

__all__ = ["BreakClass", "KINSOKU", "LEGAL", "Preparation", "UNIT", "WORD", "prepare"]


def prepare(runs: Sequence[Run], style: TextStyle, fonts: FontBook,
            rules: CompositionRules, *, phrases: bool = False) -> Preparation:
    """Cut `runs` into measured pieces with their adjustability and break classes;
    `phrases`: display text, breaking between words only (`phrases.keep_words`)."""
    prep = segment(runs, style, fonts)
    other = not_ideographs(prep)
    adjust(prep, rules, other)
    set_gaps(prep, rules, other)
    track(prep, style.tracking)
    if rules.keep_units:
        keep_units(prep, other)
    if phrases:
        keep_words(prep)
    return prep
