"""Half-width digits (二分字身, GB/T 15835): `composition: half_width_digits` sets every ASCII
digit ½ em in the face's `hwid` forms, so numbers keep the character grid; letters and marks in
the same word keep their own widths. On the production face (Noto Serif CJK SC), whose
proportional figures are 0.47–0.56 em."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.linebreak import set_paragraph
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text import CompositionRules
from typeset.text.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
SIZE = 9.0
STYLE = TextStyle("body", size=SIZE, indent=2)


@pytest.fixture(scope="module")
def book(noto_book):
    """The production faces (tests/conftest.py `noto_book`), not the suite's test font."""
    return noto_book


def _widths(book, text: str, half: bool) -> dict[str, list[float]]:
    rules = CompositionRules(half_width_digits=half, cjk_digit_space=0)
    prep = prepare((Run(text),), STYLE, book, rules)
    out: dict[str, list[float]] = {}
    for k, start in enumerate(prep.starts[:-1]):
        out.setdefault(text[start], []).append(round(prep.advance[k] / SIZE, 3))
    return out


def test_digits_are_half_an_em_and_letters_and_points_keep_their_widths(book):
    text = "PM2.5浓度为1220.3，1994年"
    half, plain = _widths(book, text, True), _widths(book, text, False)
    for digit in "0123459":
        assert set(half[digit]) == {0.5}
    assert set(plain["1"]) != {0.5} or set(plain["2"]) != {0.5}  # the face's own figures
    assert half["P"] == plain["P"] and half["M"] == plain["M"]
    assert half["."] == plain["."]
    assert half["浓"] == [1.0]


def test_a_first_line_beginning_with_a_date_sets_solid(book):
    # 5月18日是国际博物馆日。 is 11 em with ½-em digits: the indented first line of 13 字
    # holds it exactly; with the face's figures (11.09 em) it cannot, and the line spaced
    # out to the measure is loose.
    text = "5月18日是国际博物馆日。当天上午，位于滨江新区的市博物馆新馆正式向公众开放。"
    first = {}
    for half in (True, False):
        para = set_paragraph((Run(text),), STYLE, book, 13 * SIZE,
                             CompositionRules(half_width_digits=half, cjk_digit_space=0))
        line = para.lines[0]
        xs = [run.x + g.x for run in line.runs for g in run.glyphs]
        first[half] = (line.text, max(b - a for a, b in zip(xs, xs[1:])))
        assert "".join(ln.text for ln in para.lines) == text
    assert first[True][0] == "5月18日是国际博物馆日。"
    assert first[False][0] != first[True][0]
    assert first[True][1] <= SIZE + 1e-6          # no gap wider than an ideograph's em
    assert first[False][1] > SIZE * 1.15          # the old figures: a loose first line
