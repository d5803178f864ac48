"""Distribute a story's body lines over its columns: fill in reading order, balance, keep widows out.

In: the lines' paragraph structure (`LineKey`s) and the slot's `Column`s. Out: a `Distribution`
telling how many lines each column takes, how many were placed (the rest go to the jump
continuation or are overset), and which widows could not be avoided. Pure arithmetic on grid
lines; nothing here knows about glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.flow.regions import Column, total_capacity


@dataclass(frozen=True)
class LineKey:
    """What distribution needs to know about one body line."""

    paragraph: int
    first: bool
    """First line of its paragraph."""
    last: bool
    """Last line of its paragraph."""
    keep: bool = False
    """Keep with the next line: no column break after this line (a crosshead, its space
    above, and the first body line under it)."""
    space: bool = False
    """An empty line of space (above a crosshead): it takes no room at the top of a column,
    where it is dropped."""


@dataclass(frozen=True)
class Distribution:
    """Lines per column (in column order), lines placed, and forced widows (line indices)."""

    counts: tuple[int, ...]
    placed: int
    widows: tuple[int, ...] = ()
    level: int = 0
    """The grid line the balanced columns end at (exclusive)."""
    orphans: tuple[int, ...] = ()
    """Lines that are a paragraph's lone first line at a column foot and could not move on."""
    stranded: tuple[int, ...] = ()
    """Lines kept with the next (a crosshead) that still end a column: it could not move on."""

    def starts(self) -> tuple[int, ...]:
        """Index of the first line in each column."""
        out, at = [], 0
        for n in self.counts:
            out.append(at)
            at += n
        return tuple(out)


def balance_level(columns: tuple[Column, ...], lines: int) -> int:
    """The smallest grid line at which all columns can end level and still hold `lines`.

    clreq §2.4.2: multi-column text ending mid-page is balanced, remainder in the last column.
    """
    if not columns:
        return 0
    low = min(c.top for c in columns)
    high = max(c.bottom for c in columns)
    for level in range(low, high + 1):
        if sum(c.capacity_to(level) for c in columns) >= lines:
            return level
    return high


def _fill(columns: tuple[Column, ...], lines: int, level: int, limits: dict[int, int],
          keys: tuple[LineKey, ...] = ()) -> list[int]:
    counts = []
    left = lines
    for i, col in enumerate(columns):
        room = col.capacity_to(level)
        free = _lead_spaces(keys, lines - left, left) if room > 0 else 0
        take = min(room + free, limits.get(i, 10**9), left)
        counts.append(take)
        left -= take
    return counts


def _lead_spaces(keys: tuple[LineKey, ...], start: int, count: int) -> int:
    """How many of the `count` lines from `start` are space lines at their head (dropped at
    the top of a column)."""
    n = 0
    while n < count and start + n < len(keys) and keys[start + n].space:
        n += 1
    return n


def _is_widow(keys: tuple[LineKey, ...], index: int) -> bool:
    """A paragraph's last line standing alone at the top of a column (孤行)."""
    if index <= 0 or index >= len(keys):
        return False
    key = keys[index]
    return key.last and not key.first and keys[index - 1].paragraph == key.paragraph


def _is_orphan(keys: tuple[LineKey, ...], index: int) -> bool:
    """A paragraph's first line left alone at the foot of a column, the rest in the next."""
    if index <= 0 or index >= len(keys):
        return False
    before = keys[index - 1]
    return before.first and not before.last and keys[index].paragraph == before.paragraph


def _is_kept(keys: tuple[LineKey, ...], index: int) -> bool:
    """A column break before line `index` parts a line from the one it is kept with."""
    return 0 < index <= len(keys) and keys[index - 1].keep and index < len(keys)


def _bad_break(keys: tuple[LineKey, ...], index: int) -> bool:
    """A column break before line `index` that leaves a widow or an orphan, or parts a
    crosshead from the lines under it."""
    return _is_widow(keys, index) or _is_orphan(keys, index) or _is_kept(keys, index)


def distribute(keys: tuple[LineKey, ...], columns: tuple[Column, ...], *, balance: bool = True
               ) -> Distribution:
    """Place `keys` lines into `columns`.

    When everything fits and `balance` is set, columns end level; a column that would start with
    a paragraph's single last line (widow, 孤行), or end with its single first line (orphan), is
    ended one line early when the later columns can take the extra line (otherwise the widow is
    reported). When not everything fits, columns are filled to the bottom (a column may end a
    line early for the same reasons: that line moves on to the continuation) and `placed` <
    len(keys).
    """
    lines = len(keys)
    fits = lines <= total_capacity(columns)
    level = balance_level(columns, lines) if (fits and balance) else max(
        (c.bottom for c in columns), default=0)
    limits: dict[int, int] = {}
    for _ in range(len(columns) * 8):
        counts = _fill(columns, lines, level, limits, keys)
        starts = _starts(counts)
        widow_col = next((i for i, s in enumerate(starts)
                          if i > 0 and counts[i] and _bad_break(keys, s)), None)
        if widow_col is None and not fits:
            end = sum(counts)  # the break into the continuation, after the last column
            last = max((i for i, n in enumerate(counts) if n), default=None)
            if last is not None and (_is_orphan(keys, end) or _is_kept(keys, end)):
                widow_col = last + 1
        if widow_col is None:
            break
        prev = widow_col - 1
        if counts[prev] <= 2:
            break
        trial = dict(limits)
        trial[prev] = counts[prev] - 1
        trial_counts = _fill(columns, lines, level, trial, keys)
        if fits and sum(trial_counts) < sum(counts):
            if balance and level < max(c.bottom for c in columns):
                level += 1  # one more line of depth lets the columns absorb the moved line
                continue
            break
        limits = trial
    counts = _fill(columns, lines, level, limits, keys)
    starts = _starts(counts)
    widows = tuple(s for i, s in enumerate(starts) if i > 0 and counts[i] and _is_widow(keys, s))
    orphans = tuple(s - 1 for i, s in enumerate(starts)
                    if i > 0 and counts[i] and _is_orphan(keys, s))
    stranded = tuple(s - 1 for i, s in enumerate(starts)
                     if i > 0 and counts[i] and _is_kept(keys, s))
    end = sum(counts)
    if end < lines and _is_kept(keys, end):
        stranded += (end - 1,)
    used_level = max((c.top + n - _lead_spaces(keys, s, n)
                      for c, n, s in zip(columns, counts, starts) if n), default=level)
    return Distribution(tuple(counts), sum(counts), widows, used_level, orphans, stranded)


def _starts(counts: list[int]) -> list[int]:
    out, at = [], 0
    for n in counts:
        out.append(at)
        at += n
    return out
