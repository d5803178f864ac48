"""The per-size table of Latin words (`FaceMetrics.words`): a word met again is cut into the
same pieces as the first time it was shaped."""

from __future__ import annotations

import pytest

from typeset.model.composition import CompositionRules
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text.metrics import metrics_for
from typeset.text.prepare import prepare

TEXT = "PM2.5浓度下降，5G基站达到1200个，ofo与PM2.5再比，2026年"


@pytest.fixture(scope="module")
def book(noto_book):
    """The production faces (tests/conftest.py `noto_book`)."""
    return noto_book


def pieces(prep):
    return (prep.starts, prep.char_class, prep.glyphs, prep.advance, prep.face_index,
            prep.left_blank, prep.right_blank, prep.break_after, prep.latin_gap)


def test_a_word_from_the_table_is_cut_as_when_shaped(book):
    style = TextStyle("body", size=9.0)
    words = metrics_for(book.face(style.latin)).words(style.size)
    words.clear()
    shaped = pieces(prepare((Run(TEXT),), style, book, CompositionRules()))
    assert {"PM2.5", "5G", "1200", "ofo", "2026"} <= set(words)
    again = pieces(prepare((Run(TEXT),), style, book, CompositionRules()))
    assert again == shaped
    # the same words in a second run: the same glyphs, shifted starts
    moved = prepare((Run("——"), Run(TEXT)), style, book, CompositionRules())
    assert moved.glyphs[-len(shaped[2]):] == shaped[2]
    assert [s - 2 for s in moved.starts[-len(shaped[0]):]] == shaped[0]


def test_a_word_with_a_letter_takes_the_latin_space_on_both_sides(book):
    style = TextStyle("body", size=10.0)
    rules = CompositionRules(cjk_digit_space=0)
    for text, spaced in (("在5G时代", True), ("在2026年", False), ("测PM2.5值", True),
                         ("约3.5G字节", True), ("共12.5万", False)):
        prep = prepare((Run(text),), style, book, rules)
        first = 0                              # 在 / 测 / 约 / 共 | the word
        last = max(k for k, c in enumerate(prep.char_class) if c == prep.char_class[1])
        got = (prep.latin_gap[first] > 0, prep.latin_gap[last] > 0)
        assert got == (spaced, spaced), text


def test_half_width_and_proportional_digits_keep_their_own_words(book):
    style = TextStyle("body", size=9.0)
    half = CompositionRules(half_width_digits=True, cjk_digit_space=0)
    plain = CompositionRules(cjk_digit_space=0)
    widths = {}
    for rules in (half, plain, half):  # the second half-width setting reads the table
        prep = prepare((Run("截至2026年"),), style, book, rules)
        widths.setdefault(rules.half_width_digits, []).append(prep.advance[2:6])
    assert widths[True][0] == widths[True][1] == [4.5] * 4
    assert widths[False][0] != widths[True][0]
