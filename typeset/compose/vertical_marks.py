"""标点挤压 in vertical text: adjacent marks in a column take less than an em each.

In: the units of a vertical text (`compose.vertical.VUnit`) and the paper's punctuation style
(`CompositionRules.punctuation`). Out: the same units, some with a shorter advance. In 全角式
(quanjiao) two adjacent marks lose half an em between them — the foot blank of a stop or
closing mark first, else the head blank of an opening mark (GB/T 15834 §5.1, clreq §3.1.6.2,
turned for vertical: what is the right-hand blank across is the foot blank down); in 开明式
(kaiming) every mark but 。？！ is half an em; 全身式 (quanshen) changes nothing. A blank is
removed only where the glyph's ink leaves it free (the vertical forms of ，。、 and closing
brackets sit in the upper half of their em, opening brackets in the lower).
"""

from __future__ import annotations

from dataclasses import replace

from typeset.fonts import load_face
from typeset.text import classes as C

HALF = 0.5
INK_MARGIN = 0.04
"""The ink may reach this close (em) past the em's middle and the half still be removed."""


def blanks(unit) -> tuple[float, float]:
    """The free space (em) above and below the ink of a one-glyph mark (0, 0 for others)."""
    if unit.cls not in C.COMPRESSIBLE or len(unit.glyphs) != 1:
        return 0.0, 0.0
    glyph = unit.glyphs[0]
    face = load_face(glyph.face.path, glyph.face.index)
    _, y_min, _, y_max = face.ink_box(glyph.gid)
    if y_max <= y_min:
        return 0.0, 0.0
    top = glyph.dy - y_max / face.upem
    bottom = glyph.dy - y_min / face.upem
    return max(0.0, top), max(0.0, unit.advance - bottom)


def _can_cut(unit, head: bool) -> bool:
    free = blanks(unit)[0 if head else 1]
    return free >= HALF - INK_MARGIN


def compress_marks(units: list, punctuation: str) -> list:
    """`units` with adjacent (quanjiao) or all non-final (kaiming) marks compressed."""
    if punctuation == "quanshen":
        return units
    n = len(units)
    head, foot = [0.0] * n, [0.0] * n
    for k, unit in enumerate(units):
        if punctuation == "kaiming" and unit.cls in C.COMPRESSIBLE and (
                unit.text[0] not in C.FULL_STOPS_KAIMING):
            if unit.cls == C.OP and _can_cut(unit, True):
                head[k] = HALF
            elif unit.cls != C.OP and _can_cut(unit, False):
                foot[k] = HALF
    if punctuation == "quanjiao":
        for k in range(n - 1):
            a, b = units[k], units[k + 1]
            if a.cls not in C.COMPRESSIBLE or b.cls not in C.COMPRESSIBLE:
                continue
            if a.cls != C.OP and _can_cut(a, False):
                foot[k] = HALF
            elif b.cls == C.OP and _can_cut(b, True):
                head[k + 1] = HALF
    out = list(units)
    for k, unit in enumerate(units):
        if head[k] or foot[k]:
            glyphs = tuple(replace(g, dy=g.dy - head[k]) for g in unit.glyphs)
            out[k] = replace(unit, advance=unit.advance - head[k] - foot[k], glyphs=glyphs)
    return out
