"""Glyph metrics the composer needs, read from the font and kept per face by the session.

In: a `Face` and characters (or short clusters). Out: full-font glyph ids, advances and, for
CJK punctuation, which half of the em is blank — taken from the font's `halt` feature when it
has one, else from the glyph's ink box (cjk-rules.md §b.6), never from a hard-coded table.
All values are in font units; the composer scales them by size / upem.
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


@dataclass(frozen=True)
class Mark:
    """One character's glyph in a face: id, advance and removable blank on each side."""

    gid: int
    advance: int
    x_offset: int = 0
    left_blank: int = 0
    right_blank: int = 0


class FaceMetrics:
    """Cached per-character metrics of one face (see `metrics_for`)."""

    def __init__(self, face: Face):
        self.face = face
        self.upem = face.upem
        self._marks: dict[tuple[str, int], Mark | None] = {}
        self._covers: dict[str, bool] = {}
        self._pieces: dict[float, dict[str, tuple | None]] = {}
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
        shaped = self.face.shape(ch, features=_FEATURES.get(cls))
        first = shaped[0]
        advance = sum(g.advance for g in shaped)
        left = right = 0
        if cls in C.COMPRESSIBLE:
            left, right = self._blanks(ch, first.gid, advance)
        elif cls == C.MD:
            left, right = self._centred(first.gid, advance)
        return Mark(first.gid, advance, first.x_offset, left, right)

    def _blanks(self, ch: str, gid: int, advance: int) -> tuple[int, int]:
        """(left, right) blank of a full-width mark: `halt` first, ink box otherwise."""
        halt = self.face.shape(ch, features={"halt": True})
        if len(halt) == 1 and 0 < halt[0].advance < advance:
            cut = advance - halt[0].advance
            return (cut, 0) if halt[0].x_offset < 0 else (0, cut)
        x0, _, x1, _ = self.face.ink_box(gid)
        if x1 <= x0 or advance < self.upem * 0.9:
            return 0, 0          # proportional or empty glyph: nothing to compress
        half = advance / 2
        slack = advance * 0.04
        if x1 <= half + slack:
            return 0, int(advance - max(x1, half))
        if x0 >= half - slack:
            return int(min(x0, half)), 0
        return 0, 0

    def _centred(self, gid: int, advance: int) -> tuple[int, int]:
        """Blank on each side of a centred mark (interpunct) so that it takes ½ em."""
        x0, _, x1, _ = self.face.ink_box(gid)
        if advance < self.upem * 0.9 or x1 - x0 > advance / 2:
            return 0, 0
        quarter = advance // 4
        return quarter, quarter

    def cluster(self, text: str, features: dict[str, bool] | None = None):
        """Shape a short cluster (Latin word, 破折号 pair, base + marks) with HarfBuzz."""
        return self.face.shape(text, features=features)


def metrics_for(face: Face) -> FaceMetrics:
    """The metrics of `face`, kept by the build session (`typeset.session`)."""
    return current().memo("text.face-metrics", 256).get_or_make(face, lambda: FaceMetrics(face))
