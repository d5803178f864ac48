"""The vertical forms of a Latin word (clreq §3.2.3, GB/T 15835) for setting top to bottom.

In: a word of Latin-face characters (letters, digits, ASCII marks), the Latin face's vertical
`FaceMetrics` and the size in pt. Out: its pieces as (offset in the word, glyphs, advance
down the column in pt), each glyph (gid, dx down from the piece's head, text, offset across
from the column's axis, scale, turned?):
- a number of 2 to `ACROSS_MAX` characters (12, 8.6, 95%) is 纵中横: side by side across one
  em, half-width forms (`hwid`) or the proportional ones, whichever is narrower, shrunk when
  still wider than the em — one piece;
- a single character, or a capital-letter acronym up to `ACRONYM_MAX` letters (GDP, 5G),
  stands upright letter by letter (one piece each; a word stays whole by its break classes);
- any other word is turned 90° clockwise and runs down the column as far as it is wide, its
  em box centred on the axis — one piece.
A word space takes `WORD_SPACE` down a column (segment.py).
"""

from __future__ import annotations

import re

from typeset.model.grid import EM_BOX_ASCENT

WORD_SPACE = 0.5
"""Advance of a word space down a column (a phrase gap in a vertical headline), em."""
ACRONYM_MAX = 4
"""Capital-letter words up to this long are set upright letter by letter (clreq §3.2.3)."""
ACROSS_MAX = 3
"""Numbers of 2 to this many characters (12, 8.6, 95%) are set 纵中横, across one em."""
_NUMBER = re.compile(r"^[0-9][0-9.,%]*$")


def latin_forms(word: str, metrics, em: float) -> list[tuple[int, tuple, float]]:
    """The pieces of `word` set down a column (see the module docstring)."""
    if 2 <= len(word) <= ACROSS_MAX and _NUMBER.match(word):
        return [(0, _across(word, metrics, em), em)]
    acronym = len(word) <= ACRONYM_MAX and any(c.isalpha() for c in word) and (
        word.upper() == word)
    if len(word) == 1 or acronym:
        return _upright(word, metrics, em)
    glyphs, length = _turned(word, metrics, em)
    return [(0, glyphs, length)]


def _texts(word: str, shaped) -> list[str]:
    """The source text of each glyph: its cluster's characters on the cluster's first glyph."""
    starts = sorted({g.cluster for g in shaped})
    ends = dict(zip(starts, starts[1:] + [len(word)]))
    seen: set[int] = set()
    out = []
    for g in shaped:
        out.append("" if g.cluster in seen else word[g.cluster:ends[g.cluster]])
        seen.add(g.cluster)
    return out


def _upright(word: str, metrics, em: float) -> list[tuple[int, tuple, float]]:
    """One upright piece per cluster, shaped top to bottom."""
    shaped = metrics.cluster(word)
    scale = em / metrics.upem
    pieces: dict[int, list] = {}
    pens: dict[int, float] = {}
    for g, text in zip(shaped, _texts(word, shaped)):
        pen = pens.get(g.cluster, 0.0)
        pieces.setdefault(g.cluster, []).append(
            (g.gid, pen - g.y_offset * scale, text, g.x_offset * scale, 1.0, False))
        pens[g.cluster] = pen + g.advance * scale
    return [(at, tuple(pieces[at]), pens[at]) for at in sorted(pieces)]


def _turned(word: str, metrics, em: float) -> tuple[tuple, float]:
    """The word shaped left to right and turned 90° clockwise: its baseline stands
    (EM_BOX_ASCENT − ½) em left of the axis, so that its em box is centred on it."""
    shaped = metrics.face.shape(word)
    scale = em / metrics.upem
    across = (0.5 - EM_BOX_ASCENT) * em
    glyphs, pen = [], 0.0
    for g, text in zip(shaped, _texts(word, shaped)):
        glyphs.append((g.gid, pen + g.x_offset * scale, text, across - g.y_offset * scale,
                       1.0, True))
        pen += g.advance * scale
    return tuple(glyphs), pen


def _across(digits: str, metrics, em: float) -> tuple:
    """纵中横: the number's glyphs side by side, centred on the axis in one em."""
    face = metrics.face
    shaped = min((face.shape(digits, features={"hwid": True}), face.shape(digits)),
                 key=lambda glyphs: sum(g.advance for g in glyphs))
    width = sum(g.advance for g in shaped) / metrics.upem
    shrink = min(1.0, 1.0 / width) if width > 0 else 1.0
    scale = em / metrics.upem * shrink
    down = ((1.0 - shrink) / 2 + EM_BOX_ASCENT * shrink) * em
    pen, glyphs = -width * shrink * em / 2, []
    for g, text in zip(shaped, _texts(digits, shaped)):
        glyphs.append((g.gid, down - g.y_offset * scale, text, pen + g.x_offset * scale,
                       shrink, False))
        pen += g.advance * scale
    return tuple(glyphs)
