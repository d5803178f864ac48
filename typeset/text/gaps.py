"""The gaps between pieces: CJK–Latin space, break class, stretchability, URL slashes.

In: a `Preparation` with its classes and the `CompositionRules`. Out: its lists `latin_gap`,
`latin_gap_shrink`, `latin_gap_stretch` (clreq §3.2.2), `break_after` (避头尾 and inseparable
units, cjk-rules.md §a), `gap_stretches` (which gaps take inter-character spacing, §c.4) and
`url_slash`. Each is a function of the classes and characters on either side of the gap
(`gap_rule`), looked up in a per-rules table that the build session keeps; only the gaps with
a piece that is not an ideograph on either side are visited (two ideographs: a legal,
stretchable break, no space).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from typeset.model.composition import CompositionRules
from typeset.session import current
from typeset.text import classes as C
from typeset.text.pieces import HOUSE, KINSOKU, LEGAL, UNIT, BreakClass, Preparation

NO_STRETCH_AFTER = frozenset({C.OP, C.CN, C.SL})
"""No inter-character spacing after these (an opening mark, a connector, a solidus)."""
NO_STRETCH_BEFORE = frozenset({C.CL, C.CO, C.FS, C.CN, C.SL, C.PO})
"""… nor before these."""
CJK_FOR_SPACING = frozenset({C.ID, C.FA, C.NS})
"""Classes that take a CJK–Latin space next to a Latin letter or digit."""
COMPACT_UNITS = frozenset("万亿年月日个")
"""`compact_numerals`: no CJK–Latin space between a numeral and these."""
BIND_UNITS = frozenset("万亿")
"""`bind_number_units`: a number stays on the line of these."""
LATIN_WORD = frozenset({C.LA, C.LP, C.NB})
"""Classes that make up one unbreakable Latin word."""

NO_SPACE, LATIN_SPACE, DIGIT_SPACE = 0, 1, 2
"""What space a gap takes: none, the CJK–Latin space, the space between Han and digits."""

GapRule = tuple[int, BreakClass, bool, bool]
"""(space kind, break class, may stretch?, URL slash?)"""


def set_gaps(prep: Preparation, rules: CompositionRules, other: list[int]) -> None:
    """Fill the gap lists of `prep` (`other`: the pieces that are not ideographs)."""
    n = len(prep.char_class)
    em = prep.em
    cls, text, starts = prep.char_class, prep.text, prep.starts
    gaps = set(other)
    gaps.update([k - 1 for k in other])
    gaps.discard(-1)
    gaps.discard(n - 1)
    ga, gsh, gst = [0.0] * n, [0.0] * n, [0.0] * n
    latin = rules.cjk_latin_space
    digit = latin if rules.cjk_digit_space is None else rules.cjk_digit_space
    low, high = rules.cjk_latin_min, rules.cjk_latin_max
    # (space, shrink, stretch) in pt for each space kind; a zero space is no space at all
    spaces = [None] + [(x * em, (x - min(low, x)) * em, max(high - x, 0.0) * em) if x > 0
                       else None for x in (latin, digit)]
    brk = [LEGAL] * n
    elig = [True] * (n - 1) + [False] if n else []
    slash = [False] * n
    table: dict[tuple, GapRule] = current().memo("text.gap-rules", 64).get_or_make(rules, dict)
    for k in sorted(gaps):
        at = starts[k + 1]
        key = (cls[k], cls[k + 1], text[at - 1:at + 1])   # the characters either side
        got = table.get(key)
        if got is None:
            got = table[key] = gap_rule(rules, key[0], key[1], key[2][0], key[2][1])
        kind, brk[k], elig[k], slash[k] = got
        if kind == DIGIT_SPACE and _word_has_letter(cls, text, starts, k):
            kind = LATIN_SPACE              # 5G, PM2.5: one space for the whole word
        if kind:
            space = spaces[kind]
            if space is not None:
                ga[k], gsh[k], gst[k] = space
    if rules.url_breaks and True in slash:
        _url_breaks(text, starts, brk, slash)
    prep.latin_gap, prep.latin_gap_shrink, prep.latin_gap_stretch = ga, gsh, gst
    prep.break_after, prep.gap_stretches, prep.url_slash = brk, elig, slash


URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[!-~]+"
                 r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
                 r"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/[!-~]*"
                 r"|[A-Za-z0-9-]{2,}(?:\.[A-Za-z0-9-]{2,}){2,}")
"""A web or e-mail address in the text: a scheme or www., an e-mail address, a host with a
path, or a host of three names (example.gov.cn); Latin words with one dot (Node.js, U.S.) are
not addresses."""


def _url_breaks(text: str, starts: list[int], brk: list, slash: list[bool]) -> None:
    """The break points of a web or e-mail address (after '/' or '@', after '.' before a
    letter, before a '.') become HOUSE breaks: the grid fill keeps the address whole, the
    optimiser breaks it there, at a cost, when that keeps a line from being spaced loose (an
    address longer than the column is broken at them by the grid fill as before). Elsewhere
    they stay UNIT."""
    spans = [(m.start(), m.end()) for m in URL.finditer(text)]
    if not spans:
        return
    for a, b in spans:
        first = bisect_right(starts, a)
        for k in range(first - 1, len(brk) - 1):
            at = starts[k + 1]
            if at >= b:
                break
            if brk[k] == UNIT and at > a and (slash[k] or (text[at] == "." and at + 1 < b)):
                brk[k] = HOUSE              # after '/' or '.', or before a '.' (Chicago 6.17)


def _word_has_letter(cls: list[int], text: str, starts: list[int], k: int) -> bool:
    """Does the Latin word beside gap k (before it when piece k is Latin, else after it)
    hold a letter? Then the word takes the CJK–Latin space, not the digit space."""
    if cls[k] == C.LA:
        j = k
        while j >= 0 and cls[j] in LATIN_WORD:
            j -= 1
        word = text[starts[j + 1]:starts[k + 1]]
    else:
        j = k + 1
        while j < len(cls) and cls[j] in LATIN_WORD:
            j += 1
        word = text[starts[k + 1]:starts[j]]
    return any(map(str.isalpha, word))


def gap_rule(rules: CompositionRules, a: int, b: int, ca: str, cb: str) -> GapRule:
    """The gap between a piece of class `a` ending in `ca` and one of class `b` starting with
    `cb`: (space kind, break class, may stretch?, URL slash?)."""
    spaced = NO_SPACE
    if (a in CJK_FOR_SPACING and b == C.LA) or (a == C.LA and b in CJK_FOR_SPACING):
        if not ((rules.compact_numerals and a == C.LA and ca.isdigit() and cb in COMPACT_UNITS)
                or (b == C.LA and not cb.isalnum())
                or (a == C.LA and not ca.isalnum())):
            spaced = DIGIT_SPACE if (ca.isdigit() if a == C.LA else cb.isdigit()) else LATIN_SPACE
    brk = LEGAL
    slash = False
    if b == C.SP or a == C.NB or b == C.NB or b == C.EX:
        brk = UNIT
    elif a in LATIN_WORD and b in LATIN_WORD:
        brk = UNIT
        slash = ca in "/@" or (ca == "." and cb.isalpha())  # addresses: after / @ and .
    elif (a == b and a in (C.DA, C.EL, C.FA)) or (
            rules.bind_number_units and a == C.LA and ca.isdigit() and cb in BIND_UNITS):
        brk = UNIT
    elif (a != C.SP and a != C.ZW and C.no_end(a, ca)) or C.no_start(b, cb) or (
            rules.kinsoku == "strict" and b in (C.DA, C.EL)):
        brk = KINSOKU
        if a == C.LA and b == C.PO or a == C.PR and b == C.LA:
            brk = UNIT
    elig = brk != UNIT and a not in NO_STRETCH_AFTER and b not in NO_STRETCH_BEFORE
    return spaced, brk, elig, slash
