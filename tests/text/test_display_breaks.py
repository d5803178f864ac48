"""Display text (headlines, kickers, decks, labels, bylines) breaks between words (issue 16),
and a desk's newline in a headline always ends the line (issue 17).

Word boundaries come from rjieba; the cases are headlines a desk rejected when they broke
inside a word (高君宇事迹资 / 料展广州开展). Unit tests on the synthetic test font; the
headline setter on the real layout and fonts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testbook import EM

from typeset.compose.context import ComposeContext
from typeset.compose.headline import balanced, breaks_inside_word, fit_headline
from typeset.compose.setting import set_text
from typeset.linebreak import set_paragraph
from typeset.manifest.layout_file import load_layout
from typeset.model.composition import CompositionRules
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.pipeline import font_book
from typeset.text.phrases import firm_word_starts, word_starts

ROOT = Path(__file__).resolve().parents[2]
CENTRED = TextStyle("head", size=EM, align="center")


def display(book, text, measure_em, phrases=True):
    para = set_paragraph([Run(text)], CENTRED, book, measure_em * EM, CompositionRules(),
                         align="center", phrases=phrases)
    return [line.text for line in para.lines]


@pytest.mark.parametrize("text,measure,expected,inside_word", [
    ("高君宇事迹资料展广州开展", 9, ["高君宇事迹资料展", "广州开展"], ["高君宇事迹资料展广", "州开展"]),
    ("第八届中国国际进口博览会开幕", 8, ["第八届中国国际", "进口博览会开幕"],
     ["第八届中国国际进", "口博览会开幕"]),
    ("民情教育", 3, ["民情", "教育"], ["民情教", "育"]),
])
def test_display_text_breaks_between_words(book, text, measure, expected, inside_word):
    assert display(book, text, measure) == expected
    assert display(book, text, measure, phrases=False) == inside_word


def test_a_word_longer_than_the_line_still_breaks(book):
    # no word boundary fits: broken at the edge, nothing lost
    got = display(book, "中华人民共和国", 3)
    assert "".join(got) == "中华人民共和国" and all(len(line) <= 3 for line in got)


def test_word_starts():
    assert word_starts("高君宇事迹资料展") == frozenset({3, 5, 7})


WORDS = st.lists(st.sampled_from(["高君宇", "事迹", "资料展", "广州", "开展", "北京", "青少年",
                                  "科技", "俱乐部", "20", "周年", "，", "“活水”", " ", "3月5日"]),
                 min_size=1, max_size=12).map("".join)


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=WORDS, measure=st.integers(2, 14))
def test_display_text_keeps_every_character_in_order(book, text, measure):
    para = set_paragraph([Run(text)], CENTRED, book, measure * EM, CompositionRules(),
                         align="center", phrases=True)
    assert "".join(line.text for line in para.lines) == text


# -- the headline setter on the real layout ---------------------------------------------------
@pytest.fixture(scope="module")
def ctx():
    layout = load_layout("broadsheet-8col", ROOT)
    return ComposeContext(layout, font_book(ROOT), CompositionRules.from_mapping(
        layout.composition), None)


def test_desk_newline_in_a_headline_always_wins(ctx):
    style = ctx.style("headline-1")
    width = 4 * 13 * 9 + 3 * 9
    para = set_text("北山新材料\n产业园二期全面开工", style, width, ctx, align="center")
    assert [line.text for line in para.lines] == ["北山新材料", "产业园二期全面开工"]
    assert para.text == "北山新材料\n产业园二期全面开工"
    assert para.lines[1].start == len("北山新材料\n")
    balanced_para, _ = balanced("北山新材料\n产业园二期全面开工", style, width, ctx)
    assert [line.text for line in balanced_para.lines] == ["北山新材料", "产业园二期全面开工"]
    fitted, _, ok = fit_headline("北山新材料\n产业园二期全面开工", style, width, 2, ctx)
    assert ok and len(fitted.lines) == 2


@pytest.mark.parametrize("text", ["高君宇事迹资料展广州开展", "北京青少年科技俱乐部20周年庆典举行",
                                  "第八届中国国际进口博览会在上海开幕"])
@pytest.mark.parametrize("columns", [1, 2, 3])
def test_headlines_never_break_inside_a_word(ctx, text, columns):
    style = ctx.style("headline-1")
    width = columns * 13 * 9 + (columns - 1) * 9
    para, fitted, _ = fit_headline(text, style, width, 0, ctx)
    if len(para.lines) > 1:
        para, _ = balanced(text, fitted, width, ctx)
    assert "".join(line.text for line in para.lines) == text
    assert not breaks_inside_word(para), [line.text for line in para.lines]


def test_firm_word_starts_are_those_no_dictionary_word_spans():
    # rjieba cuts 正|当时, but 正当 is a word too: another reading cuts there otherwise
    assert 5 in word_starts("春耕备耕正当时") and 4 in word_starts("春耕备耕正当时")
    firm = firm_word_starts("春耕备耕正当时")
    assert 4 in firm and 5 not in firm
    assert firm_word_starts("高君宇事迹资料展") == frozenset({3, 5, 7})


def test_two_lines_break_where_no_dictionary_word_spans_the_break(ctx):
    # the most even split between rjieba's words is 春耕备耕正 / 当时智慧农机 (正当 spans it);
    # a firm start keeps 正当时 whole on one line
    style = ctx.style("headline-2")
    text = "春耕备耕正当时智慧农机"
    width = 8 * style.size
    para, _ = balanced(text, style, width, ctx)
    got = [line.text for line in para.lines]
    assert len(got) == 2 and "".join(got) == text
    assert any("正当时" in line for line in got), got
