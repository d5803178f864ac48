"""Character classes for Chinese line composition (clreq / GB/T 15834 §5, cjk-rules.md §a).

In: one character. Out: a small integer class that says which face draws it, how its width
may be adjusted and which line-break rules (避头尾, inseparable sequences) apply. The tables
are data taken from the rules document, not from UAX #14, which gets quotes, ～, ·, single —
and digit grouping wrong for Chinese (cjk-rules.md §a.6).
"""

from __future__ import annotations

import unicodedata

# -- the classes -----------------------------------------------------------------------------
ID = 0    # ideograph, kana, hangul, CJK symbol: 1 em on the character grid
OP = 1    # opening quote / bracket / book-title mark (“ （ 《 …): not at line end, ink right
CL = 2    # closing quote / bracket / book-title mark (” ） 》 …): not at line start, ink left
CO = 3    # pause marks ， 、 ； ：: not at line start, compressible to ½ em
FS = 4    # sentence-final marks 。 ？ ！ ．: not at line start; not compressed mid-line by default
MD = 5    # interpunct 间隔号 · (½ em, GB/T 15834 §5.1.7): not at line start
DA = 6    # 破折号 —— (a pair of U+2014 or one ⸺): 2 em, never split; not at line start in strict
EL = 7    # 省略号 …… (a pair of U+2026 / U+22EF): 2 em, never split; not at line start in strict
CN = 8    # connector 连接号: single — (一字线), ～ 〜 – ~: not at line start
SL = 9    # solidus 分隔号 ／: neither at line start nor at line end (GB style)
PO = 10   # postfixed unit ％ ‰ ℃ ° ′ ″: binds to the number before it
PR = 11   # prefixed sign ￥ ＄ №: binds to the number after it
LA = 12   # Latin letter or European digit (Latin face); runs of LA/LP are unbreakable words
LP = 13   # ASCII punctuation and symbols (Latin face); part of a Latin word when adjacent
SP = 14   # white space (U+0020, tab, line feed …): a break opportunity, dropped at a break
IS = 15   # U+3000 IDEOGRAPHIC SPACE: 1 em, break after only, collapses at line end
ZW = 16   # zero-width break opportunity (U+200B)
FA = 17   # full-width Latin letter or digit (Ｇ１): CJK face, kept together (HOUSE)
NS = 18   # ideograph-like non-starter (々 〃 ー ∶): not at line start (OOXML zh-CN superset)
NB = 19   # no-break space (U+00A0, U+202F, U+2009 in 千分空 numbers): binds both sides
EX = 20   # combining mark, variation selector, joiner, BOM: belongs to the character before

PUNCT = frozenset({OP, CL, CO, FS, MD, DA, EL, CN, SL})
"""CJK punctuation: no CJK–Latin space beside these (clreq §3.2.4)."""

COMPRESSIBLE = frozenset({OP, CL, CO, FS})
"""Marks whose blank half may be removed (标点挤压, clreq §3.1.6)."""

# -- tables (code points from cjk-rules.md §a.1–§a.3) -----------------------------------------
_OPENING = "“‘「『（〔【〖［｛《〈〘〚⦅｟"
_CLOSING = "”’」』）〕】〗］｝》〉〙〛⦆｠"
_PAUSE = "，、；：︐︑︔︓"
_FINAL = "。．？！‼⁇⁈⁉｡"
_MIDDLE = "·・‧•"
_DASH = "—―"                  # U+2014, U+2015: a pair is 破折号, a single one is 一字线
_TWO_EM_DASH = "⸺⸻"
_ELLIPSIS = "…⋯‥"
_CONNECTOR = "～〜–~‐‑‒"
_SOLIDUS = "／"
_POSTFIX = "％‰‱℃℉°′″"
_PREFIX = "￥＄№"
_NON_STARTER = "々〃ー∶〻ゝゞヽヾ"
_NO_BREAK_SPACE = "\u00a0\u202f\u2009\u2007"

# ASCII punctuation that may not start a line (half-width look-alikes of Chinese marks, and
# closing brackets) or end one (opening brackets, prefixed signs): GB/T 15834 §5.1 by function.
ASCII_NO_START = frozenset(",.;:?!)]}%")
ASCII_NO_END = frozenset("([{$#")

_TABLE: dict[str, int] = {}
for _chars, _cls in ((_OPENING, OP), (_CLOSING, CL), (_PAUSE, CO), (_FINAL, FS),
                     (_MIDDLE, MD), (_DASH, DA), (_TWO_EM_DASH, DA), (_ELLIPSIS, EL),
                     (_CONNECTOR, CN), (_SOLIDUS, SL), (_POSTFIX, PO), (_PREFIX, PR),
                     (_NON_STARTER, NS), (_NO_BREAK_SPACE, NB)):
    for _ch in _chars:
        _TABLE[_ch] = _cls
_TABLE["\u3000"] = IS
_TABLE["\u200b"] = ZW
for _ch in " \t\n\r\f\v\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u205f":
    _TABLE[_ch] = SP
for _ch in "\u200c\u200d\u2060\ufeff\u00ad":
    _TABLE[_ch] = EX

TWO_EM_SINGLE = frozenset(_TWO_EM_DASH)
"""Dashes that are a whole 破折号 by themselves (U+2E3A, U+2E3B)."""

FULL_STOPS_KAIMING = frozenset("。．？！‼⁇⁈⁉｡")
"""Marks that stay full width in 开明式 (sentence-final pause marks)."""

QUESTION_EXCLAIM = frozenset("？！")
"""GB/T 15834 §5.1.2: ？！ together take 1 em, three of them 2 em."""


def classify(ch: str) -> int:
    """The composition class of one character (see the constants above). A pure function:
    a table lookup for the listed marks and ASCII, range tests for the rest."""
    found = _TABLE.get(ch)
    if found is not None:
        return found
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF:
        return ID                       # CJK Unified Ideographs: all letters (Lo)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return FA
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return EX
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Mc"):
        return EX
    if category == "Cf":
        return EX
    if category in ("Zs", "Zl", "Zp", "Cc"):
        return SP
    if _is_wide(code):
        return ID
    if category[0] in "LN":
        return LA     # Latin-1, Latin Extended, Greek, Cyrillic letters and digits
    if category[0] == "P" or category[0] == "S":
        return LP if code < 0x2E80 else ID
    return ID


def _ascii(ch: str) -> int:
    if ch.isalnum():
        return LA
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return SP
    return LP


def _is_wide(code: int) -> bool:
    """True for characters set on the CJK grid (Han, kana, hangul, CJK symbols, full-width)."""
    return (
        0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFFEF or 0x1100 <= code <= 0x11FF
        or 0x20000 <= code <= 0x3FFFF or 0x3000 <= code <= 0x303F or 0x2460 <= code <= 0x27BF
        or 0x1F300 <= code <= 0x1FAFF
    )


for _code in range(0x80):
    _TABLE.setdefault(chr(_code), _ascii(chr(_code)))


def uses_latin_face(ch: str, cls: int) -> bool:
    """True when the character is drawn with the style's Latin face (letters, digits, ASCII)."""
    if cls in (LA, LP, SP, NB):
        return True
    if cls in (CN, PO, PR, MD, SL):
        return ord(ch) < 0x2000 and ch not in "·"
    return False


def no_start(cls: int, ch: str) -> bool:
    """行首禁则 at the basic level: may this class (character) not begin a line?"""
    if cls in (CL, CO, FS, MD, CN, SL, PO, NS, IS, NB):
        return True
    return cls == LP and ch in ASCII_NO_START


def no_end(cls: int, ch: str) -> bool:
    """行尾禁则: may this class (character) not end a line?"""
    if cls in (OP, SL, PR, NB):
        return True
    return cls == LP and ch in ASCII_NO_END
