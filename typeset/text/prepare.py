"""Prepare a paragraph for breaking: runs of text → pieces with widths, adjustability, breaks.

In: `Run`s, the `TextStyle`, the `FontBook` and the `CompositionRules`. Out: a `Preparation`
(typeset/text/pieces.py) holding, for every piece, its glyphs, nominal width, the blank it may
lose at a line start/end or in compression, the CJK–Latin space after it, whether the gap
after it may stretch, and whether a line may break after it (cjk-rules.md §a–§d). Three jobs,
one file each: `segment` (cut and shape), `adjust` (标点挤压 and line-end widths), `gaps`
(spacing and break classes between pieces).

Direction is a parameter: `direction="ttb"` prepares text set top to bottom (直排, the vertical
headline, typeset/compose/vertical.py) with the same jobs — the faces' vertical forms,
advances and head/foot blanks, the same 标点挤压 and the same break classes (one statement of
避头尾) — so the same `Breaker` breaks it into columns with the column height as its measure.
Down a column no CJK–Latin space is added (Latin is 纵中横, upright or turned); `tracking`
(em, the style's) is added between pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from typeset.fonts.book import FontBook
from typeset.model.composition import CompositionRules
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text.adjust import adjust, not_ideographs
from typeset.text.gaps import set_gaps
from typeset.text.phrases import keep_words
from typeset.text.pieces import KINSOKU, LEGAL, UNIT, WORD, BreakClass, Preparation
from typeset.text.segment import segment
from typeset.text.units import keep_units

__all__ = ["BreakClass", "KINSOKU", "LEGAL", "Preparation", "UNIT", "WORD", "prepare"]


def prepare(runs: Sequence[Run], style: TextStyle, fonts: FontBook,
            rules: CompositionRules, *, phrases: bool = False, direction: str = "ltr",
            tracking: float | None = None) -> Preparation:
    """Cut `runs` into measured pieces with their adjustability and break classes;
    `phrases`: display text, breaking between words only (`phrases.keep_words`);
    `direction`: "ltr" (横排) or "ttb" (直排); `tracking`: em added between pieces (after
    every piece but the last, so not at a line's end; None: the style's)."""
    tracking = style.tracking if tracking is None else tracking
    prep = segment(runs, style, fonts, direction, rules.half_width_digits)
    other = not_ideographs(prep)
    if direction == "ttb":
        rules = replace(rules, cjk_latin_space=0.0, cjk_latin_min=0.0, cjk_digit_space=0.0)
    adjust(prep, rules, other)
    set_gaps(prep, rules, other)
    if tracking:
        step = tracking * prep.em
        prep.latin_gap = [gap + step for gap in prep.latin_gap[:-1]] + prep.latin_gap[-1:]
    if rules.keep_units:
        keep_units(prep, other)
    if phrases:
        keep_words(prep)
    return prep
