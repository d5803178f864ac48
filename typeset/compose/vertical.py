"""Set text top to bottom (直排) for vertical headlines (竖题): a direction over the one composer.

In: a text, its `TextStyle`, the `FontBook` and the `CompositionRules`. Out: `Column`s and
their `GlyphRun`s. Everything but the last step is the horizontal composer's:
`prepare_vertical` is `typeset.text.prepare` with `direction="ttb"` (vertical forms from the
font's `vert` feature, vertical advances, head and foot blanks from `vhal` or the ink, the same
标点挤压 and break classes — one statement of 避头尾 —, 纵中横 numbers, upright or turned
Latin: typeset/text/vertical.py); `break_columns` is the same `Breaker` with the column height
as its measure; a column is set by the same `set_line` along its axis (compression, alignment
in the group's height, 均排). Only `column_runs` is vertical: it places the set glyphs down the
column's axis as the display list's vertical (upright) or rotated (a turned Latin word) runs,
each glyph with its own y (`PlacedGlyph.y`).

Quotes become corner brackets (“” → 『』, ‘’ → 「」, GB/T 15834 §5.2) in the glyphs only: the
text the PDF gives back is what the desk wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from typeset.compose.headline import phrase_breaks
from typeset.diagnostics import Diagnostic
from typeset.fonts import FontBook
from typeset.frame import GlyphRun, PlacedGlyph
from typeset.linebreak.breaking import FORCED, Breaker
from typeset.linebreak.justify import set_line
from typeset.linebreak.measure import EPS, LineMeasure
from typeset.linebreak.paragraph import missing_glyphs, missing_roles
from typeset.model.composition import CompositionRules
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text import classes as C
from typeset.text.phrases import word_starts
from typeset.text.pieces import HOUSE, LEGAL, WORD, Preparation
from typeset.text.prepare import prepare
from typeset.units import snap

BLANK = frozenset({C.SP, C.IS})
"""Pieces dropped at a column's head and foot (word spaces, U+3000)."""


@dataclass(frozen=True, eq=False)
class VerticalText:
    """A text prepared top to bottom at one size, with its line measure and diagnostics
    (one object per preparation: compared by identity)."""

    prep: Preparation = field(repr=False)
    measure: LineMeasure = field(repr=False)
    rules: CompositionRules
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def size(self) -> float:
        """The size the text is set at, pt."""
        return self.prep.em

    def phrase_breaks(self) -> list[int]:
        """Pieces after which a phrase ends (`headline.phrase_breaks`) and a column may."""
        return self._pieces_ending_at(phrase_breaks(self.prep.text), (LEGAL,))

    def word_breaks(self) -> list[int]:
        """Pieces after which a word ends (`phrases.word_starts`) and a column may."""
        return self._pieces_ending_at(sorted(word_starts(self.prep.text)), (LEGAL, HOUSE))

    def ends_inside_word(self, column: Column) -> bool:
        """True when `column` ends between two characters of one word."""
        prep = self.prep
        k = column.last
        return (k + 1 < len(prep) and prep.break_after[k] == WORD)

    def _pieces_ending_at(self, positions, kinds) -> list[int]:
        prep = self.prep
        after = {start: k - 1 for k, start in enumerate(prep.starts) if k}
        return [after[at] for at in positions
                if at in after and prep.break_after[after[at]] in kinds]


@dataclass(frozen=True)
class Column:
    """Pieces `first`..`last` of a vertical text as one column (blank ends dropped)."""

    source: VerticalText
    first: int
    last: int
    length: float
    """Height in pt from the head of the first em to the foot of the last, compressed to the
    measure when it was pulled in (先挤进); beyond it when it could not be."""
    forced: bool = False
    """Broken where no legal break fitted."""

    @property
    def text(self) -> str:
        """The source characters of the column."""
        prep = self.source.prep
        return prep.text[prep.starts[self.first]:prep.starts[self.last + 1]]


def prepare_vertical(text: str, style: TextStyle, fonts: FontBook, rules: CompositionRules
                     ) -> VerticalText:
    """`text` prepared top to bottom in `style` (CJK in `style.font`, Latin and digits in
    `style.latin`, `style.tracking` between characters) by `rules`, with diagnostics for
    uncovered characters and missing font roles."""
    prep = prepare((Run(text),), style, fonts, rules, direction="ttb", tracking=style.tracking,
                   phrases=True)  # display text: columns break between words when one fits
    diags = missing_glyphs(prep, f"the vertical headline “{text}”") + missing_roles(prep)
    return VerticalText(prep, LineMeasure(prep), rules, tuple(diags))


def break_columns(text: VerticalText, height: float, *, after: Sequence[int] | None = None
                  ) -> list[Column]:
    """Columns of at most `height` pt, broken by the composer's `Breaker` (the grid fill with
    先挤进，后推出 and the 孤字 repair, as display text); `after`: the pieces after which the
    columns end instead."""
    prep, measure = text.prep, text.measure
    n = len(prep)
    if not n:
        return []
    if after is not None:
        ends = (-1, *after, n - 1)
        lines = [(a + 1, b, False) for a, b in zip(ends, ends[1:])]
    else:
        rules = text.rules
        breaker = Breaker(measure, height, height, avoid_orphan=rules.avoid_orphan,
                          url_breaks=False, loose_limit=rules.loose_limit)
        lines = [(b.start, b.end, b.kind == FORCED and b.end < n - 1)
                 for b in breaker.breaks(False)]
    columns = []
    cls = prep.char_class
    for s, e, forced in lines:
        while s <= e and cls[s] in BLANK:
            s += 1
        while e >= s and cls[e] in BLANK:
            e -= 1
        if s > e:
            continue
        natural = measure.width(s, e)
        if natural > height + EPS:
            natural = max(height, natural - measure.shrink(s, e))
        columns.append(Column(text, s, e, natural, forced))
    return columns


def column_runs(column: Column, axis_x: float, top: float, style: TextStyle, *,
                height: float = 0.0, align: str = "left") -> list[GlyphRun]:
    """The glyph runs of a column whose axis is at `axis_x` and whose first em starts at
    `top`; in a box `height` pt tall, `align` puts it at the top (left/justify), middle
    (center), foot (right) or spreads it over the height (distribute, 均排). The column is
    set by `set_line` along its axis; its glyphs keep that order, each then placed across
    the axis by its vertical form (`Preparation.across`)."""
    prep = column.source.prep
    s, e = column.first, column.last
    box = max(height, column.length)
    line = set_line(prep, s, e, measure=box, width=box, x0=0.0, last=True, align=align)
    downs = [run.x + g.x for run in line.runs for g in run.glyphs]
    runs: list[GlyphRun] = []
    current: list[PlacedGlyph] = []
    key = None
    i = 0
    for k in range(s, e + 1):
        ref = prep.faces[prep.face_index[k]].ref
        for (gid, _, text), (across, scale, turned) in zip(prep.glyphs[k], prep.across[k]):
            if (ref, scale, turned) != key and current:
                runs.append(_run(key, current, axis_x, top, prep.em, style))
                current = []
            key = (ref, scale, turned)
            current.append(PlacedGlyph(gid, snap(across), text, snap(downs[i])))
            i += 1
    if current:
        runs.append(_run(key, current, axis_x, top, prep.em, style))
    return runs


def _run(key, glyphs: list[PlacedGlyph], x: float, y: float, size: float, style: TextStyle
         ) -> GlyphRun:
    face, scale, turned = key
    return GlyphRun(snap(x), snap(y), face, snap(size * scale), tuple(glyphs),
                    "".join(g.text for g in glyphs), style.color, style.name,
                    vertical=not turned, rotated=turned)
