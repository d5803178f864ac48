"""Line measurements in O(1) from prefix sums over a `Preparation`.

In: a prepared paragraph. Out: for any candidate line (first piece s, last piece e) its width
as set (line-start and line-end rules applied), its nominal width (what the grid fill counts),
the compression it may still use (push-in) and its stretch; plus the legal break positions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, repeat
from operator import add, mul, not_, sub

from typeset.text import classes as C
from typeset.text.pieces import HOUSE, LEGAL, Preparation

assert LEGAL == 0, "LineMeasure finds the legal breaks by truth value"

EPS = 1e-6


class LineMeasure:
    """Prefix sums over the pieces of one paragraph (all lengths in pt)."""

    def __init__(self, prep: Preparation):
        self.prep = prep
        n = self.n = len(prep.char_class)
        self.last = n - 1
        full, wl, wr, ga = prep.advance, prep.left_cut, prep.right_cut, prep.latin_gap
        shl, shr, gsh = prep.left_squeeze, prep.right_squeeze, prep.latin_gap_shrink
        elig, gst, spst = prep.gap_stretches, prep.latin_gap_stretch, prep.space_stretch
        unit = prep.em / 4
        # running sums p += full - wl - wr + ga, s += shl + shr + gsh, t += (¼ em if the gap
        # may stretch) + gst + spst, evaluated in that order (the same floats as a loop)
        self.width_sums = list(accumulate(map(add, map(sub, map(sub, full, wl), wr), ga),
                                          initial=0.0))
        """width_sums[k]: nominal width of pieces 0..k-1 with the gaps after them."""
        self.shrink_sums = list(accumulate(map(add, map(add, shl, shr), gsh), initial=0.0))
        """shrink_sums[k]: push-in room of pieces 0..k-1 and their gaps."""
        cls = prep.char_class
        spaced = C.SP in cls                # word spaces (few paragraphs have one): else
        # space_stretch is all 0.0, and x + 0.0 is x (the same floats without it)
        units = map(mul, elig, repeat(unit))   # ¼ em where the gap may stretch (True × ¼ em)
        stretch = map(add, units, gst)
        self.stretch_sums = list(accumulate(map(add, stretch, spst) if spaced else stretch,
                                            initial=0.0))
        """stretch_sums[k]: nominal stretch (¼ em per stretchable gap, CJK–Latin space, word
        spaces) of pieces 0..k-1, for the badness ratio."""
        self.gap_count_sums = list(accumulate(elig, initial=0))   # 0 + True = 1: ints
        """gap_count_sums[k]: gaps after pieces 0..k-1 that take inter-character spacing."""
        self.extra_stretch_sums = list(accumulate(map(add, gst, spst) if spaced else gst,
                                                  initial=0.0))
        """extra_stretch_sums[k]: what word spaces and CJK–Latin spaces of pieces 0..k-1 may
        stretch before the gaps between characters do (clreq §3.5.4 steps 1–2)."""
        self.end_width = prep.end_width
        self.nominal_end_width = prep.nominal_end_width
        self.adjacent_cut = prep.adjacent_cut
        self.end_squeeze = list(map(mul, shl, map(C.SP.__ne__, cls))) if spaced else shl
        # (× False = 0.0; without a word space, shl itself: x × True is x)
        """Push-in room of a piece when it ends a line (a line-end space has none)."""
        # legal breaks; the last piece's break class is always LEGAL (= 0)
        self.legal = list(compress(range(n), map(not_, prep.break_after)))
        """Piece numbers after which a line may break, ascending."""
        self._house: list[int] | None = None
        """Piece numbers inside house-rule units, made on first use (by the repair pass)."""

    # -- widths -----------------------------------------------------------------------------
    def width(self, s: int, e: int) -> float:
        """Width of pieces s..e set as one line (line-end mark halved, no edge spacing)."""
        return self.width_sums[e] + self.end_width[e] - self.width_sums[s] + self.adjacent_cut[s]

    def nominal(self, s: int, e: int) -> float:
        """Width the grid fill counts: nominal widths, a line-end mark not yet halved."""
        return self.width_sums[e] + self.nominal_end_width[e] - self.width_sums[s] + self.adjacent_cut[s]

    def shrink(self, s: int, e: int) -> float:
        """Compression still available in the line (clreq §3.5.3 priorities 2–7)."""
        return self.shrink_sums[e] + self.end_squeeze[e] - self.shrink_sums[s] + self.adjacent_cut[s]

    def stretch(self, s: int, e: int) -> float:
        """Nominal stretch of the line's gaps (for the badness ratio)."""
        return self.stretch_sums[e] - self.stretch_sums[s]

    def spacing(self, s: int, e: int, measure: float) -> float:
        """Extra space between two characters when pieces s..e are justified to `measure`
        (0 when the line needs none; inf when it has no gap to take it)."""
        short = measure - self.width(s, e) - (self.extra_stretch_sums[e] - self.extra_stretch_sums[s])
        if short <= EPS:
            return 0.0
        gaps = self.gap_count_sums[e] - self.gap_count_sums[s]
        return short / gaps if gaps else float("inf")

    def fits(self, s: int, e: int, measure: float) -> bool:
        """Can pieces s..e be compressed to `measure`?"""
        return self.width(s, e) - self.shrink(s, e) <= measure + EPS

    # -- positions --------------------------------------------------------------------------
    def next_legal(self, k: int) -> int:
        """The first legal break at or after piece k (the paragraph end at the latest)."""
        i = bisect_left(self.legal, k)
        return self.legal[i] if i < len(self.legal) else self.last

    def prev_legal(self, k: int, s: int) -> int | None:
        """The last legal break at or before piece k and not before piece s, else None."""
        i = bisect_right(self.legal, k) - 1
        if i >= 0 and self.legal[i] >= s:
            return self.legal[i]
        return None

    def house(self) -> list[int]:
        """Piece numbers inside house-rule units (a break there costs, `BreakClass.HOUSE`),
        ascending."""
        if self._house is None:
            self._house = list(compress(range(self.n), map(HOUSE.__eq__, self.prep.break_after)))
        return self._house
