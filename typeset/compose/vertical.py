"""Set text top to bottom (直排) for vertical headlines (竖题).

In: a text, its `TextStyle` and the `FontBook`. Out: `VUnit`s — one upright character (its
vertical form from the font's `vert` feature), one upright letter of a Latin word, or a 纵中横
number of two or three characters (12, 8.6) set across one em — broken into columns
(`VerticalLine`) at a column height by the 避头尾 rules; `column_runs()` places a column on
the page as `GlyphRun`s whose glyphs each carry their own y (the display list's
`PlacedGlyph.y`).

Quotes become corner brackets (“” → 『』, ‘’ → 「」, GB/T 15834 §5.2) in the glyphs only: the
text the PDF gives back is what the desk wrote. Latin words longer than an acronym and numbers
of four or more characters ought to be rotated 90° clockwise (clreq §3.2.3); the display list
has no rotated glyphs, so they are set upright letter by letter and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from typeset.compose.vertical_marks import compress_marks
from typeset.diagnostics import Diagnostic, error
from typeset.fonts import Face, FontBook
from typeset.frame import FaceRef, GlyphRun, PlacedGlyph
from typeset.model.grid import EM_BOX_ASCENT
from typeset.model.layout import TextStyle
from typeset.text import classes as C
from typeset.units import snap

CORNER_QUOTES = str.maketrans("“”‘’", "『』「」")
"""Curly quotes are drawn as corner brackets in vertical text (GB/T 15834 §5.2)."""
SPACE_EM = 0.5
"""Down-the-column advance of a word space in a vertical headline (a phrase gap), em."""
ACRONYM_MAX = 4
"""Capital-letter words up to this long are set upright letter by letter (clreq §3.2.3)."""
ACROSS_MAX = 3
"""Numbers of 2 to this many characters (12, 8.6, 95%) are set 纵中横, across one em."""
_NUMBER = re.compile(r"^[0-9][0-9.,%]*$")
_LATIN_CLASSES = (C.LA, C.LP, C.CN, C.PO, C.PR, C.MD, C.SL)


@dataclass(frozen=True)
class VGlyph:
    """One glyph of a unit: face, glyph id, position from the column's axis (dx) and from the
    unit's top down to its baseline (dy), in em of the line's size; `scale` shrinks it (a
    纵中横 group narrowed to one em)."""

    face: FaceRef
    gid: int
    dx: float
    dy: float
    text: str
    scale: float = 1.0
    rotated: bool = False
    """Turned 90° clockwise (a Latin word or long number): (dx, dy) is then its horizontal
    origin, on a baseline that runs down the column."""


@dataclass(frozen=True)
class VUnit:
    """One step down a column: its source text, class, advance (em) and glyphs."""

    text: str
    cls: int
    advance: float
    glyphs: tuple[VGlyph, ...]
    glue: bool = False
    """No break after this unit (inside a Latin word, a number, a —— or …… pair)."""
    space: bool = False
    """White space: a break opportunity, dropped at a column's ends."""


@dataclass(frozen=True)
class VerticalLine:
    """One column of vertical text at a size; `forced`: broken where no legal break fitted."""

    units: tuple[VUnit, ...]
    size: float
    tracking: float = 0.0
    forced: bool = False

    @property
    def text(self) -> str:
        """The source characters of the column."""
        return "".join(u.text for u in self.units)

    @property
    def natural(self) -> float:
        """Height in pt from the top of the first em to the foot of the last."""
        if not self.units:
            return 0.0
        return (sum(u.advance for u in self.units) + self.tracking * (len(self.units) - 1)
                ) * self.size


def vertical_units(text: str, style: TextStyle, fonts: FontBook, punctuation: str = "quanjiao"
                   ) -> tuple[tuple[VUnit, ...], list[Diagnostic]]:
    """The units of `text` set vertically in `style` (CJK in `style.font`, Latin and digits in
    `style.latin`), adjacent marks compressed by the `punctuation` style (quanjiao | kaiming |
    quanshen), with diagnostics for uncovered characters."""
    cjk, latin = fonts.face(style.font), fonts.face(style.latin)
    units: list[VUnit] = []
    missing: list[str] = []
    for kind, start, end in _segments(text):
        piece = text[start:end]
        if kind == "space":
            units.extend(VUnit(ch, C.classify(ch), 1.0 if ch == "\u3000" else SPACE_EM, (),
                               space=True) for ch in piece)
        elif kind == "latin":
            units.extend(_latin_word(piece, latin, missing))
        else:
            units.extend(_upright(piece, cjk, missing))
    _glue_pairs(units)
    units = compress_marks(units, punctuation)
    diags: list[Diagnostic] = []
    if missing:
        chars = sorted(set(missing))
        listed = ", ".join(f"U+{ord(c):04X} {c}" for c in chars)
        diags.append(error("missing-glyph", f"no font covers {len(chars)} character(s): "
                           f"{listed} in the vertical headline “{text}”",
                           hint="choose a font role that covers them, or edit the text",
                           data=(("characters", "".join(chars)),)))
    return tuple(units), diags


def _segments(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) runs of text: 'space', 'latin' (a word) or 'cjk'."""
    out: list[tuple[str, int, int]] = []
    for i, ch in enumerate(text):
        cls = C.classify(ch)
        if cls in (C.SP, C.IS, C.NB, C.ZW):
            kind = "space"
        elif cls in _LATIN_CLASSES and C.uses_latin_face(ch, cls):
            kind = "latin"
        elif cls == C.EX and out:
            kind = out[-1][0]          # a combining mark or selector stays with its base
        else:
            kind = "cjk"
        if out and out[-1][0] == kind and kind != "space":
            out[-1] = (kind, out[-1][1], i + 1)
        else:
            out.append((kind, i, i + 1))
    return out


def _upright(text: str, face: Face, missing: list[str], *, glue: bool = False
             ) -> list[VUnit]:
    """Units of `text` shaped top to bottom in `face`, one per cluster."""
    shaped = face.shape_vertical(text.translate(CORNER_QUOTES))
    upem = float(face.upem)
    starts = sorted({g.cluster for g in shaped})
    bounds = dict(zip(starts, starts[1:] + [len(text)]))
    units: list[VUnit] = []
    for start in starts:
        cluster = [g for g in shaped if g.cluster == start]
        source = text[start:bounds[start]]
        pen, glyphs = 0.0, []
        for n, g in enumerate(cluster):
            if g.gid == 0:
                missing.extend(ch for ch in source if C.classify(ch) != C.EX)
            glyphs.append(VGlyph(face.ref, g.gid, g.x_offset / upem, pen - g.y_offset / upem,
                                 source if n == 0 else ""))
            pen += g.advance / upem
        units.append(VUnit(source, C.classify(source[0]), pen, tuple(glyphs), glue=glue))
    if units and glue:
        units[-1] = _with(units[-1], glue=False)
    return units


def _latin_word(word: str, face: Face, missing: list[str]) -> list[VUnit]:
    """A Latin word or number (clreq §3.2.3, GB/T 15835): 纵中横 for a number of 2–3
    characters, upright letter by letter for a single character or a capital-letter acronym,
    else the whole word turned 90° clockwise."""
    if 2 <= len(word) <= ACROSS_MAX and _NUMBER.match(word):
        return [_across(word, face, missing)]
    acronym = len(word) <= ACRONYM_MAX and any(c.isalpha() for c in word) and (
        word.upper() == word)
    if len(word) == 1 or acronym:
        return _upright(word, face, missing, glue=True)
    return [_rotated(word, face, missing)]


def _rotated(word: str, face: Face, missing: list[str]) -> VUnit:
    """The word shaped as horizontal text and turned 90° clockwise: it runs down the column
    as far as it is wide, its em box (ascent EM_BOX_ASCENT) centred on the column's axis."""
    shaped = face.shape(word)
    upem = float(face.upem)
    starts = sorted({g.cluster for g in shaped})
    ends = dict(zip(starts, starts[1:] + [len(word)]))
    seen: set[int] = set()
    glyphs, pen = [], 0.0
    for g in shaped:
        if g.gid == 0:
            missing.extend(word[g.cluster:ends[g.cluster]])
        text = "" if g.cluster in seen else word[g.cluster:ends[g.cluster]]
        seen.add(g.cluster)
        # Turned clockwise, the glyph's "up" points right: its baseline stands 0.38 em left
        # of the axis so that its em box (0.12 below, 0.88 above) is centred on it.
        glyphs.append(VGlyph(face.ref, g.gid, 0.5 - EM_BOX_ASCENT - g.y_offset / upem,
                             pen + g.x_offset / upem, text, rotated=True))
        pen += g.advance / upem
    return VUnit(word, C.classify(word[0]), pen, tuple(glyphs))


def _across(digits: str, face: Face, missing: list[str]) -> VUnit:
    """纵中横: a short number side by side in one em of the column — half-width forms
    (`hwid`) or the proportional ones, whichever is narrower, shrunk when still wider than
    the em — centred on the axis."""
    upem = float(face.upem)
    shaped = min((face.shape(digits, features={"hwid": True}), face.shape(digits)),
                 key=lambda glyphs: sum(g.advance for g in glyphs))
    width = sum(g.advance for g in shaped) / upem
    scale = min(1.0, 1.0 / width) if width > 0 else 1.0
    top = (1.0 - scale) / 2 + EM_BOX_ASCENT * scale
    starts = sorted({g.cluster for g in shaped})
    ends = dict(zip(starts, starts[1:] + [len(digits)]))
    pen, glyphs, seen = -width * scale / 2, [], set()
    for g in shaped:
        if g.gid == 0:
            missing.append(digits[g.cluster])
        text = "" if g.cluster in seen else digits[g.cluster:ends[g.cluster]]
        seen.add(g.cluster)
        glyphs.append(VGlyph(face.ref, g.gid, pen + g.x_offset / upem * scale,
                             top - g.y_offset / upem * scale, text, scale))
        pen += g.advance / upem * scale
    return VUnit(digits, C.LA, 1.0, tuple(glyphs))


def _glue_pairs(units: list[VUnit]) -> None:
    """A 破折号 —— or 省略号 …… is never split across columns."""
    for i in range(len(units) - 1):
        a, b = units[i], units[i + 1]
        if a.cls == b.cls and a.cls in (C.DA, C.EL) and a.text not in C.TWO_EM_SINGLE:
            units[i] = _with(a, glue=True)


def _with(unit: VUnit, **changes) -> VUnit:
    return replace(unit, **changes)


# -- breaking into columns -------------------------------------------------------------------
def may_break(units: tuple[VUnit, ...], at: int, strict: bool = False) -> bool:
    """May a column end before units[at]? Not inside a word or pair, not before a closing or
    pause mark (避头), not after an opening one (避尾); white space is always a break."""
    if at <= 0 or at >= len(units):
        return False
    before = next((u for u in reversed(units[:at]) if not u.space), None)
    after = next((u for u in units[at:] if not u.space), None)
    if before is None or after is None:
        return False
    if before.glue and not (units[at - 1].space or units[at].space):
        return False
    if C.no_end(before.cls, before.text[-1]) or C.no_start(after.cls, after.text[0]):
        return False
    return not (strict and after.cls in (C.DA, C.EL))


def break_columns(units: tuple[VUnit, ...], height: float, size: float, *,
                  tracking: float = 0.0, strict: bool = False,
                  breaks: tuple[int, ...] | None = None) -> list[VerticalLine]:
    """Fill columns of `height` pt top to bottom, each ending at the last legal break that
    fits (a column with no legal break that fits is broken where it is full: `forced`).
    `breaks` gives the break positions instead (unit indexes)."""
    limit = height / size + 1e-6
    cuts: list[tuple[int, int, bool]] = []
    if breaks is not None:
        edges = (0, *breaks, len(units))
        cuts = [(a, b, False) for a, b in zip(edges, edges[1:])]
    else:
        start = 0
        while start < len(units):
            used, last_ok, i = 0.0, None, start
            while i < len(units):
                step = units[i].advance + (tracking if i > start else 0.0)
                if used + step > limit and i > start:
                    break
                used += step
                i += 1
                if i < len(units) and may_break(units, i, strict):
                    last_ok = i
            if i >= len(units):
                cuts.append((start, len(units), False))
                break
            end = last_ok if last_ok is not None else i
            cuts.append((start, end, last_ok is None))
            start = end
    lines = []
    for a, b, forced in cuts:
        part = units[a:b]
        while part and part[0].space:
            part = part[1:]
        while part and part[-1].space:
            part = part[:-1]
        if part:
            lines.append(VerticalLine(tuple(part), size, tracking, forced))
    return lines


# -- placing a column on the page ------------------------------------------------------------
def column_runs(line: VerticalLine, axis_x: float, top: float, style: TextStyle, *,
                height: float = 0.0, align: str = "left") -> list[GlyphRun]:
    """The glyph runs of one column whose axis is at `axis_x` and whose first em starts at
    `top`; in a box `height` pt tall, `align` puts it at the top (left/justify), middle
    (center), foot (right) or spreads it over the height (distribute, 均排)."""
    size, units = line.size, line.units
    slack = max(0.0, height - line.natural)
    extra = 0.0
    if align == "center":
        top += slack / 2
    elif align == "right":
        top += slack
    elif align == "distribute" and len(units) > 1:
        extra = slack / (len(units) - 1) / size
    runs: list[GlyphRun] = []
    current: list[PlacedGlyph] = []
    key = None
    pen = 0.0
    for unit in units:
        for g in unit.glyphs:
            if (g.face, g.scale, g.rotated) != key and current:
                runs.append(_run(key, current, axis_x, top, size, style))
                current = []
            key = (g.face, g.scale, g.rotated)
            current.append(PlacedGlyph(g.gid, snap(g.dx * size), g.text,
                                       snap((pen + g.dy) * size)))
        pen += unit.advance + line.tracking + extra
    if current:
        runs.append(_run(key, current, axis_x, top, size, style))
    return runs


def _run(key, glyphs: list[PlacedGlyph], x: float, y: float, size: float, style: TextStyle
         ) -> GlyphRun:
    face, scale, rotated = key
    return GlyphRun(snap(x), snap(y), face, snap(size * scale), tuple(glyphs),
                    "".join(g.text for g in glyphs), style.color, style.name,
                    vertical=not rotated, rotated=rotated)
