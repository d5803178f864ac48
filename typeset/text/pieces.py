"""The prepared paragraph: pieces as a struct of parallel lists, and the break classes.

A `Preparation` is what the text stage hands to the line breaker: the paragraph cut into
pieces (one ideograph or mark, one Latin cluster, a 破折号/省略号 pair, a run of spaces) that
tile the text exactly. Every per-piece list is indexed by piece number; lengths are in pt,
measured along the line: left to right, or top to bottom when `direction` is "ttb" (直排:
"left" is then the head of a piece, "right" its foot, widths are heights).
The lists stay parallel lists (not one object per piece) because the breaker builds prefix
sums over them and the justifier slices them: that is what keeps the composer fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from typeset.fonts.face import Face


class BreakClass(IntEnum):
    """May a line break after a piece? (cjk-rules.md §a)"""

    LEGAL = 0
    """A line may break here."""
    KINSOKU = 1
    """避头尾 forbids it: a prohibited mark would start or end a line."""
    UNIT = 2
    """Inside an unbreakable unit (Latin word, number with its unit, ——, ……)."""
    WORD = 3
    """Inside a word of display text (headline, label, byline): a line breaks here only
    when no break between words fits."""
    HOUSE = 4
    """Inside what a house rule keeps whole (a number and its unit, a date, a dateline, a
    credit: typeset/text/units.py): the grid fill never breaks here; the optimiser may, at
    a cost, when every other choice leaves a line spaced wider than the loose limit."""


LEGAL, KINSOKU, UNIT = BreakClass.LEGAL, BreakClass.KINSOKU, BreakClass.UNIT
WORD, HOUSE = BreakClass.WORD, BreakClass.HOUSE


@dataclass
class Preparation:
    """A paragraph cut into pieces; per-piece lists are indexed by piece number (pt units)."""

    text: str
    em: float
    direction: str = "ltr"
    """"ltr" (横排) or "ttb" (直排, the vertical forms and advances of the faces)."""
    half_width_digits: bool = False
    """Arabic digits set ½ em each (二分字身, the face's `hwid` forms; `CompositionRules`)."""
    starts: list[int] = field(default_factory=list)
    """Source index of each piece's first character; one extra entry = len(text)."""
    char_class: list[int] = field(default_factory=list)
    """Composition class of the piece's first character (`typeset.text.classes`)."""
    face_index: list[int] = field(default_factory=list)
    """Index into `faces` of the face that draws the piece."""
    emphasis: list[bool] = field(default_factory=list)
    """Set in the style's emphasis faces."""
    glyphs: list[tuple] = field(default_factory=list)
    """Per piece: ((gid, dx pt from the piece origin along the line, source text), …)."""
    across: list[tuple] = field(default_factory=list)
    """Top to bottom only, per piece and glyph: ((offset pt from the column's axis, scale,
    turned 90°?), …) — an upright glyph centred on the axis, a 纵中横 number's digits side by
    side and shrunk (`scale`), a Latin word's letters turned (typeset/text/vertical.py)."""
    advance: list[float] = field(default_factory=list)
    """Full advance (1 em for an ideograph or a full-width mark)."""
    left_blank: list[float] = field(default_factory=list)
    """Blank on the left that compression may remove (opening marks)."""
    right_blank: list[float] = field(default_factory=list)
    """Blank on the right that compression may remove (closing and pause marks)."""
    left_cut: list[float] = field(default_factory=list)
    """Left blank removed in nominal setting (adjacent-mark compression, 开明式, ？！)."""
    right_cut: list[float] = field(default_factory=list)
    """Right blank removed in nominal setting."""
    adjacent_cut: list[float] = field(default_factory=list)
    """Part of `left_cut` that is adjacent-mark compression (undone at a line start)."""
    latin_gap: list[float] = field(default_factory=list)
    """CJK–Latin space after the piece (clreq §3.2.2), plus the tracking `prepare` was
    asked for (the style's tracking, or the fit's 压字/拉字)."""
    latin_gap_shrink: list[float] = field(default_factory=list)
    """How much that space may shrink (down to `cjk_latin_min`)."""
    latin_gap_stretch: list[float] = field(default_factory=list)
    """How much that space may stretch (up to `cjk_latin_max`)."""
    left_squeeze: list[float] = field(default_factory=list)
    """Left blank still compressible mid-line (先挤进, push-in), by the rules' priorities;
    for a word space: how far it may narrow (to ¼ em)."""
    right_squeeze: list[float] = field(default_factory=list)
    """Right blank still compressible mid-line (push-in)."""
    space_stretch: list[float] = field(default_factory=list)
    """Stretch of a word space up to ½ em (clreq §3.5.4 step 1)."""
    gap_stretches: list[bool] = field(default_factory=list)
    """May the gap after this piece take inter-character spacing (均排)?"""
    break_after: list[int] = field(default_factory=list)
    """`BreakClass` of a break after this piece (the last piece: LEGAL)."""
    seams: set[int] = field(default_factory=set)
    """Pieces after which a HOUSE break cuts a unit at its seam (a range after its connector,
    2026—|2028年; a magnitude before its unit, 9.5万|平方米): when a unit must be broken, a
    seam costs half what a cut inside a number and its unit does (typeset/text/units.py)."""
    url_slash: list[bool] = field(default_factory=list)
    """A '/', '@' or '.' inside a Latin word: where an over-long address may break (HOUSE)."""
    end_width: list[float] = field(default_factory=list)
    """Width when the piece ends a line (GB §5.1.10: full-width mark → ½ em; 0 for a mark
    that hangs outside the measure, clreq §3.1.7, when the rules allow hanging)."""
    nominal_end_width: list[float] = field(default_factory=list)
    """Width counted by the nominal grid fill when the piece ends a line."""
    faces: list[Face] = field(default_factory=list)
    """The faces the pieces use (`face_index` points here)."""
    missing: list[str] = field(default_factory=list)
    """Characters no face covers (reported, drawn as a blank em, never dropped)."""
    notes: list[str] = field(default_factory=list)
    """Font roles the style names but the book lacks (reported)."""
    rows: list[tuple] = field(default_factory=list, repr=False, compare=False)
    """Pieces while cutting: (class, glyphs, advance, left blank, right blank, start, face,
    emphasis) each; moved into the lists above by `segment.to_columns` (top to bottom a
    glyph is (gid, dx, text, offset across, scale, turned?) until then)."""

    def __len__(self) -> int:
        return len(self.char_class)
