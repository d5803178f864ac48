"""Word boundaries for display text (headlines, labels, bylines): where a line may break.

In: a text. Out: the set of character positions where a word starts, from rjieba (the Rust
port of jieba, MIT, its dictionary built in: no network, no model download). Display styles
break only between words (高君宇事迹资料展 / 广州开展, never 高君宇事迹资 / 料展…); body text
keeps breaking anywhere the rules allow. rjieba is imported on first use (≈ 0.2 s: it builds
its dictionary), i.e. only by a build whose display text needs more than one line; results
are memoised in the build session.
"""

from __future__ import annotations

from typeset.session import memoised
from typeset.text import classes as C
from typeset.text.pieces import HOUSE, LEGAL, WORD, Preparation

_WORDLIKE = frozenset({C.ID, C.LA, C.FA})


def _cut(text: str) -> list[str]:
    try:
        import rjieba                       # imported once, then from sys.modules
    except ImportError:                     # not installed: every position is a boundary
        return list(text)
    return rjieba.cut(text)


@memoised("text.word-starts", 2048)
def word_starts(text: str) -> frozenset[int]:
    """Positions 1 … len(text) - 1 where a word of `text` starts."""
    starts, at = set(), 0
    for word in _cut(text):
        if 0 < at < len(text):
            starts.add(at)
        at += len(word)
    return frozenset(starts)


def _all_words(text: str) -> list[str]:
    try:
        import rjieba
    except ImportError:
        return []
    return rjieba.cut_all(text)


@memoised("text.firm-word-starts", 2048)
def firm_word_starts(text: str) -> frozenset[int]:
    """The `word_starts` of `text` that no dictionary word spans: 备耕|正当时 is firm, 正|当时
    is not (正当 and 当时 are both words there). Another segmenter may cut 正当时 otherwise,
    but not inside a word of the dictionary's — so a headline broken at a firm start is broken
    between words by any reading."""
    spanned: set[int] = set()
    at = 0
    for word in _all_words(text):               # in order of where they start
        found = text.find(word, at)
        if found < 0:
            continue
        at = found
        spanned.update(range(found + 1, found + len(word)))
    return frozenset(word_starts(text) - spanned)


def keep_words(prep: Preparation) -> None:
    """Mark every legal or house-rule break of `prep` that falls inside a word WORD
    (display text: 6.8万|人次 stays a unit's soft point, 6.8|万人次 … inside 万人次 do not)."""
    brk, cls, starts = prep.break_after, prep.char_class, prep.starts
    n = len(brk)
    if n < 2:
        return
    inside = word_starts(prep.text)
    for k in range(n - 1):
        if (brk[k] == LEGAL or brk[k] == HOUSE) and starts[k + 1] not in inside and (
                cls[k] in _WORDLIKE and cls[k + 1] in _WORDLIKE):
            brk[k] = WORD
