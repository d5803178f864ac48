"""Set one line: apply line-start/line-end rules, compress or stretch it, place the glyphs.

In: the prepared paragraph, the line's first and last piece, its width and alignment. Out: a
`SetLine` whose glyph positions already include every adjustment. Compression follows
clreq §3.5.3 (word spaces, brackets' outer sides, pause marks, CJK–Latin space, then — only if
allowed — full stops); expansion follows §3.5.4 (word spaces to ½ em, CJK–Latin space to its
maximum, then every eligible inter-character gap equally). Spacing is never negative.
"""

from __future__ import annotations

from operator import add, sub

from typeset.frame import PlacedGlyph
from typeset.text import classes as C
from typeset.linebreak.lines import LineRun, SetLine
from typeset.linebreak.measure import EPS
from typeset.text.prepare import UNIT, Preparation
from typeset.units import snap


def set_line(prep: Preparation, s: int, e: int, *, measure: float, width: float, x0: float,
             last: bool, align: str) -> SetLine:
    """Lay out pieces s..e in a line `width` pt wide starting at `x0` (both within `measure`)."""
    _cls, full, wl, wr, pl = prep.cls, prep.full, prep.wl, prep.wr, prep.pl
    count = e - s + 1
    left = wl[s:e + 1]
    right = wr[s:e + 1]
    left[0] -= pl[s]
    right[-1] = full[e] - wl[e] - prep.endw[e]
    gaps = prep.ga[s:e]
    gaps.append(0.0)
    pad = [0.0] * count                     # extra width after a piece's glyphs (spaces)
    line_full = full[s:e + 1]
    natural = sum(map(sub, map(sub, line_full, left), right)) + sum(gaps)
    overfull = 0.0
    need = width - natural
    if need < -EPS:
        overfull = _compress(prep, s, e, -need, left, right, gaps, pad)
    elif need > EPS and (align == "distribute" or (align == "justify" and not last)):
        _expand(prep, s, e, need, gaps, pad)
    content = sum(map(add, map(sub, map(sub, line_full, left), right), pad)) + sum(gaps)
    offset = x0
    if align == "center" and content < width:
        offset += (width - content) / 2
    elif align == "right" and content < width:
        offset += width - content
    runs = _runs(prep, s, e, offset, left, right, gaps, pad)
    text = prep.text[prep.starts[s]:prep.starts[e + 1]]
    return SetLine(
        start=prep.starts[s], end=prep.starts[e + 1], text=text, measure=measure,
        natural=snap(x0 + content), runs=runs, last=last, overfull=snap(overfull),
        indent=snap(offset),
    )


def _compress(prep, s, e, amount, left, right, gaps, pad) -> float:
    """Remove `amount` pt by clreq's reduction priorities; returns what could not be removed."""
    cls = prep.cls
    em = prep.em
    # tier lists of (kind, index, capacity): kind 'l'/'r' = a piece side, 'g' = a gap,
    # 's' = a word space narrowed to ¼ em
    tiers: list[list[tuple[str, int, float]]] = [[], [], [], [], []]
    for i, k in enumerate(range(s, e + 1)):
        c = cls[k]
        if c == C.SP and k < e:
            tiers[0].append(("s", i, prep.shl[k]))
        elif c == C.OP:
            cap = prep.lb[k] - left[i]
            if cap > EPS:
                tiers[1].append(("l", i, cap))
        elif c == C.CL and k < e:
            tiers[1].append(("r", i, prep.shr[k]))
        elif c == C.CO and k < e:
            tiers[2].append(("r", i, prep.shr[k]))
        elif c == C.FS and k < e and prep.shr[k] > EPS:
            tiers[4].append(("r", i, prep.shr[k]))
        if k < e and prep.gsh[k] > EPS:
            tiers[3].append(("g", i, prep.gsh[k]))
    del em
    for tier in tiers:
        total = sum(cap for _, _, cap in tier if cap > 0)
        if total <= EPS or amount <= EPS:
            continue
        take = min(amount, total)
        for kind, i, cap in tier:
            if cap <= 0:
                continue
            part = take * cap / total
            if kind == "l":
                left[i] += part
            elif kind == "r":
                right[i] += part
            elif kind == "g":
                gaps[i] -= part
            else:
                pad[i] -= part
        amount -= take
    return amount if amount > EPS else 0.0


def _expand(prep, s, e, amount, gaps, pad) -> None:
    """Add `amount` pt by clreq's expansion priorities (never inside unbreakable units)."""
    for i, k in enumerate(range(s, e)):
        if prep.spst[k] > EPS and amount > EPS:
            part = min(prep.spst[k], amount)
            pad[i] += part
            amount -= part
    stretchable = [(i, prep.gst[k]) for i, k in enumerate(range(s, e)) if prep.gst[k] > EPS]
    total = sum(cap for _, cap in stretchable)
    if total > EPS and amount > EPS:
        take = min(total, amount)
        for i, cap in stretchable:
            gaps[i] += take * cap / total
        amount -= take
    if amount <= EPS:
        return
    eligible = [i for i, k in enumerate(range(s, e)) if prep.elig[k]]
    if not eligible:
        # last resort (e.g. “1958 alone on an indented first line): any gap that is not
        # inside an unbreakable unit, so that the line still ends flush
        eligible = [i for i, k in enumerate(range(s, e)) if prep.brk[k] != UNIT]
    if not eligible:
        return
    share = amount / len(eligible)
    for i in eligible:
        gaps[i] += share


_SNAPPED: dict[float, float] = {}
"""units.snap by value: a column's glyphs sit at a few thousand distinct positions."""


def _snap_new(value: float) -> float:
    if len(_SNAPPED) >= 32768:
        _SNAPPED.clear()
    got = _SNAPPED[value] = snap(value)
    return got


def _runs(prep, s, e, x, left, right, gaps, pad) -> tuple[LineRun, ...]:
    """Group the line's pieces into runs of one face and place every glyph.

    A glyph sits at snap(snap(origin + dx) - run x); when the run starts at 0 that is
    snap(origin + dx), as snap is idempotent. snap goes through a table (equal floats, equal
    results: snap's + 0.0 makes -0.0 and 0.0 alike)."""
    faces, face_of, emph, glyphs, full = prep.faces, prep.face, prep.emphasis, prep.glyphs, prep.full
    starts, text, em = prep.starts, prep.text, prep.em
    runs: list[LineRun] = []
    new = tuple.__new__
    get = _SNAPPED.get
    cur_face = cur_emph = None
    cur_glyphs: list[PlacedGlyph] = []
    add = cur_glyphs.append
    cur_x = 0.0
    cur_start = 0
    for i, k in enumerate(range(s, e + 1)):
        if face_of[k] != cur_face or emph[k] != cur_emph:
            if cur_face is not None:
                runs.append(_run(faces, (cur_face, cur_emph), em, cur_x, cur_glyphs,
                                 text[cur_start:starts[k]]))
            cur_face, cur_emph, cur_start = face_of[k], emph[k], starts[k]
            cur_glyphs = []
            add = cur_glyphs.append
            cur_x = snap(x)
        origin = x - left[i]
        for gid, dx, src in glyphs[k]:
            v = origin + dx
            at = get(v)
            if at is None:
                at = _snap_new(v)
            if cur_x:
                v = at - cur_x
                at = get(v)
                if at is None:
                    at = _snap_new(v)
            add(new(PlacedGlyph, (gid, at, src, 0.0)))
        x += full[k] - left[i] - right[i] + pad[i] + gaps[i]
    if cur_face is not None:
        runs.append(_run(faces, (cur_face, cur_emph), em, cur_x, cur_glyphs,
                         text[cur_start:starts[e + 1]]))
    return tuple(runs)


def _run(faces, key, size, x, glyphs, text) -> LineRun:
    face_idx, emphasis = key
    return LineRun(faces[face_idx].ref, size, x, tuple(glyphs), text, emphasis)
