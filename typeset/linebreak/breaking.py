"""Choose line breaks: the grid fill with 先挤进，后推出, and a Knuth–Plass optimiser over it.

In: a `LineMeasure`, the measure of the first and of later lines, and the rules. Out: a list
of `Break(start, end, kind)` (first and last piece of each line). The grid fill is clreq's
procedure (cjk-rules.md §c.2): fill at nominal widths; when a prohibited mark would start the
next line, pull it in by compression (push-in) if that fits, else push the last unit(s) down
(push-out). The optimiser (Knuth & Plass 1981, demerits = (1 + badness)²) chooses among the
grid fill's legal alternatives; where its lines stay loose, end in a 孤字 (clreq §3.4.4, GB/T
15834 §5.1.11) or break a house-rule unit, a repair pass searches a window of lines around
them, and a second try the whole paragraph. What is weighed against what is in
typeset/text/README.md ("How lines are broken").
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from typeset.text import classes as C
from typeset.linebreak.measure import EPS, LineMeasure
from typeset.text.pieces import HOUSE, KINSOKU, LEGAL, UNIT, WORD

FIT = "fit"            # nominal fill ended at a legal break
FINAL = "final"        # the rest of the paragraph fits
PUSH_IN = "push-in"    # 先挤进: a prohibited mark pulled in by compression
PUSH_OUT = "push-out"  # 后推出: the last unit(s) pushed to the next line
FORCED = "forced"      # a unit longer than the line broken at the edge (or no legal break)
ALTERNATIVE = "alt"    # chosen by the optimiser instead of the grid fill's break

# Demerit costs. Lines within the loose limit cost (1 + badness)² ≤ ≈ 500; the house rules
# cost more than any such line but less than one line beyond the limit, so an orphan is fixed
# whenever a fix keeps every line within the limit, and never by 稀排.
P_ALTERNATIVE = 1e3    # a break other than the grid fill's on a line the grid fill sets tight
P_ORPHAN = 1e6         # a last line of one character (孤字), or of …… alone
P_HOUSE = 1e6          # a break inside a house-rule unit (3月|5日, 1220.3|亿元)
P_SEAM = P_HOUSE / 2   # a house unit broken at its seam (2026—|2028年, 9.5万|平方米)
P_LOOSE = 1e8          # a line whose characters are spaced wider than the loose limit
MAX_BADNESS = 10000.0
SPACING_CAP = 2.0
"""Spacing (em) beyond which a loose line costs no more (a line with no gap to space, all of
one web address, costs as much as one spaced 2 em: finite, so such paths still compare)."""
CONTEXT_LINES = 2
"""Lines before a loose line or 孤字 whose breaks the second pass may change."""
RECOVERY_LINES = 3
"""Lines after it within which the second pass must be back on the first pass's breaks."""
WHOLE = 1 << 30
"""Window size of the second try over the whole paragraph, made only when the first repair
still leaves a loose line, a 孤字 or a broken unit (a long unbreakable unit — a web address,
a long number — may need the breaks of many lines before it moved, or the paragraph one line
longer)."""


_FAR = bytes([2, 1] + [2] * 254)
"""bytes.translate table of the second try: 1 (in a first repair window) stays, else 2."""


class Node(NamedTuple):
    """The optimiser's best way found so far to start a line at some piece."""

    demerits: float
    """Total demerits of the lines before it."""
    start: int
    """First piece of the line that ends just before it (-1 at the paragraph start)."""
    end: int
    """Last piece of that line."""
    kind: str
    """How that line's break was found (FIT, PUSH_IN, … ALTERNATIVE)."""


@dataclass(frozen=True)
class Break:
    """One line: first piece, last piece, and how the grid fill arrived at it."""

    start: int
    end: int
    kind: str


class Breaker:
    """Line breaking for one prepared paragraph at one measure."""

    def __init__(self, line_widths: LineMeasure, measure: float, first_measure: float,
                 *, ragged_last: bool = True, avoid_orphan: bool = True, url_breaks: bool = True,
                 loose_limit: float = 0.15):
        self.line_widths = line_widths
        """Widths, shrink and stretch of any candidate line."""
        self.prep = line_widths.prep
        self.measure = measure
        """The column measure, pt."""
        self.first_measure = first_measure
        """The measure of the first line (the column measure less the indent), pt."""
        self.ragged_last = ragged_last
        self.avoid_orphan = avoid_orphan
        self.url_breaks = url_breaks
        self.em = line_widths.prep.em
        self.loose_limit = loose_limit * self.em
        """Spacing between characters (pt per gap) beyond which a line is loose."""
        self._plain: dict[int, list[tuple[int, float, str]]] = {}
        """Candidates of the line starts met so far outside any second-pass window."""
        self._extended: dict[int, list[tuple[int, float, str]]] = {}
        """Candidates of the line starts met so far in a first repair window (taking every
        alternative; while `_loosen` is off)."""
        self._first_total = 0.0
        """Demerits of the first pass (≥ P_LOOSE exactly when one of its lines is loose)."""
        self._first_best: dict[int, Node] = {}
        """The first pass's cheapest way to each line start (its path's running totals)."""
        self._in_window = bytearray(line_widths.n + 2)
        """1 for the pieces inside a second-pass window (line starts there take every
        alternative)."""
        limit = min(1.0, loose_limit / 0.25)
        self._loose_badness = 100.0 * limit * limit * limit * 0.99
        """Below this badness no line can be loose (spacing ≤ the limit ⇒ r ≤ limit / ¼ em)."""
        self._grid: dict[int, tuple[int, str]] = {}
        self._costs: dict[int, float] = {}
        """`_line_demerits` of the lines met so far, by s × (n + 1) + e (the passes meet many
        of the same lines again)."""
        self._loosen = False
        """In the second try over the whole paragraph: a line the grid fill sets tight may
        become loose, when that spares a looser one."""

    def width_for(self, s: int) -> float:
        """The measure of the line starting at piece s (the first line may be indented)."""
        return self.first_measure if s == 0 else self.measure

    # -- the grid fill (clreq §c.2) ---------------------------------------------------------
    def grid_end(self, s: int) -> tuple[int, str]:
        """Last piece of the line starting at s as a Chinese compositor fills it, and how."""
        got = self._grid.get(s)
        if got is None:
            got = self._grid[s] = self._grid_end(s)
        return got

    def _grid_end(self, s: int) -> tuple[int, str]:
        m = self.line_widths
        target = self.first_measure if s == 0 else self.measure
        last = m.last
        P, nomend, pl = m.width_sums, m.nominal_end_width, m.adjacent_cut
        limit = target + P[s] - pl[s] + EPS         # m.nominal_fill(s, target), inlined
        j = bisect_right(P, limit) - 1
        if j > last:
            j = last
        while j >= s and P[j] + nomend[j] > limit:
            j -= 1
        if j >= last:
            return last, FINAL
        brk = self.prep.break_after
        if j >= s and brk[j] == 0:
            return j, FIT
        j2 = m.next_legal(max(j + 1, s))
        if m.fits(s, j2, target):
            return j2, (FINAL if j2 == last else PUSH_IN)
        j3 = m.prev_legal(j, s)
        unit_start = s if j3 is None else j3 + 1
        if j3 is None or (m.nominal(unit_start, j2) > self.measure + EPS
                          and brk[max(j, s)] != WORD):
            return self._forced(s, max(j, s), target), FORCED
        return j3, PUSH_OUT

    def _forced(self, s: int, j: int, target: float) -> int:
        """Where to break inside a unit longer than the line: after an address's last '/' or
        '.' on the line (however short the line: the optimiser weighs its spacing), else at
        the edge, avoiding a 避头尾 violation when a word-internal break is near."""
        prep, m = self.prep, self.line_widths
        if j >= m.last:
            return m.last
        if self.url_breaks:
            slash = prep.url_slash
            for k in range(j, s - 1, -1):
                if slash[k]:
                    return k                # the last '/' or '.' of an address on the line
        brk = prep.break_after
        if brk[j] == KINSOKU:
            for k in range(j - 1, max(s, j - 4) - 1, -1):
                if brk[k] != KINSOKU:
                    return k
        number = brk[j] == UNIT and self._in_number(j)
        if number or brk[j] == WORD:
            # never between the digits of a number (6.|8万), nor inside a word of display
            # text when a break between words is on the line: at the unit's own soft point
            # (a house-rule break: 6.8|万人次) or before the number
            for soft in ((LEGAL, HOUSE), (WORD,)) if number else ((LEGAL, HOUSE),):
                for k in range(j - 1, s - 1, -1):
                    if brk[k] in soft:
                        return k
        return j

    def _in_number(self, j: int) -> bool:
        """Is the gap after piece j inside a number (3|5, 6.|8, 1,|200)?"""
        text, starts = self.prep.text, self.prep.starts
        at = starts[j + 1]
        before, after = text[at - 1:at], text[at:at + 1]
        return (before.isdigit() or before in ".,") and (after.isdigit() or after in ".,") and (
            before.isdigit() or after.isdigit())

    def first_fit(self) -> list[Break]:
        """The grid fill, line after line."""
        out: list[Break] = []
        s, n = 0, self.line_widths.n
        while s < n:
            e, kind = self.grid_end(s)
            out.append(Break(s, e, kind))
            s = e + 1
        return out

    # -- the optimiser ----------------------------------------------------------------------
    def optimal(self) -> list[Break]:
        """Knuth–Plass over the grid fill's alternatives (see the module docstring): the
        first pass, where only lines the grid fill leaves loose (≥ 1 em short) get them."""
        m = self.line_widths
        n = m.n
        if n == 0:
            return []
        best: dict[int, Node] = {0: Node(0.0, -1, -1, "")}   # cheapest way to start at t
        heap = [0]
        queued = {0}
        candidates, demerits = self._line_candidates, self._line_demerits
        memo, stride = self._costs, n + 1
        pop, push = heapq.heappop, heapq.heappush
        new = tuple.__new__                 # Node(...) without the keyword-argument wrapper
        grid, grid_end, last = self._grid, self._grid_end, m.last
        P, endw, pl = m.width_sums, m.end_width, m.adjacent_cut
        first_measure, measure = self.first_measure, self.measure
        while heap:
            s = pop(heap)
            base = best[s].demerits
            while not heap:
                # the commonest line: nothing else queued, and the grid fill's own end sets
                # it exactly full — its only candidate, demerits (1 + 0)² = 1, as
                # `_line_candidates` and `_line_demerits` would find
                got = grid.get(s)
                if got is None:
                    got = grid[s] = grid_end(s)
                e, kind = got
                if kind == FORCED or e >= last:
                    break
                need = (first_measure if s == 0 else measure) - (P[e] + endw[e] - P[s] + pl[s])
                if need > EPS or need < -EPS:
                    break
                base = base + 1.0 + 0.0
                best[e + 1] = new(Node, (base, s, e, kind))
                s = e + 1
            got = candidates(s, False)
            while len(got) == 1 and not heap:
                # one way on and nothing else queued (most lines): no start after s has
                # been reached, so the line's end + 1 is the next start, with no rival
                e, penalty, kind = got[0]
                t = e + 1
                if t >= n:
                    break
                d = memo[s * stride + e] = demerits(s, e)
                base = base + d + penalty
                best[t] = new(Node, (base, s, e, kind))
                s = t
                got = candidates(s, False)
            for e, penalty, kind in got:
                d = memo[s * stride + e] = demerits(s, e)
                total = base + d + penalty
                t = e + 1
                old = best.get(t)
                if old is None or total < old.demerits - 1e-6 or (
                        abs(total - old.demerits) <= 1e-6 and s > old.start):
                    best[t] = new(Node, (total, s, e, kind))
                    if t < n and t not in queued:
                        queued.add(t)
                        push(heap, t)
        self._first_total = best[n].demerits
        self._first_best = best
        return self._path(best, n, 0)

    @staticmethod
    def _path(best: dict[int, Node], t: int, origin: int) -> list[Break]:
        """The lines from piece `origin` to the line start `t`, read back through `best`."""
        out: list[Break] = []
        new = object.__new__
        while t > origin:
            start, end, kind = best[t][1:]
            line = new(Break)               # Break(start, end, kind), field for field, without
            line.__dict__.update({"start": start, "end": end, "kind": kind})   # the frozen
            out.append(line)                # dataclass's object.__setattr__ per field
            t = start
        out.reverse()
        return out

    def _repair(self, breaks: list[Break], bad: list[int], context: int = CONTEXT_LINES,
                recovery: int = RECOVERY_LINES, beat: float = float("inf")
                ) -> tuple[list[Break], float]:
        """The second pass: the same search, from the first window's first line on, where
        the line starts in a window (`CONTEXT_LINES` before each bad line to
        `RECOVERY_LINES` after it) take every alternative; between windows a path keeps to
        the first pass's line starts; past the last window it goes on by the grid fill until
        it meets one of them, and is continued by the first pass's lines from there (whose
        cost is known)."""
        m = self.line_widths
        n = m.n
        last = len(breaks) - 1
        windows = [
            (breaks[max(0, i - context)].start, breaks[min(last, i + recovery)].end + 1)
            for i in bad]
        in_window = self._in_window
        if context == WHOLE:                # the second try: outside the first repair's
            # windows (1), a line start takes one break each way (2)
            in_window[:] = in_window.translate(_FAR)
        else:
            for a, b in windows:
                in_window[a:b + 1] = b"\x01" * (b + 1 - a)
        index = {b.start: i for i, b in enumerate(breaks)}
        first = self._first_best
        if first:                           # the first pass's running totals along its path
            prefix = [first[b.start].demerits for b in breaks] + [first[n].demerits]
            bound = min(prefix[-1], beat) + 1e-6   # no path dearer than the first pass's
            # (or than the `beat` a try before this one found) can win
        else:
            prefix = [0.0]
            for b in breaks:
                prefix.append(prefix[-1] + self._line_demerits(b.start, b.end))
            bound = beat + 1e-6
        origin = windows[0][0]
        beyond = max(w[1] for w in windows)
        best: dict[int, Node] = {origin: Node(prefix[index[origin]], -1, -1, "")}
        heap = [origin]
        queued = {origin}
        ends: list[tuple[float, int]] = []
        candidates, demerits = self._line_candidates, self._line_demerits
        plain = self._plain
        plain_get = plain.get
        extended, loosen = self._extended, self._loosen
        extended_get = extended.get
        memo, stride = self._costs, n + 1
        memo_get = memo.get
        pop, push = heapq.heappop, heapq.heappush
        new = tuple.__new__
        while heap:
            s = pop(heap)
            base = best[s].demerits
            if base > bound:
                continue
            near = in_window[s]
            if near == 1 and not loosen:    # in a window: every alternative (the same
                got = extended_get(s)       # list in the first repair and the second try)
                if got is None:
                    got = extended[s] = candidates(s, True)
            elif near:
                got = candidates(s, True)
            else:
                got = plain_get(s)
                if got is None:
                    got = plain[s] = candidates(s, False)
            for e, penalty, kind in got:
                if base + penalty > bound:
                    continue                # dearer before its own cost (a house break)
                d = memo_get(s * stride + e)
                if d is None:
                    d = memo[s * stride + e] = demerits(s, e)
                total = base + d + penalty
                if total > bound:
                    continue
                t = e + 1
                old = best.get(t)
                if old is None or total < old.demerits - 1e-6 or (
                        abs(total - old.demerits) <= 1e-6 and s > old.start):
                    inside = in_window[t]
                    if not inside and t not in index and t <= beyond:
                        continue            # between windows: on the first pass's breaks
                    best[t] = new(Node, (total, s, e, kind))
                    if t < n and (inside or t <= beyond or t not in index) and (
                            t not in queued):
                        queued.add(t)       # past the last window: on until it rejoins
                        push(heap, t)
        for t, node in best.items():
            if t == n:
                ends.append((node.demerits, t))
            elif t > beyond and t in index:
                ends.append((node.demerits + prefix[-1] - prefix[index[t]], t))
        if not ends:
            return breaks, prefix[-1]
        total, t = min(ends)
        tail = breaks[index[t]:] if t < n else []
        return breaks[:index[origin]] + self._path(best, t, origin) + tail, total

    def _line_candidates(self, s: int, extended: bool) -> list[tuple[int, float, str]]:
        """(end, penalty, kind) of the lines that may start at piece s: the grid fill's end,
        and when that line is loose (or, `extended`, in a repair window) the legal breaks
        near it and the house-rule breaks."""
        m = self.line_widths
        got = self._grid.get(s)
        if got is None:
            got = self._grid[s] = self._grid_end(s)
        e, kind = got
        if kind == FORCED and not extended:
            return [(e, 0.0, kind)]
        target = self.first_measure if s == 0 else self.measure
        if kind == FINAL and self.ragged_last:
            need = 0.0
        else:
            P = m.width_sums
            need = target - (P[e] + m.end_width[e] - P[s] + m.adjacent_cut[s])  # - m.width(s, e)
        loose = need >= self.em - EPS
        if not (loose or extended):
            return [(e, 0.0, kind)]
        out = [(e, 0.0, kind)]
        weight = 1.0 + (m.n - s) / m.n
        penalty_back = penalty_fwd = 0.0 if loose else P_ALTERNATIVE * weight
        limit = self.loose_limit + EPS
        P, endw, pl = m.width_sums, m.end_width, m.adjacent_cut
        T, X, G = m.stretch_sums, m.extra_stretch_sums, m.gap_count_sums
        start = target + P[s] - pl[s]       # target - width(s, k) = start - P[k] - endw[k]
        reach = 1 if self._in_window[s] == 2 else 3   # (2: far from a flaw, second try)
        legal = m.legal
        i = bisect_left(legal, e)
        before = legal[max(0, i - (6 if loose else reach)):i]   # m.legal_before, nearest last
        while before and before[0] < s:
            del before[0]
        for k in reversed(before):
            short = start - P[k] - endw[k]
            if loose and short > need + 4 * self.em:
                break
            if short > EPS and T[k] - T[s] <= EPS:
                continue        # a line that cannot be justified is never an alternative
            if not (loose or self._loosen):   # a tight line is made loose only in the
                # second try over the whole paragraph
                extra = short - (X[k] - X[s])
                if extra > EPS and (G[k] == G[s] or extra / (G[k] - G[s]) > limit):
                    break
            out.append((k, penalty_back, ALTERNATIVE))
        j = bisect_right(legal, e)
        after = legal[j:j + reach]                                # m.legal_after
        S, esq = m.shrink_sums, m.end_squeeze
        for k in after:                     # m.fits(s, k, target), the same floats
            if (P[k] + endw[k] - P[s] + pl[s]) - (S[k] + esq[k] - S[s] + pl[s]) > target + EPS:
                break
            out.append((k, penalty_fwd, ALTERNATIVE))
        if extended:
            house = m.house()
            if house:
                seams = self.prep.seams
                low = out[-1][0] if len(out) > 1 and out[-1][0] < e else s
                room = target + EPS
                for k in house[bisect_left(house, max(s, min(low, e))):bisect_right(
                        house, after[-1] if after else m.last)]:   # m.house_between
                    # m.fits(s, k, target), the same floats; loose or not: the costs decide
                    if (P[k] + endw[k] - P[s] + pl[s]) - (S[k] + esq[k] - S[s] + pl[s]) <= room:
                        out.append((k, (P_SEAM if k in seams else P_HOUSE) + penalty_back,
                                    ALTERNATIVE))
        return out

    def _line_demerits(self, s: int, e: int) -> float:
        """(1 + badness)² of the line s..e, plus the costs of a loose line and a 孤字."""
        m = self.line_widths
        target = self.first_measure if s == 0 else self.measure
        P = m.width_sums
        w = P[e] + m.end_width[e] - P[s] + m.adjacent_cut[s]                       # m.width(s, e)
        final = e == m.last
        if w > target + EPS:
            shrink = m.shrink(s, e)
            r = (w - target) / shrink if shrink > EPS else 10.0
            badness = 100.0 * r * r * r
            if badness > MAX_BADNESS:
                badness = MAX_BADNESS
        elif final and self.ragged_last:
            badness = 0.0
        else:
            d = target - w
            if d <= EPS:
                badness = 0.0
            else:
                T = m.stretch_sums
                stretch = T[e] - T[s]                               # m.stretch(s, e)
                if stretch <= EPS:
                    badness = MAX_BADNESS
                else:
                    r = d / stretch
                    badness = 100.0 * r * r * r
                    if badness > MAX_BADNESS:
                        badness = MAX_BADNESS
                if badness > self._loose_badness:
                    X = m.extra_stretch_sums                        # m.spacing(s, e, target)
                    short = d - (X[e] - X[s])
                    if short <= EPS:
                        spacing = 0.0
                    else:
                        G = m.gap_count_sums
                        gaps = G[e] - G[s]
                        spacing = short / gaps if gaps else float("inf")
                    if spacing > self.loose_limit + EPS:
                        badness = MAX_BADNESS
                        over = min(spacing, SPACING_CAP * self.em) / self.loose_limit
                        demerits = (1.0 + badness) ** 2 + P_LOOSE * (1.0 + over * over * over)
                        if final and s > 0 and self.avoid_orphan and self.is_orphan(s, e):
                            demerits += P_ORPHAN
                        return demerits
        demerits = (1.0 + badness) ** 2
        if final and s > 0 and self.avoid_orphan and self.is_orphan(s, e):
            demerits += P_ORPHAN
        return demerits

    def is_orphan(self, s: int, e: int) -> bool:
        """孤字: a last line holding one character, alone or with punctuation; or a line of
        …… (and punctuation) alone."""
        prep = self.prep
        count = 0
        ellipsis = False
        for k in range(s, e + 1):
            c = prep.char_class[k]
            if c in C.PUNCT or c in (C.SP, C.ZW, C.EX, C.PO):
                ellipsis = ellipsis or c == C.EL
                continue
            count += prep.starts[k + 1] - prep.starts[k]
            if count > 1:
                return False
        return count == 1 or (count == 0 and ellipsis)

    def is_loose(self, b: Break) -> bool:
        """Is the line `b` (not a ragged last line) spaced wider than the loose limit?"""
        if b.end == self.line_widths.last and self.ragged_last:
            return False
        target = self.width_for(b.start)
        return self.line_widths.spacing(b.start, b.end, target) > self.loose_limit + EPS

    def _flaw_past_first_line(self, breaks: list[Break]) -> bool:
        """Is a line after the first loose, broken inside a house-rule unit, or a 孤字?"""
        if len(breaks) < 2:
            return False
        last = breaks[-1]
        if self.avoid_orphan and self.is_orphan(last.start, last.end):
            return True
        house = self.prep.break_after
        return any(house[b.end] == HOUSE or self.is_loose(b) for b in breaks[1:])

    def breaks(self, optimal: bool) -> list[Break]:
        """The breaks: grid fill or optimised; then, when a line is loose or the last line
        is a 孤字, a second pass that may change the breaks of that line and the
        `CONTEXT_LINES` before it, weighing spacing against the house rules; when a line is
        still loose after it, once more with wider windows."""
        breaks = self.optimal() if optimal else self.first_fit()
        orphan = (self.avoid_orphan and len(breaks) > 1
                  and self.is_orphan(breaks[-1].start, breaks[-1].end))
        bad = [len(breaks) - 1] if orphan else []
        if optimal and self._first_total >= P_LOOSE:
            bad[:0] = [number for number, b in enumerate(breaks) if self.is_loose(b)]
        if not bad:
            return breaks
        fixed, total = self._repair(breaks, bad)
        if optimal and total >= P_SEAM and self._flaw_past_first_line(fixed):
            # still a loose line, a 孤字 or a unit broken, and not only in the first line
            # (whose every alternative the first repair has weighed already)
            self._loosen = total >= P_LOOSE  # (else no loose line can beat the repair's)
            again, cost = self._repair(breaks, bad, WHOLE, WHOLE, total)
            if cost < total - 1e-6:
                fixed = again
        if not optimal and orphan and self.is_orphan(fixed[-1].start, fixed[-1].end) and (
                len(fixed) > 1):
            return breaks
        return fixed


__all__ = ["Break", "Breaker", "Node", "FIT", "FINAL", "PUSH_IN", "PUSH_OUT", "FORCED", "ALTERNATIVE",
           "KINSOKU", "UNIT"]
