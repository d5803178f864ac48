"""Direction as a parameter of preparation: a text prepared top to bottom (直排) has the same
pieces, break classes (避头尾) and 标点挤压 as the same text left to right; only the metrics
are read along the column (vertical forms and advances, head/foot blanks from `vhal` or the
ink). On the production faces (Noto CJK has `halt` and `vhal`, LXGW WenKai neither)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.linebreak import Breaker, LineMeasure
from typeset.model.composition import CompositionRules
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text import classes as C
from typeset.text.metrics import metrics_for
from typeset.text.prepare import prepare

ROOT = Path(__file__).resolve().parents[2]
SIZE = 20.0
CJK = "春耕备耕正当时智慧农机下田来，。、“”‘’（）《》——……·　"
"""Ideographs and the marks whose vertical form keeps its ink in one half of the em (：；！？
are centred down a column in a Chinese font, see below)."""


@pytest.fixture(scope="module")
def book(noto_book):
    """The production faces (tests/conftest.py `noto_book`), not the suite's test font."""
    return noto_book


def both(book, text, font="hei-bold", **rules):
    style = TextStyle("head", size=SIZE, font=font, latin="latin-sans-bold", indent=0)
    composition = CompositionRules(**rules)
    return [prepare((Run(text),), style, book, composition, direction=d) for d in ("ltr", "ttb")]


@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet=CJK, min_size=1, max_size=30),
       font=st.sampled_from(["hei-bold", "hei", "body"]),
       punctuation=st.sampled_from(["quanjiao", "kaiming", "quanshen"]),
       kinsoku=st.sampled_from(["basic", "strict"]))
def test_the_same_pieces_breaks_and_compression_in_both_directions(book, text, font,
                                                                     punctuation, kinsoku):
    across, down = both(book, text, font, punctuation=punctuation, kinsoku=kinsoku)
    assert down.direction == "ttb" and across.direction == "ltr"
    assert down.starts == across.starts
    assert down.char_class == across.char_class
    assert down.break_after == across.break_after           # one statement of 避头尾
    assert down.gap_stretches == across.gap_stretches
    # Noto CJK's marks are full width and sit in one half of their em across and down
    # alike (LXGW WenKai's quotes and · are proportional across): the same blanks, the
    # same compression, the same line-end widths
    for name in ("advance", "left_blank", "right_blank", "left_cut", "right_cut",
                 "adjacent_cut", "end_width"):
        assert getattr(down, name) == pytest.approx(getattr(across, name), abs=0.02 * SIZE), name


def test_vertical_forms_and_advances_down_the_column(book):
    across, down = both(book, "新闻，“好”")
    face = book.face("hei-bold")
    assert [g[0][0] for g in down.glyphs[:2]] == [face.shape(c)[0].gid for c in "新闻"]
    assert down.glyphs[2][0][0] == face.shape_vertical("，")[0].gid != across.glyphs[2][0][0]
    assert down.glyphs[3][0][0] == face.shape_vertical("『")[0].gid     # “ drawn as 『
    assert down.text == across.text == "新闻，“好”"                       # the text is kept
    assert down.across == [((-SIZE / 2, 1.0, False),)] * len(down)     # centred on the axis
    assert [g[0][1] for g in down.glyphs] == [0.88 * SIZE] * len(down)  # the em's baseline


@pytest.mark.parametrize("font", ["hei-bold", "kai"])
def test_blanks_are_the_head_of_an_opening_mark_and_the_foot_of_a_closing_one(book, font):
    down = metrics_for(book.face(font), "ttb")
    half = down.upem / 2
    for ch in "“（《":
        mark = down.mark(ch, C.OP)
        assert mark.left_blank >= 0.45 * down.upem and mark.right_blank == 0, ch
    for ch in "”）》，。、":
        mark = down.mark(ch, C.classify(ch))
        assert mark.right_blank >= 0.45 * down.upem and mark.left_blank == 0, ch
        assert mark.right_blank <= half


@pytest.mark.parametrize("font", ["hei-bold", "kai"])
def test_centred_vertical_forms_keep_their_em(book, font):
    across, down = metrics_for(book.face(font), "ltr"), metrics_for(book.face(font), "ttb")
    for ch in "：；":
        assert across.mark(ch, C.CO).right_blank > 0, ch     # in the left half across …
        vertical = down.mark(ch, C.CO)                          # … centred down the column
        assert vertical.left_blank == vertical.right_blank == 0, ch


def test_a_word_space_is_half_an_em_and_tracking_lies_between_pieces(book):
    style = TextStyle("head", size=SIZE, font="hei-bold", latin="latin-sans-bold")
    prep = prepare((Run("春耕 备耕"),), style, book, CompositionRules(), direction="ttb",
                   tracking=0.1)
    assert prep.advance == [SIZE, SIZE, SIZE / 2, SIZE, SIZE]
    assert prep.latin_gap == pytest.approx([0.1 * SIZE] * 4 + [0.0])
    flat = prepare((Run("春耕 GDP备耕"),), style, book, CompositionRules(), direction="ttb")
    assert set(flat.latin_gap) == {0.0}                 # no CJK–Latin space down a column


@pytest.mark.parametrize("count", [3, 5, 7])
def test_the_breaker_fills_columns_of_whole_characters(book, count):
    text = "让创新的活水奔涌不息春耕备耕正当时智慧农机下田来"
    _, down = both(book, text)
    height = count * SIZE
    breaks = Breaker(LineMeasure(down), height, height).breaks(False)
    lengths = [b.end - b.start + 1 for b in breaks]
    assert lengths[:-1] == [count] * (len(lengths) - 1)
    assert sum(lengths) == len(text)
