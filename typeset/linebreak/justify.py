"""Set one line: apply line-start/line-end rules, compress or stretch it, place the glyphs.

In: the prepared paragraph, the line's first and last piece, its width and alignment. Out: a
`SetLine` whose glyph positions already include every adjustment. Compression follows
clreq §3.5.3 (word spaces, brackets' outer sides, pause marks, CJK–Latin space, then — only if
allowed — full stops); expansion follows §3.5.4 (word spaces to ½ em, CJK–Latin space to its
maximum, then every eligible inter-character gap equally). Spacing is never negative.
"""

from __future__ import annotations

from enum import IntEnum
from itertools import compress
from operator import add, sub

from typeset.frame import PlacedGlyph
from typeset.text import classes as C
from typeset.linebreak.lines import LineRun, SetLine, new_line_run, new_set_line
from typeset.linebreak.measure import EPS
from typeset.session import current
from typeset.text.gaps import LATIN_WORD
from typeset.text.pieces import UNIT, Preparation
from typeset.units import snap


def set_line(prep: Preparation, s: int, e: int, *, measure: float, width: float, x0: float,
             last: bool, align: str, snapped: dict[float, float] | None = None) -> SetLine:
    """Lay out pieces s..e in a line `width` pt wide starting at `x0` (both within `measure`);
    `snapped`: the session's snap table (looked up once per paragraph by the caller)."""
    full, wl, wr = prep.advance, prep.left_cut, prep.right_cut
    count = e - s + 1
    left = wl[s:e + 1]                      # blank removed on each piece's left …
    right = wr[s:e + 1]                     # … and right
    left[0] -= prep.adjacent_cut[s]
    right[-1] = full[e] - wl[e] - prep.end_width[e]
    gaps = prep.latin_gap[s:e]              # space after each piece
    gaps.append(0.0)
    pad = [0.0] * count                     # extra width after a piece's glyphs (spaces)
    line_full = full[s:e + 1]
    natural = sum(map(sub, map(sub, line_full, left), right)) + sum(gaps)
    overfull = 0.0
    need = width - natural
    content = natural                       # the same floats when nothing is adjusted
    if need < -EPS:
        overfull = _compress(prep, s, e, -need, left, right, gaps, pad)
        content = sum(map(add, map(sub, map(sub, line_full, left), right), pad)) + sum(gaps)
    elif need > EPS and (align == "distribute" or (align == "justify" and not last)):
        _expand(prep, s, e, need, gaps, pad)
        content = sum(map(add, map(sub, map(sub, line_full, left), right), pad)) + sum(gaps)
    offset = x0
    if align == "center" and content < width:
        offset += (width - content) / 2
    elif align == "right" and content < width:
        offset += width - content
    if snapped is None:
        snapped = snap_table()
    runs = _runs(prep, s, e, offset, left, right, gaps, pad, snapped)
    text = prep.text[prep.starts[s]:prep.starts[e + 1]]
    return new_set_line(prep.starts[s], prep.starts[e + 1], text, measure,
                        _snapped(x0 + content, snapped), runs, last,
                        _snapped(overfull, snapped), _snapped(offset, snapped))


class Squeeze(IntEnum):
    """Where compression takes width from (the kinds in a priority tier)."""

    LEFT_BLANK = 0
    """An opening mark's blank on its left."""
    RIGHT_BLANK = 1
    """A closing or pause mark's blank on its right."""
    LATIN_GAP = 2
    """The CJK–Latin space after a piece."""
    WORD_SPACE = 3
    """A word space narrowed towards ¼ em."""


def _compress(prep, s, e, amount, left, right, gaps, pad) -> float:
    """Remove `amount` pt by clreq's reduction priorities (§3.5.3); returns what could not be
    removed. Each tier is shared out in proportion to its members' room."""
    cls = prep.char_class
    left_blank, squeeze_right, gap_shrink = prep.left_blank, prep.right_squeeze, prep.latin_gap_shrink
    # priority tiers of (kind, index in the line, room): word spaces; brackets' outer sides;
    # pause marks; CJK–Latin spaces; full stops (only when the rules allow)
    tiers: list[list[tuple[Squeeze, int, float]]] = [[], [], [], [], []]
    for i, k in enumerate(range(s, e + 1)):
        c = cls[k]
        if c == C.SP and k < e:
            tiers[0].append((Squeeze.WORD_SPACE, i, prep.left_squeeze[k]))
        elif c == C.OP:
            cap = left_blank[k] - left[i]
            if cap > EPS:
                tiers[1].append((Squeeze.LEFT_BLANK, i, cap))
        elif c == C.CL and k < e:
            tiers[1].append((Squeeze.RIGHT_BLANK, i, squeeze_right[k]))
        elif c == C.CO and k < e:
            tiers[2].append((Squeeze.RIGHT_BLANK, i, squeeze_right[k]))
        elif c == C.FS and k < e and squeeze_right[k] > EPS:
            tiers[4].append((Squeeze.RIGHT_BLANK, i, squeeze_right[k]))
        if k < e and gap_shrink[k] > EPS:
            tiers[3].append((Squeeze.LATIN_GAP, i, gap_shrink[k]))
    for tier in tiers:
        total = sum(cap for _, _, cap in tier if cap > 0)
        if total <= EPS or amount <= EPS:
            continue
        take = min(amount, total)
        for kind, i, cap in tier:
            if cap <= 0:
                continue
            part = take * cap / total
            if kind == Squeeze.LEFT_BLANK:
                left[i] += part
            elif kind == Squeeze.RIGHT_BLANK:
                right[i] += part
            elif kind == Squeeze.LATIN_GAP:
                gaps[i] -= part
            else:
                pad[i] -= part
        amount -= take
    return amount if amount > EPS else 0.0


def _expand(prep, s, e, amount, gaps, pad) -> None:
    """Add `amount` pt by clreq's expansion priorities (never inside unbreakable units)."""
    spaces = prep.space_stretch[s:e]
    if any(spaces):
        for i, room in enumerate(spaces):
            if room > EPS and amount > EPS:
                part = min(room, amount)
                pad[i] += part
                amount -= part
    gap_rooms = prep.latin_gap_stretch[s:e]
    if any(gap_rooms):                      # (most lines have no CJK–Latin space)
        stretchable = [(i, cap) for i, cap in enumerate(gap_rooms) if cap > EPS]
        total = sum(cap for _, cap in stretchable)
        if total > EPS and amount > EPS:
            take = min(total, amount)
            for i, cap in stretchable:
                gaps[i] += take * cap / total
            amount -= take
    if amount <= EPS:
        return
    eligible = list(compress(range(e - s), prep.gap_stretches[s:e]))
    if not eligible:
        # last resort (e.g. “1958 alone on an indented first line): any gap that is not
        # inside an unbreakable unit, so that the line still ends flush
        # (not inside a Latin word: a web address's break points stay closed)
        cls, brk = prep.char_class, prep.break_after
        eligible = [i for i, k in enumerate(range(s, e)) if brk[k] != UNIT and not (
            cls[k] in LATIN_WORD and cls[k + 1] in LATIN_WORD)]
    if not eligible:
        return
    share = amount / len(eligible)
    for i in eligible:
        gaps[i] += share


def snap_table() -> dict[float, float]:
    """The build session's table of snapped positions (value → units.snap(value))."""
    return current().resource("linebreak.snapped", dict)


SNAP_TABLE_LIMIT = 32768
"""Entries of the session's snap table before it starts again."""


def _snap_new(value: float, snapped: dict[float, float]) -> float:
    if len(snapped) >= SNAP_TABLE_LIMIT:
        snapped.clear()
    got = snapped[value] = snap(value)
    return got


def _snapped(value: float, snapped: dict[float, float]) -> float:
    """units.snap(value) through the session's snap table."""
    got = snapped.get(value)
    if got is None:
        got = _snap_new(value, snapped)
    return got


def _runs(prep, s, e, x, left, right, gaps, pad, snapped) -> tuple[LineRun, ...]:
    """Group the line's pieces into runs of one face and place every glyph.

    A glyph sits at snap(snap(origin + dx) - run x); when the run starts at 0 that is
    snap(origin + dx), as snap is idempotent. snap goes through `snapped`, the session's
    table of snapped values (equal floats, equal results: snap's + 0.0 makes -0.0 and 0.0
    alike; a column's glyphs sit at a few thousand distinct positions)."""
    faces, face_of, emph = prep.faces, prep.face_index, prep.emphasis
    glyphs, full = prep.glyphs, prep.advance
    starts, text, em = prep.starts, prep.text, prep.em
    runs: list[LineRun] = []
    new = tuple.__new__
    get = snapped.get
    cur_face = cur_emph = None
    cur_glyphs: list[PlacedGlyph] = []
    put = cur_glyphs.append
    cur_x = 0.0
    cur_start = 0
    stop = e + 1
    k = s
    for face, emphasis, piece, advance, lead, trail, extra, gap in zip(
            face_of[s:stop], emph[s:stop], glyphs[s:stop], full[s:stop], left, right, pad, gaps):
        if face != cur_face or emphasis != cur_emph:
            if cur_face is not None:
                runs.append(_run(faces, (cur_face, cur_emph), em, cur_x, cur_glyphs,
                                 text[cur_start:starts[k]]))
            cur_face, cur_emph, cur_start = face, emphasis, starts[k]
            cur_glyphs = []
            put = cur_glyphs.append
            cur_x = get(x)
            if cur_x is None:
                cur_x = _snap_new(x, snapped)
        origin = x - lead
        for gid, dx, src in piece:
            v = origin + dx
            at = get(v)
            if at is None:
                at = _snap_new(v, snapped)
            if cur_x:
                v = at - cur_x
                at = get(v)
                if at is None:
                    at = _snap_new(v, snapped)
            put(new(PlacedGlyph, (gid, at, src, 0.0)))
        x += advance - lead - trail + extra + gap
        k += 1
    if cur_face is not None:
        runs.append(_run(faces, (cur_face, cur_emph), em, cur_x, cur_glyphs,
                         text[cur_start:starts[e + 1]]))
    return tuple(runs)


def _run(faces, key, size, x, glyphs, text) -> LineRun:
    face_idx, emphasis = key
    return new_line_run(faces[face_idx].ref, size, x, tuple(glyphs), text, emphasis)
