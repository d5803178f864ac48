"""Prepare a paragraph for breaking: runs of text → pieces with widths, adjustability and breaks.

In: `Run`s, the `TextStyle`, the `FontBook` and the `CompositionRules`. Out: a `Preparation`
holding, for every piece (one ideograph or mark, one Latin cluster, a 破折号/省略号 pair, a run
of spaces), its glyphs, nominal width, the blank it may lose at a line start/end or in
compression, the CJK–Latin space after it, whether the gap after it may stretch, and whether
a line may break after it (cjk-rules.md §a–§d). The pieces tile the text exactly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import concat, is_
from typing import Sequence

from typeset.fonts.book import FontBook
from typeset.fonts.face import Face
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text import classes as C
from typeset.text.metrics import metrics_for
from typeset.text.rules import CompositionRules

LEGAL = 0      # a line may break after this piece
KINSOKU = 1    # 避头尾 forbids it (a prohibited mark would start or end a line)
UNIT = 2       # inside an unbreakable unit (Latin word, number, ——, ……)

_CLASS = C._cache
_HALVING = frozenset({C.OP, C.CL, C.CO, C.FS, C.MD})
_NO_GAP_STRETCH_AFTER = frozenset({C.OP, C.CN, C.SL})
_NO_GAP_STRETCH_BEFORE = frozenset({C.CL, C.CO, C.FS, C.CN, C.SL, C.PO})
_CJK_FOR_SPACING = frozenset({C.ID, C.FA, C.NS})
_COMPACT_UNITS = frozenset("万亿年月日个")
_BIND_UNITS = frozenset("万亿")
_LATIN_WORD = frozenset({C.LA, C.LP, C.NB})
_EX_CHARS: set[str] = set()
"""Characters of class EX seen so far (a piece followed by one is shaped as a cluster)."""
assert C.ID == 0, "_adjust finds the pieces that are not ideographs by truth value"


@dataclass
class Preparation:
    """A paragraph cut into pieces; per-piece lists are indexed by piece number (pt units)."""

    text: str
    em: float
    starts: list[int] = field(default_factory=list)
    """Source index of each piece's first character; one extra entry = len(text)."""
    cls: list[int] = field(default_factory=list)
    face: list[int] = field(default_factory=list)
    """Index into `faces` of the face that draws the piece."""
    emphasis: list[bool] = field(default_factory=list)
    glyphs: list[tuple] = field(default_factory=list)
    """Per piece: ((gid, dx pt from the piece origin, source text), …)."""
    full: list[float] = field(default_factory=list)
    """Full advance (1 em for an ideograph or a full-width mark)."""
    lb: list[float] = field(default_factory=list)
    """Blank on the left that compression may remove (opening marks)."""
    rb: list[float] = field(default_factory=list)
    """Blank on the right that compression may remove (closing and pause marks)."""
    wl: list[float] = field(default_factory=list)
    """Left blank removed in nominal setting (adjacent-mark compression, 开明式, ？！)."""
    wr: list[float] = field(default_factory=list)
    pl: list[float] = field(default_factory=list)
    """Part of `wl` that is adjacent-mark compression (undone at a line start)."""
    ga: list[float] = field(default_factory=list)
    """CJK–Latin space after the piece (clreq §3.2.2)."""
    gsh: list[float] = field(default_factory=list)
    gst: list[float] = field(default_factory=list)
    shl: list[float] = field(default_factory=list)
    """Left blank still compressible mid-line (push-in), by the rules' priorities."""
    shr: list[float] = field(default_factory=list)
    spst: list[float] = field(default_factory=list)
    """Stretch of a word space up to ½ em (clreq §3.5.4 step 1)."""
    elig: list[bool] = field(default_factory=list)
    """May the gap after this piece take inter-character spacing (均排)?"""
    brk: list[int] = field(default_factory=list)
    """LEGAL, KINSOKU or UNIT for a break after this piece (the last piece: LEGAL)."""
    slash: list[bool] = field(default_factory=list)
    """A '/' inside a Latin word: where an over-long URL may break (HOUSE)."""
    endw: list[float] = field(default_factory=list)
    """Width when the piece ends a line (GB §5.1.10: full-width mark → ½ em)."""
    nomend: list[float] = field(default_factory=list)
    """Width counted by the nominal grid fill when the piece ends a line."""
    hang: list[bool] = field(default_factory=list)
    faces: list[Face] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Characters no face covers (reported, drawn as a blank em, never dropped)."""
    notes: list[str] = field(default_factory=list)
    _rows: list[tuple] = field(default_factory=list, repr=False, compare=False)
    """Pieces while cutting: (cls, glyphs, full, lb, rb, start, face, emphasis) each."""

    def __len__(self) -> int:
        return len(self.cls)


class _Faces:
    """The faces a run may use: CJK face, Latin face, then every other role (fallbacks)."""

    def __init__(self, prep: Preparation, fonts: FontBook, cjk: Face, latin: Face):
        self.prep = prep
        self.cjk = self._index(cjk)
        self.latin = self._index(latin)
        self.cjk_m = metrics_for(cjk)
        self.latin_m = metrics_for(latin)
        self._fonts = fonts
        self._others: list[int] | None = None

    def _index(self, face: Face) -> int:
        faces = self.prep.faces
        for i, f in enumerate(faces):
            if f is face:
                return i
        faces.append(face)
        return len(faces) - 1

    def fallback(self, ch: str, first: int) -> int | None:
        """The first face (preferred, the other of CJK/Latin, then every role) covering `ch`."""
        order = [first, self.latin if first == self.cjk else self.cjk]
        if self._others is None:
            self._others = [self._index(r.face) for r in self._fonts.roles()]
        for idx in order + self._others:
            if metrics_for(self.prep.faces[idx]).covers(ch):
                return idx
        return None


def _role_face(fonts: FontBook, role: str, fallback: str, notes: list[str]) -> Face:
    if fonts.has(role):
        return fonts.face(role)
    notes.append(role)
    return fonts.face(fallback)


def prepare(runs: Sequence[Run], style: TextStyle, fonts: FontBook,
            rules: CompositionRules) -> Preparation:
    """Cut `runs` into measured pieces with their adjustability and break classes."""
    text = "".join(r.text for r in runs)
    em = style.size
    prep = Preparation(text, em)
    offset = 0
    for run in runs:
        if run.text:
            if run.emphasis:
                cjk = _role_face(fonts, style.emphasis_font, style.font, prep.notes)
                latin = _role_face(fonts, style.emphasis_latin, style.latin, prep.notes)
            else:
                cjk = fonts.face(style.font)
                latin = _role_face(fonts, style.latin, style.font, prep.notes)
            _cut(prep, run.text, offset, run.emphasis, _Faces(prep, fonts, cjk, latin))
        offset += len(run.text)
    _columns(prep)
    prep.starts.append(len(text))
    _adjust(prep, rules)
    return prep


def _add(prep: Preparation, start: int, cls: int, face: int, emph: bool, glyphs: tuple,
         width: float, lb: float = 0.0, rb: float = 0.0) -> None:
    prep._rows.append((cls, glyphs, width, lb, rb, start, face, emph))


def _columns(prep: Preparation) -> None:
    """Move the pieces collected as rows into the per-piece lists."""
    rows, prep._rows = prep._rows, []
    if rows:
        cls, glyphs, full, lb, rb, starts, face, emph = zip(*rows)
        prep.cls, prep.glyphs, prep.full = list(cls), list(glyphs), list(full)
        prep.lb, prep.rb, prep.face, prep.emphasis = list(lb), list(rb), list(face), list(emph)
        prep.starts = list(starts)


def _one_glyph(ch: str, m, scale: float) -> tuple | None:
    """The piece row head (class, glyphs, width, lb, rb) of a character the CJK face sets as
    one glyph on its own (ideograph, CJK mark), or None when it needs the general path."""
    cls = C.classify(ch)
    if cls in (C.ID, C.OP, C.CL, C.CO, C.FS, C.NS, C.FA, C.IS) or (
            cls in (C.MD, C.SL, C.PO, C.PR, C.CN) and not C.uses_latin_face(ch, cls)):
        mark = m.mark(ch, cls)
        if mark is not None:
            return (cls, ((mark.gid, mark.x_offset * scale, ch),), mark.advance * scale,
                    mark.left_blank * scale, mark.right_blank * scale)
    return None


def _cut(prep: Preparation, t: str, offset: int, emph: bool, faces: _Faces) -> None:
    """Append the pieces of one run (text `t` starting at paragraph index `offset`).

    Characters the CJK face sets as one glyph on their own (most of a Chinese text) come
    ready-made from the face's per-size table and are appended a stretch at a time; any other
    character, or one followed by a combining mark, goes through `_piece`."""
    em = prep.em
    cjk, cjk_m = faces.cjk, faces.cjk_m
    table = cjk_m.pieces(em)
    unseen = set(t).difference(table)
    if unseen:
        scale = em / cjk_m.upem
        for ch in sorted(unseen):
            table[ch] = _one_glyph(ch, cjk_m, scale)
            if C.classify(ch) == C.EX:
                _EX_CHARS.add(ch)
    n = len(t)
    tail = (cjk, emph)
    rows = prep._rows
    if _EX_CHARS.isdisjoint(t):
        heads = list(map(table.__getitem__, t))
        slow = list(compress(range(n), map(is_, heads, repeat(None))))
        slow.append(n)
        i = 0
        for p in slow:
            if p < i:
                continue                    # consumed by the piece before
            if p > i:
                rows.extend(map(concat, heads[i:p],
                                zip(range(offset + i, offset + p), repeat(cjk), repeat(emph))))
            if p == n:
                break
            i = _piece(prep, t, p, offset, emph, faces)
        return
    i = 0
    while i < n:
        got = table[t[i]]
        if got is not None and (i + 1 >= n or t[i + 1] not in _EX_CHARS):
            rows.append(got + (offset + i,) + tail)
            i += 1
        else:
            i = _piece(prep, t, i, offset, emph, faces)


def _piece(prep: Preparation, t: str, i: int, offset: int, emph: bool, faces: _Faces) -> int:
    """Append the piece (or pieces, for a Latin word) starting at t[i]; the index after it."""
    em = prep.em
    cjk, cjk_m = faces.cjk, faces.cjk_m
    scale = em / cjk_m.upem
    classify = C.classify
    n = len(t)
    ch = t[i]
    cls = _CLASS.get(ch)
    if cls is None:
        cls = classify(ch)
    if cls in (C.ID, C.OP, C.CL, C.CO, C.FS, C.NS, C.FA, C.IS) or (
            cls in (C.MD, C.SL, C.PO, C.PR, C.CN) and not C.uses_latin_face(ch, cls)):
        mark = cjk_m.mark(ch, cls)
        if mark is not None and (i + 1 >= n or classify(t[i + 1]) != C.EX):
            _add(prep, offset + i, cls, cjk, emph, ((mark.gid, mark.x_offset * scale, ch),),
                 mark.advance * scale, mark.left_blank * scale, mark.right_blank * scale)
            return i + 1
        j = _extend(t, i + 1)
        _cluster(prep, t[i:j], offset + i, cls, emph, faces, cjk)
        return j
    elif cls == C.DA or cls == C.EL:
        j = i + 1
        if ch not in C.TWO_EM_SINGLE and j < n and t[j] == ch:
            j += 1               # a 2-em pair: ——, ……
        elif cls == C.DA and ch not in C.TWO_EM_SINGLE:
            cls = C.CN           # a lone dash is the 一字线 connector
        j = _extend(t, j)
        feats = {"fwid": True} if ch in "—―" else None
        _cluster(prep, t[i:j], offset + i, cls, emph, faces, cjk, feats)
        return j
    elif cls == C.EX and unicodedata.category(ch)[0] == "M":
        # a combining mark with no base in this run (e.g. after a bold run ends): drawn
        # on its own, never dropped
        j = _extend(t, i + 1)
        face = cjk if metrics_for(prep.faces[cjk]).covers(ch) else faces.fallback(ch, cjk)
        if face is None:
            _missing(prep, t[i:j], offset + i, cls, emph, cjk)
        else:
            _cluster(prep, t[i:j], offset + i, cls, emph, faces, face)
        return j
    elif cls == C.ZW or cls == C.EX:
        _add(prep, offset + i, cls, faces.latin, emph, (), 0.0)   # zero width, never drawn
        return i + 1
    elif cls == C.SP:
        j = i + 1
        while j < n and classify(t[j]) == C.SP:
            j += 1
        _spaces(prep, t[i:j], offset + i, emph, faces)
        return j
    else:
        # Latin-face characters (letters, digits, ASCII marks, Latin-1): shape the word.
        j = i + 1
        while j < n:
            c2 = _CLASS.get(t[j]) or classify(t[j])
            if c2 == C.EX or (c2 not in (C.SP, C.DA, C.EL) and C.uses_latin_face(t[j], c2)):
                j += 1
            else:
                break
        _latin(prep, t[i:j], offset + i, emph, faces)
        return j


def _extend(t: str, j: int) -> int:
    """Index after the combining marks / variation selectors that follow position j - 1."""
    while j < len(t) and C.classify(t[j]) == C.EX:
        j += 1
    return j


def _cluster(prep: Preparation, s: str, start: int, cls: int, emph: bool, faces: _Faces,
             first: int, feats: dict | None = None) -> None:
    """One piece shaped as a whole (破折号 ligature, base + marks); fallback faces if needed."""
    idx = first
    if not all(metrics_for(prep.faces[idx]).covers(c) or C.classify(c) == C.EX for c in s):
        found = faces.fallback(s[0], first)
        if found is None:
            _missing(prep, s, start, cls, emph, first)
            return
        idx = found
    m = metrics_for(prep.faces[idx])
    scale = prep.em / m.upem
    shaped = m.cluster(s, feats)
    if any(g.gid == 0 for g in shaped):      # e.g. a mark the face lacks: .notdef, reported
        prep.missing.append("".join(c for c in s if not m.covers(c)) or s)
    glyphs, x = [], 0.0
    seen = set()
    for g in shaped:
        text = "" if g.cluster in seen else s[g.cluster:_next_cluster(shaped, g.cluster, len(s))]
        seen.add(g.cluster)
        glyphs.append((g.gid, x + g.x_offset * scale, text))
        x += g.advance * scale
    lb = rb = 0.0
    if len(s) == 1 or cls in C.COMPRESSIBLE:
        mark = m.mark(s[0], cls)
        if mark is not None:
            lb, rb = mark.left_blank * scale, mark.right_blank * scale
    _add(prep, start, cls, idx, emph, tuple(glyphs), x, lb, rb)


def _next_cluster(shaped, cluster: int, end: int) -> int:
    nxt = end
    for g in shaped:
        if cluster < g.cluster < nxt:
            nxt = g.cluster
    return nxt


def _missing(prep: Preparation, s: str, start: int, cls: int, emph: bool, face: int) -> None:
    prep.missing.append(s)
    _add(prep, start, cls if cls not in C.PUNCT else C.ID, face, emph, (), prep.em)


def _spaces(prep: Preparation, s: str, start: int, emph: bool, faces: _Faces) -> None:
    """A run of white space: one piece, the Latin face's word space per character."""
    m = faces.latin_m
    scale = prep.em / m.upem
    mark = m.mark(" ", C.SP)
    if mark is None:
        width, gid = prep.em / 4, None
    else:
        width, gid = mark.advance * scale, mark.gid
    glyphs = tuple((gid, k * width, c) for k, c in enumerate(s)) if gid is not None else ()
    _add(prep, start, C.SP, faces.latin, emph, glyphs, width * len(s))


def _latin(prep: Preparation, s: str, start: int, emph: bool, faces: _Faces) -> None:
    """A Latin word (letters, digits, ASCII marks): shaped in the Latin face, one piece per
    HarfBuzz cluster; characters the face lacks go to a fallback face."""
    m = faces.latin_m
    if all(m.covers(c) or C.classify(c) == C.EX for c in s):
        _shaped_word(prep, s, start, emph, faces.latin)
        return
    k = 0
    while k < len(s):
        covered = m.covers(s[k])
        j = k + 1
        while j < len(s) and (m.covers(s[j]) == covered or C.classify(s[j]) == C.EX):
            j += 1
        if covered:
            _shaped_word(prep, s[k:j], start + k, emph, faces.latin)
        else:
            for q in range(k, j):
                if C.classify(s[q]) == C.EX:
                    continue
                q2 = _extend(s, q + 1)
                _cluster(prep, s[q:q2], start + q, C.classify(s[q]), emph, faces, faces.latin)
        k = j


def _shaped_word(prep: Preparation, s: str, start: int, emph: bool, face_idx: int) -> None:
    m = metrics_for(prep.faces[face_idx])
    scale = prep.em / m.upem
    shaped = m.cluster(s)
    clusters = sorted({g.cluster for g in shaped})
    end_of = dict(zip(clusters, clusters[1:] + [len(s)]))
    pieces: dict[int, list] = {c: [] for c in clusters}
    widths: dict[int, float] = {c: 0.0 for c in clusters}
    for g in shaped:
        lst = pieces[g.cluster]
        text = "" if lst else s[g.cluster:end_of[g.cluster]]
        lst.append((g.gid, widths[g.cluster] + g.x_offset * scale, text))
        widths[g.cluster] += g.advance * scale
    for c in clusters:
        ch = s[c]
        _add(prep, start + c, C.classify(ch), face_idx, emph, tuple(pieces[c]), widths[c])


# -- adjustability, spacing and break classes -------------------------------------------------
def _adjust(prep: Preparation, rules: CompositionRules) -> None:
    """Fill the per-piece adjustment lists from the classes and the rules.

    An ideograph (class ID, 0) takes no compression, no line-end change, no CJK–Latin space,
    and a line may break and stretch between two of them: the lists start with those values
    and only pieces of other classes, and the gaps beside them, are visited."""
    n = len(prep.cls)
    em = prep.em
    cls, full, lb, rb = prep.cls, prep.full, prep.lb, prep.rb
    text, starts = prep.text, prep.starts
    style = rules.punctuation
    other = list(compress(range(n), cls))      # pieces that are not ideographs (ID == 0)
    wl = [0.0] * n
    wr = [0.0] * n
    pl = [0.0] * n
    # 1. nominal compression: interpunct ½ em; 开明式; ？！ pairs (GB §5.1.2); adjacent marks.
    for k in other:
        c = cls[k]
        if c == C.MD:
            wl[k], wr[k] = lb[k], rb[k]
        elif style == "kaiming" and c in C.COMPRESSIBLE and (
                text[starts[k]] not in C.FULL_STOPS_KAIMING):
            wl[k], wr[k] = lb[k], rb[k]
    if style != "quanshen":
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
        for k in other:
            if k + 1 >= n:
                break
            a, b = cls[k], cls[k + 1]
            if a in C.COMPRESSIBLE and b in C.COMPRESSIBLE:
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
    prep.wl, prep.wr, prep.pl = wl, wr, pl

    # 2. what a line end does to each piece, and what compression is left for push-in.
    halve = style != "quanshen"
    endw, nomend, hang = full[:], full[:], [False] * n
    shl, shr, spst = [0.0] * n, [0.0] * n, [0.0] * n
    for k in other:
        c = cls[k]
        if c == C.SP:
            endw[k] = nomend[k] = 0.0
            shl[k] = max(0.0, full[k] - em / 4 * (starts[k + 1] - starts[k]))
            spst[k] = max(0.0, em / 2 * (starts[k + 1] - starts[k]) - full[k])
            continue
        if c == C.IS:
            endw[k] = 0.0
            nomend[k] = full[k]
            continue
        nomend[k] = full[k] - wl[k]
        endw[k] = full[k] - wl[k] - (rb[k] if halve and c in _HALVING else wr[k])
        if halve and c in C.COMPRESSIBLE:
            if c == C.OP:
                shl[k] = lb[k] - wl[k]
            elif c in (C.CL, C.CO) or rules.compress_full_stops:
                shr[k] = rb[k] - wr[k]
        if rules.hanging and c in (C.CO, C.FS) and k > 0 and cls[k - 1] not in C.PUNCT:
            hang[k] = True
            endw[k] = 0.0
    prep.endw, prep.nomend, prep.hang = endw, nomend, hang
    prep.shl, prep.shr, prep.spst = shl, shr, spst

    # the gaps (k, k + 1) with a piece that is not an ideograph on either side
    gaps = set(other)
    gaps.update([k - 1 for k in other])
    gaps.discard(-1)
    gaps.discard(n - 1)
    pairs = sorted(gaps)

    # 3. CJK–Latin spacing (clreq §3.2.2) and 4. break classes after each piece (§a),
    # stretchable gaps (§c.4) and URL slashes: a function of the classes and characters on
    # either side of the gap, looked up in a per-rules table.
    ga, gsh, gst = [0.0] * n, [0.0] * n, [0.0] * n
    space = rules.cjk_latin_space * em
    spacing = space > 0
    if spacing:
        shrink = space - rules.cjk_latin_min * em
        stretch = rules.cjk_latin_max * em - space
    brk = [LEGAL] * n
    elig = [True] * (n - 1) + [False] if n else []
    slash = [False] * n
    table = _GAP_TABLES.get(rules)
    if table is None:
        if len(_GAP_TABLES) > 64:
            _GAP_TABLES.clear()
        table = _GAP_TABLES[rules] = {}
    for k in pairs:
        at = starts[k + 1]
        key = (cls[k], cls[k + 1], text[at - 1], text[at])
        got = table.get(key)
        if got is None:
            got = table[key] = _gap(rules, *key)
        spaced, brk[k], elig[k], slash[k] = got
        if spaced and spacing:
            ga[k] = space
            gsh[k] = shrink
            gst[k] = stretch
    prep.ga, prep.gsh, prep.gst = ga, gsh, gst
    prep.brk, prep.elig, prep.slash = brk, elig, slash


_GAP_TABLES: dict[CompositionRules, dict[tuple, tuple[bool, int, bool, bool]]] = {}


def _gap(rules: CompositionRules, a: int, b: int, ca: str, cb: str
         ) -> tuple[bool, int, bool, bool]:
    """The gap between a piece of class `a` ending in `ca` and one of class `b` starting with
    `cb`: (CJK–Latin space?, break class, may stretch?, URL slash?)."""
    spaced = False
    if (a in _CJK_FOR_SPACING and b == C.LA) or (a == C.LA and b in _CJK_FOR_SPACING):
        spaced = not ((rules.compact_numerals and a == C.LA and ca.isdigit()
                       and cb in _COMPACT_UNITS)
                      or (b == C.LA and not cb.isalnum())
                      or (a == C.LA and not ca.isalnum()))
    brk = LEGAL
    slash = False
    if b == C.SP or a == C.NB or b == C.NB or b == C.EX:
        brk = UNIT
    elif a in _LATIN_WORD and b in _LATIN_WORD:
        brk = UNIT
        slash = ca == "/"
    elif (a == b and a in (C.DA, C.EL, C.FA)) or (
            rules.bind_number_units and a == C.LA and ca.isdigit() and cb in _BIND_UNITS):
        brk = UNIT
    elif (a != C.SP and a != C.ZW and C.no_end(a, ca)) or C.no_start(b, cb) or (
            rules.kinsoku == "strict" and b in (C.DA, C.EL)):
        brk = KINSOKU
        if a == C.LA and b == C.PO or a == C.PR and b == C.LA:
            brk = UNIT
    elig = brk != UNIT and a not in _NO_GAP_STRETCH_AFTER and b not in _NO_GAP_STRETCH_BEFORE
    return spaced, brk, elig, slash
