"""Adjustability of the pieces: 标点挤压 in nominal setting, line-end widths, push-in room.

In: a segmented `Preparation` and the `CompositionRules`. Out: its lists `left_cut`,
`right_cut`, `adjacent_cut` (blank removed in nominal setting: interpunct ½ em, 开明式, ？！
pairs, adjacent marks, GB/T 15834 §5.1 and clreq §3.1.6), `end_width` / `nominal_end_width`
(a full-width mark at a line end takes ½ em, GB §5.1.10; a word space vanishes; a hanging mark
takes 0), and
the room still left for 先挤进 (`left_squeeze`, `right_squeeze`) and for a word space to
stretch (`space_stretch`).

An ideograph (class ID, 0) takes no compression and no line-end change: the lists start with
those values and only the pieces of other classes are visited.
"""

from __future__ import annotations

from itertools import compress

from typeset.model.composition import CompositionRules
from typeset.text import classes as C
from typeset.text.pieces import Preparation

HALVED_AT_LINE_END = frozenset({C.OP, C.CL, C.CO, C.FS, C.MD})
"""Marks that take ½ em at a line end (GB/T 15834 §5.1.10)."""
assert C.ID == 0, "adjust finds the pieces that are not ideographs by truth value"


def not_ideographs(prep: Preparation) -> list[int]:
    """Piece numbers of the pieces that are not ideographs (the only ones that adjust)."""
    return list(compress(range(len(prep.char_class)), prep.char_class))


def adjust(prep: Preparation, rules: CompositionRules, other: list[int]) -> None:
    """Fill the compression and line-end lists of `prep` (`other`: `not_ideographs(prep)`)."""
    _nominal_compression(prep, rules, other)
    _line_end_and_squeeze(prep, rules, other)


def _nominal_compression(prep: Preparation, rules: CompositionRules, other: list[int]) -> None:
    """Nominal compression: interpunct ½ em; 开明式; ？！ pairs (GB §5.1.2); adjacent marks."""
    n = len(prep.char_class)
    em = prep.em
    cls, lb, rb = prep.char_class, prep.left_blank, prep.right_blank
    text, starts = prep.text, prep.starts
    style = rules.punctuation
    wl = [0.0] * n
    wr = [0.0] * n
    pl = [0.0] * n
    for k in other if style == "kaiming" or C.MD in cls else ():   # (else nothing to do)
        c = cls[k]
        if c == C.MD:
            wl[k], wr[k] = lb[k], rb[k]
        elif style == "kaiming" and c in C.COMPRESSIBLE and (
                text[starts[k]] not in C.FULL_STOPS_KAIMING):
            wl[k], wr[k] = lb[k], rb[k]
    if style != "quanshen" and any(mark in text for mark in C.QUESTION_EXCLAIM):
        after = 0
        for k in other:
            if k < after:
                continue
            if text[starts[k]] in C.QUESTION_EXCLAIM and cls[k] == C.FS:
                j = k
                while j + 1 < n and cls[j + 1] == C.FS and text[starts[j + 1]] in C.QUESTION_EXCLAIM:
                    j += 1
                if j > k:
                    last = j if j - k == 1 else j - 1
                    for q in range(k, last + 1):
                        wr[q] = rb[q]
                after = j + 1
    if style == "quanjiao":
        half = em / 2
        squeezed = C.COMPRESSIBLE
        for k in other:
            if k + 1 >= n:
                break
            a, b = cls[k], cls[k + 1]
            if a in squeezed and b in squeezed:
                need = half - wr[k] - wl[k + 1]
                if need <= 1e-9:
                    continue
                take = min(need, rb[k] - wr[k])
                if take > 0:
                    wr[k] += take
                    need -= take
                take = min(need, lb[k + 1] - wl[k + 1])
                if take > 0:
                    wl[k + 1] += take
                    pl[k + 1] += take
    prep.left_cut, prep.right_cut, prep.adjacent_cut = wl, wr, pl


def _line_end_and_squeeze(prep: Preparation, rules: CompositionRules, other: list[int]) -> None:
    """What a line end does to each piece, and what compression is left for push-in."""
    n = len(prep.char_class)
    em = prep.em
    cls, full, lb, rb = prep.char_class, prep.advance, prep.left_blank, prep.right_blank
    wl, wr, starts = prep.left_cut, prep.right_cut, prep.starts
    halve = rules.punctuation != "quanshen"
    endw, nomend = full[:], full[:]
    shl, shr, spst = [0.0] * n, [0.0] * n, [0.0] * n
    SP, IS, OP, CL, CO, FS = C.SP, C.IS, C.OP, C.CL, C.CO, C.FS
    halved = HALVED_AT_LINE_END if halve else ()
    squeezed = C.COMPRESSIBLE if halve else ()
    right_kinds = C.COMPRESSIBLE if rules.compress_full_stops else (CL, CO)
    hanging, punct = rules.hanging, C.PUNCT
    for k in other:
        c = cls[k]
        if c == SP:
            endw[k] = nomend[k] = 0.0
            shl[k] = max(0.0, full[k] - em / 4 * (starts[k + 1] - starts[k]))
            spst[k] = max(0.0, em / 2 * (starts[k + 1] - starts[k]) - full[k])
            continue
        if c == IS:
            endw[k] = 0.0
            nomend[k] = full[k]
            continue
        nomend[k] = full[k] - wl[k]
        endw[k] = full[k] - wl[k] - (rb[k] if c in halved else wr[k])
        if c in squeezed:
            if c == OP:
                shl[k] = lb[k] - wl[k]
            elif c in right_kinds:
                shr[k] = rb[k] - wr[k]
        if hanging and (c == CO or c == FS) and k > 0 and cls[k - 1] not in punct:
            endw[k] = 0.0                   # hangs outside the measure
    prep.end_width, prep.nominal_end_width = endw, nomend
    prep.left_squeeze, prep.right_squeeze, prep.space_stretch = shl, shr, spst
