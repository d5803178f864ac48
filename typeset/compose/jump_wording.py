"""Jump wording: the layout's `jump:` patterns filled in for the page a story jumps to or from.

In: a pattern such as "（下转第{page_cn}版）" and a page (its number, and its folio such as A2
when the edition letters its sections). Out: the jump line's text (（下转第七版）,
（上接A2版）). Placeholders: {page} the folio as printed (7, A2), {page_cn} its number in
Chinese numerals (七, 十二; of A2: 二), {number} the number part in digits, {letter} the
section letter ("" on unlettered pages). `pattern_problem` says what is wrong with a pattern.
"""

from __future__ import annotations

import string
from typing import NamedTuple

from typeset.model.folio import SectionFolio, folio_text

PLACEHOLDERS = ("page", "page_cn", "number", "letter")
PAGE_PLACEHOLDERS = ("page", "page_cn", "number")
"""A jump pattern names the page with at least one of these."""
DIGITS = "零一二三四五六七八九"


def chinese_number(value: int) -> str:
    """A whole number 0..99,999,999 in Chinese numerals as a page number is read:
    7 → 七, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十."""
    if value < 0 or value >= 10**8:
        raise ValueError(f"{value} is out of range for a page number")
    if value < 10:
        return DIGITS[value]
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        rest = "" if not low else ("零" if low < 1000 else "") + _below_10000(low, True)
        return _below_10000(high, False) + "万" + rest
    return _below_10000(value, False)


def _below_10000(value: int, inner: bool) -> str:
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if unit == 10 and digit == 1 and not out and not inner:
            out += "十"  # 十二, not 一十二 (but 一百一十)
        else:
            out += DIGITS[digit] + name
    return out


class PageRef(NamedTuple):
    """A page known only by its folio (2, or "A1"): the page of another edition's files a
    `continued_from:` slot names."""

    number: int | str


def jump_text(pattern: str, page) -> str:
    """The pattern filled in for `page` (anything with a folio as `.number`): {page} as
    printed (2, A2), {page_cn} its number in Chinese numerals, {number}, {letter}."""
    folio = page.number
    letter, number = ((folio.section, folio.number) if isinstance(folio, SectionFolio)
                      else ("", int(folio)))
    return folio_text(pattern, folio, page_cn=chinese_number(number), number=number,
                      letter=letter)


def pattern_problem(pattern: str) -> str:
    """What is wrong with a jump pattern ("" when nothing): unknown placeholders, stray
    braces, no page named."""
    try:
        fields = [f for _, f, _spec, _conv in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        return f"it has a stray brace ({exc})"
    unknown = [f for f in fields if f not in PLACEHOLDERS]
    if unknown:
        return ("it names {" + unknown[0] + "}, which is not a placeholder (use "
                + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ")")
    if not any(f in PAGE_PLACEHOLDERS for f in fields):
        return "it does not name the page ({page} or {page_cn})"
    return ""
