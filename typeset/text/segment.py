"""Segmentation and shaping: a paragraph's runs → pieces with glyphs and nominal widths.

In: one run's text, its offset in the paragraph, its faces. Out: rows appended to a
`Preparation` (one per piece: an ideograph or CJK mark as one glyph, a Latin word as one piece
per HarfBuzz cluster, a 破折号/省略号 pair, a base with its combining marks, a run of white
space), then moved into the per-piece lists by `to_columns`. Characters no face covers become
a blank em and are reported, never dropped. Adjustability and breaks are `adjust` and `gaps`.

Top to bottom (`direction="ttb"`) the same cutting reads the faces' vertical metrics
(`metrics_for(face, "ttb")`): vertical forms and advances, blanks at head and foot; a word
space is ½ em; a Latin word takes its vertical form (typeset/text/vertical.py: 纵中横, upright
letters, or turned 90°).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import compress, repeat
from operator import concat, is_
from collections.abc import Sequence

from typeset.fonts.book import FontBook
from typeset.fonts.face import Face
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text import classes as C
from typeset.text.metrics import metrics_for
from typeset.text.pieces import Preparation
from typeset.text.vertical import WORD_SPACE, latin_forms


WORD_TABLE_LIMIT = 4096
"""Latin words a face's per-size word table holds before it starts again."""


class RunFaces:
    """The faces a run may use: CJK face, Latin face, then every other role (fallbacks)."""

    def __init__(self, prep: Preparation, fonts: FontBook, cjk: Face, latin: Face):
        self.prep = prep
        self.cjk = self._index(cjk)
        self.latin = self._index(latin)
        self.cjk_metrics = metrics_for(cjk, prep.direction)
        self.latin_metrics = metrics_for(latin, prep.direction)
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
            if metrics_for(self.prep.faces[idx], self.prep.direction).covers(ch):
                return idx
        return None


def _role_face(fonts: FontBook, role: str, fallback: str, notes: list[str]) -> Face:
    """The face of `role`, else of `fallback` (the missing role is noted for a warning)."""
    if fonts.has(role):
        return fonts.face(role)
    notes.append(role)
    return fonts.face(fallback)


def segment(runs: Sequence[Run], style: TextStyle, fonts: FontBook, direction: str = "ltr",
            half_width_digits: bool = False) -> Preparation:
    """Cut `runs` into pieces with glyphs and nominal widths (the adjustment lists empty),
    along the line of `direction` ("ltr", or "ttb" for 直排); `half_width_digits`: Arabic
    digits in Latin words ½ em each (`CompositionRules.half_width_digits`)."""
    text = "".join(r.text for r in runs)
    prep = Preparation(text, style.size, direction, half_width_digits)
    offset = 0
    for run in runs:
        if run.text:
            if run.emphasis:
                cjk = _role_face(fonts, style.emphasis_font, style.font, prep.notes)
                latin = _role_face(fonts, style.emphasis_latin, style.latin, prep.notes)
            else:
                cjk = fonts.face(style.font)
                latin = _role_face(fonts, style.latin, style.font, prep.notes)
            cut_run(prep, run.text, offset, run.emphasis, RunFaces(prep, fonts, cjk, latin))
        offset += len(run.text)
    to_columns(prep)
    prep.starts.append(len(text))
    return prep


def _add(prep: Preparation, start: int, cls: int, face: int, emph: bool, glyphs: tuple,
         width: float, lb: float = 0.0, rb: float = 0.0) -> None:
    prep.rows.append((cls, glyphs, width, lb, rb, start, face, emph))


def to_columns(prep: Preparation) -> None:
    """Move the pieces collected as rows into the per-piece lists."""
    rows, prep.rows = prep.rows, []
    if rows:
        cls, glyphs, advance, left, right, starts, face, emph = zip(*rows)
        if prep.direction == "ttb":
            prep.across = [tuple(g[3:] for g in piece) for piece in glyphs]
            glyphs = [tuple(g[:3] for g in piece) for piece in glyphs]
        prep.char_class, prep.glyphs, prep.advance = list(cls), list(glyphs), list(advance)
        prep.left_blank, prep.right_blank = list(left), list(right)
        prep.face_index, prep.emphasis = list(face), list(emph)
        prep.starts = list(starts)


def _glyph(m, gid: int, pen: float, x_offset: int, y_offset: int, text: str, scale: float
           ) -> tuple:
    """One glyph of a piece `pen` pt along the line from the piece origin: (gid, dx, text),
    top to bottom (gid, dx, text, offset across, scale 1, upright); HarfBuzz's offsets
    (font units, y up) lead from the pen to the glyph origin."""
    if m.vertical:
        return (gid, pen - y_offset * scale, text, x_offset * scale, 1.0, False)
    return (gid, pen + x_offset * scale, text)


def _one_glyph(ch: str, m, scale: float) -> tuple | None:
    """The piece row head (class, glyphs, width, lb, rb) of a character the CJK face sets as
    one glyph on its own (ideograph, CJK mark), or None when it needs the general path."""
    cls = C.classify(ch)
    if cls in (C.ID, C.OP, C.CL, C.CO, C.FS, C.NS, C.FA, C.IS) or (
            cls in (C.MD, C.SL, C.PO, C.PR, C.CN) and not C.uses_latin_face(ch, cls)):
        mark = m.mark(ch, cls)
        if mark is not None:
            return (cls, (_glyph(m, mark.gid, 0.0, mark.x_offset, mark.y_offset, ch, scale),),
                    mark.advance * scale, mark.left_blank * scale, mark.right_blank * scale)
    return None


def cut_run(prep: Preparation, t: str, offset: int, emph: bool, faces: RunFaces) -> None:
    """Append the pieces of one run (text `t` starting at paragraph index `offset`).

    Characters the CJK face sets as one glyph on their own (most of a Chinese text) come
    ready-made from the face's per-size table and are appended a stretch at a time; any other
    character, or one followed by a combining mark, goes through `_piece`."""
    em = prep.em
    cjk, cjk_metrics = faces.cjk, faces.cjk_metrics
    table = cjk_metrics.pieces(em)
    combining = cjk_metrics.combining
    unseen = set(t).difference(table)
    if unseen:
        scale = em / cjk_metrics.upem
        for ch in sorted(unseen):
            table[ch] = _one_glyph(ch, cjk_metrics, scale)
            if C.classify(ch) == C.EX:
                combining.add(ch)
    n = len(t)
    tail = (cjk, emph)
    rows = prep.rows
    if combining.isdisjoint(t):       # every character of t is in the table: exact
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
        if got is not None and (i + 1 >= n or t[i + 1] not in combining):
            rows.append(got + (offset + i,) + tail)
            i += 1
        else:
            i = _piece(prep, t, i, offset, emph, faces)


def _piece(prep: Preparation, t: str, i: int, offset: int, emph: bool, faces: RunFaces) -> int:
    """Append the piece (or pieces, for a Latin word) starting at t[i]; the index after it."""
    em = prep.em
    cjk, cjk_metrics = faces.cjk, faces.cjk_metrics
    scale = em / cjk_metrics.upem
    classify = C.classify
    n = len(t)
    ch = t[i]
    cls = classify(ch)
    if cls in (C.ID, C.OP, C.CL, C.CO, C.FS, C.NS, C.FA, C.IS) or (
            cls in (C.MD, C.SL, C.PO, C.PR, C.CN) and not C.uses_latin_face(ch, cls)):
        mark = cjk_metrics.mark(ch, cls)
        if mark is not None and (i + 1 >= n or classify(t[i + 1]) != C.EX):
            _add(prep, offset + i, cls, cjk, emph,
                 (_glyph(cjk_metrics, mark.gid, 0.0, mark.x_offset, mark.y_offset, ch, scale),),
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
        face = cjk if cjk_metrics.covers(ch) else faces.fallback(ch, cjk)
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
            c2 = classify(t[j])
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


def _cluster(prep: Preparation, s: str, start: int, cls: int, emph: bool, faces: RunFaces,
             first: int, feats: dict | None = None) -> None:
    """One piece shaped as a whole (破折号 ligature, base + marks); fallback faces if needed."""
    idx = first
    if not all(metrics_for(prep.faces[idx], prep.direction).covers(c) or C.classify(c) == C.EX
               for c in s):
        found = faces.fallback(s[0], first)
        if found is None:
            _missing(prep, s, start, cls, emph, first)
            return
        idx = found
    m = metrics_for(prep.faces[idx], prep.direction)
    scale = prep.em / m.upem
    shaped = m.cluster(s, feats)
    if any(g.gid == 0 for g in shaped):      # e.g. a mark the face lacks: .notdef, reported
        prep.missing.append("".join(c for c in s if not m.covers(c)) or s)
    glyphs, x = [], 0.0
    seen = set()
    for g in shaped:
        text = "" if g.cluster in seen else s[g.cluster:_next_cluster(shaped, g.cluster, len(s))]
        seen.add(g.cluster)
        glyphs.append(_glyph(m, g.gid, x, g.x_offset, g.y_offset, text, scale))
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


def _spaces(prep: Preparation, s: str, start: int, emph: bool, faces: RunFaces) -> None:
    """A run of white space: one piece, the Latin face's word space per character
    (`vertical.WORD_SPACE` and no glyph down a column)."""
    m = faces.latin_metrics
    scale = prep.em / m.upem
    mark = None if m.vertical else m.mark(" ", C.SP)
    if m.vertical:
        width, gid = prep.em * WORD_SPACE, None
    elif mark is None:
        width, gid = prep.em / 4, None
    else:
        width, gid = mark.advance * scale, mark.gid
    glyphs = tuple((gid, k * width, c) for k, c in enumerate(s)) if gid is not None else ()
    _add(prep, start, C.SP, faces.latin, emph, glyphs, width * len(s))


def _latin(prep: Preparation, s: str, start: int, emph: bool, faces: RunFaces) -> None:
    """A Latin word (letters, digits, ASCII marks): shaped in the Latin face, one piece per
    HarfBuzz cluster; characters the face lacks go to a fallback face."""
    m = faces.latin_metrics
    if not m.vertical:
        known = m.words(prep.em, prep.half_width_digits).get(s)  # met before
        if known is not None:
            face, rows = faces.latin, prep.rows
            rows.extend([(cls, glyphs, width, 0.0, 0.0, start + at, face, emph)
                         for at, cls, glyphs, width in known])
            return
    word = _vertical_word if m.vertical else _shaped_word
    if all(m.covers(c) or C.classify(c) == C.EX for c in s):
        word(prep, s, start, emph, faces.latin)
        return
    k = 0
    while k < len(s):
        covered = m.covers(s[k])
        j = k + 1
        while j < len(s) and (m.covers(s[j]) == covered or C.classify(s[j]) == C.EX):
            j += 1
        if covered:
            word(prep, s[k:j], start + k, emph, faces.latin)
        else:
            for q in range(k, j):
                if C.classify(s[q]) == C.EX:
                    continue
                q2 = _extend(s, q + 1)
                _cluster(prep, s[q:q2], start + q, C.classify(s[q]), emph, faces, faces.latin)
        k = j


def _shaped_word(prep: Preparation, s: str, start: int, emph: bool, face_idx: int) -> None:
    """Shape `s` (every character covered by the face, as `_latin` makes sure), add its
    pieces and keep them in the face's word table for the next time it is met."""
    m = metrics_for(prep.faces[face_idx])
    scale = prep.em / m.upem
    shaped = m.cluster(s, _digit_forms(s) if prep.half_width_digits else None)
    clusters = sorted({g.cluster for g in shaped})
    end_of = dict(zip(clusters, clusters[1:] + [len(s)]))
    pieces: dict[int, list] = {c: [] for c in clusters}
    widths: dict[int, float] = {c: 0.0 for c in clusters}
    for g in shaped:
        lst = pieces[g.cluster]
        text = "" if lst else s[g.cluster:end_of[g.cluster]]
        lst.append((g.gid, widths[g.cluster] + g.x_offset * scale, text))
        widths[g.cluster] += g.advance * scale
    made = tuple((c, C.classify(s[c]), tuple(pieces[c]), widths[c]) for c in clusters)
    words = m.words(prep.em, prep.half_width_digits)
    if len(words) >= WORD_TABLE_LIMIT:
        words.clear()
    words[s] = made
    for c, cls, glyphs, width in made:
        _add(prep, start + c, cls, face_idx, emph, glyphs, width)


def _digit_forms(s: str) -> dict | None:
    """HarfBuzz features setting the ASCII digits of `s` in their half-width forms (`hwid`,
    each exactly ½ em: GB/T 15835's 二分字身), the rest of the word as it is; None when `s`
    has no digit. A face without `hwid` forms keeps its own digits."""
    runs = tuple((m.start(), m.end(), True) for m in _ASCII_DIGITS.finditer(s))
    return {"hwid": runs} if runs else None


_ASCII_DIGITS = re.compile("[0-9]+")


def _vertical_word(prep: Preparation, s: str, start: int, emph: bool, face_idx: int) -> None:
    """A Latin word down a column, in its vertical form (`vertical.latin_forms`)."""
    m = metrics_for(prep.faces[face_idx], prep.direction)
    for at, glyphs, width in latin_forms(s, m, prep.em):
        _add(prep, start + at, C.classify(s[at]), face_idx, emph, glyphs, width)
