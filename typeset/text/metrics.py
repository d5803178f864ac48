"""Glyph metrics the composer needs, read from the font and kept per face by the session.

In: a `Face`, a direction and characters (or short clusters). Out: full-font glyph ids,
advances and, for CJK punctuation, which half of the em is blank — taken from the font's
`halt` feature (`vhal` top to bottom) when it has one, else from the glyph's ink box along the
line (cjk-rules.md §b.6), never from a hard-coded table. All values are in font units; the
composer scales them by size / upem.

Direction "ltr" is horizontal setting. Direction "ttb" (直排) shapes with HarfBuzz top to
bottom, so the font's `vert` forms are used and advances are vertical advances; "left" and
"right" then mean the head and the foot of the em, and curly quotes are shaped as corner
brackets (“” → 『』, ‘’ → 「」, GB/T 15834 §5.2) — in the glyphs only, the text keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.fonts.face import Face
from typeset.session import current
from typeset.text import classes as C

# OpenType features that give the GB widths for marks whose default glyph is proportional:
# fwid → 1-em dashes (一字线, 破折号 ligature) and a centred interpunct; hwid → ½-em solidus.
_FEATURES: dict[int, dict[str, bool]] = {
    C.DA: {"fwid": True},
    C.MD: {"fwid": True},
    C.SL: {"hwid": True},
}
CORNER_QUOTES = str.maketrans("“”‘’", "『』「」")
"""Curly quotes are drawn as corner brackets in vertical text (GB/T 15834 §5.2)."""


@dataclass(frozen=True)
class Mark:
    """One character's glyph in a face: id, advance and removable blank on each side (head
    and foot top to bottom); offsets from the pen to the glyph origin (HarfBuzz's, y up)."""

    gid: int
    advance: int
    x_offset: int = 0
    left_blank: int = 0
    right_blank: int = 0
    y_offset: int = 0


class FaceMetrics:
    """Cached per-character metrics of one face in one direction (see `metrics_for`)."""

    def __init__(self, face: Face, direction: str = "ltr"):
        self.face = face
        self.upem = face.upem
        self.vertical = direction == "ttb"
        """Set top to bottom: vertical forms and advances, blanks at the head and foot."""
        self._marks: dict[tuple[str, int], Mark | None] = {}
        self._covers: dict[str, bool] = {}
        self._pieces: dict[float, dict[str, tuple | None]] = {}
        self._words: dict[tuple[float, bool], dict[str, tuple]] = {}
        self.combining: set[str] = set()
        """Characters of class EX among those in the piece tables (a piece followed by one
        is shaped as a cluster): a text whose characters are all in a table holds an EX
        character exactly when it meets this set."""

    def pieces(self, em: float) -> dict[str, tuple | None]:
        """Per-size table the composer fills: character → its ready-made piece (class, glyphs,
        advance, left blank, right blank in pt at `em`) or None (not a one-glyph piece)."""
        table = self._pieces.get(em)
        if table is None:
            table = self._pieces[em] = {}
        return table

    def words(self, em: float, half_width_digits: bool = False) -> dict[str, tuple]:
        """Per-size table the composer fills: a Latin word whose every character the face
        covers → its pieces ((offset in the word, class, glyphs, advance pt at `em`), …); one
        table for each way of setting digits (`Preparation.half_width_digits`)."""
        key = (em, half_width_digits)
        table = self._words.get(key)
        if table is None:
            table = self._words[key] = {}
        return table

    def covers(self, ch: str) -> bool:
        """True when the face has a glyph for `ch`."""
        got = self._covers.get(ch)
        if got is None:
            got = self._covers[ch] = self.face.glyph_for(ch) is not None
        return got

    def mark(self, ch: str, cls: int) -> Mark | None:
        """The glyph of one character set alone in class `cls`; None when not covered."""
        key = (ch, cls)
        try:
            return self._marks[key]
        except KeyError:
            pass
        found = self._measure(ch, cls) if self.covers(ch) else None
        self._marks[key] = found
        return found

    def _measure(self, ch: str, cls: int) -> Mark:
        shaped = self.cluster(ch, _FEATURES.get(cls))
        first = shaped[0]
        advance = sum(g.advance for g in shaped)
        left = right = 0
        if cls in C.COMPRESSIBLE:
            left, right = self._blanks(ch, first, advance)
        elif cls == C.MD:
            left, right = self._centred(first, advance)
        return Mark(first.gid, advance, first.x_offset, left, right, first.y_offset)

    def _ink(self, glyph) -> tuple[int, int]:
        """The ink's extent along the line from the start of the glyph's em (font units):
        x_min, x_max across; top to bottom, the distances down from the em's head."""
        x0, y0, x1, y1 = self.face.ink_box(glyph.gid)
        if not self.vertical:
            return x0, x1
        if y1 <= y0:
            return 0, 0
        return -glyph.y_offset - y1, -glyph.y_offset - y0

    def _blanks(self, ch: str, glyph, advance: int) -> tuple[int, int]:
        """(left, right) blank of a full-width mark: `halt` (`vhal`) first, ink box
        otherwise."""
        halt = self.cluster(ch, {"vhal" if self.vertical else "halt": True})
        if len(halt) == 1 and 0 < halt[0].advance < advance:
            cut = advance - halt[0].advance
            if self.vertical:           # the head removed: the glyph moves up the column
                return (cut, 0) if halt[0].y_offset > glyph.y_offset else (0, cut)
            return (cut, 0) if halt[0].x_offset < 0 else (0, cut)
        x0, x1 = self._ink(glyph)
        if x1 <= x0 or advance < self.upem * 0.9:
            return 0, 0          # proportional or empty glyph: nothing to compress
        half = advance / 2
        slack = advance * 0.04
        if x1 <= half + slack:
            return 0, int(advance - max(x1, half))
        if x0 >= half - slack:
            return int(min(x0, half)), 0
        return 0, 0

    def _centred(self, glyph, advance: int) -> tuple[int, int]:
        """Blank on each side of a centred mark (interpunct) so that it takes ½ em."""
        x0, x1 = self._ink(glyph)
        if advance < self.upem * 0.9 or x1 - x0 > advance / 2:
            return 0, 0
        quarter = advance // 4
        return quarter, quarter

    def cluster(self, text: str, features: dict[str, bool] | None = None):
        """Shape a short cluster (Latin word, 破折号 pair, base + marks) with HarfBuzz, top
        to bottom (quotes as corner brackets) when the metrics are vertical."""
        if self.vertical:
            return self.face.shape_vertical(text.translate(CORNER_QUOTES), features=features)
        return self.face.shape(text, features=features)


def metrics_for(face: Face, direction: str = "ltr") -> FaceMetrics:
    """The metrics of `face` in `direction` ("ltr", or "ttb" for 直排), kept by the build
    session (`typeset.session`)."""
    memo = current().memo("text.face-metrics", 256)
    if direction == "ltr":
        return memo.get_or_make(face, lambda: FaceMetrics(face))
    return memo.get_or_make((face, direction), lambda: FaceMetrics(face, direction))
