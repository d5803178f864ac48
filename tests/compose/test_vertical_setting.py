"""Vertical setting (直排) of a headline with the real fonts: vertical forms, columns down one
axis, 避头尾 at column ends, Latin and digits, balanced columns."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.compose.vertical import break_columns, column_runs, prepare_vertical
from typeset.compose.vertical_head import arrange
from typeset.model.composition import CompositionRules
from typeset.model.grid import EM_BOX_ASCENT
from typeset.text import classes as C
from typeset.text.pieces import LEGAL

PUNCTUATION = "，。、：；！？“”‘’（）《》"
RULES = CompositionRules()
TALL = 10000.0
"""A column height no test text reaches: the whole text is one column."""


@pytest.fixture(scope="module")
def main_style(layout):
    return layout.style("headline-1")


def vertical(text, style, fonts, punctuation="quanjiao", **rules):
    """`text` prepared top to bottom (a `VerticalText`)."""
    return prepare_vertical(text, style, fonts, replace(RULES, punctuation=punctuation, **rules))


def pieces(prepared) -> list[str]:
    """The source text of each piece."""
    prep = prepared.prep
    return [prep.text[a:b] for a, b in zip(prep.starts, prep.starts[1:])]


def advances(prepared) -> list[float]:
    """Each piece's advance down the column as set (compression included), em."""
    prep = prepared.prep
    return [round((prep.advance[k] - prep.left_cut[k] - prep.right_cut[k]) / prep.em, 4)
            for k in range(len(prep))]


def one_column(prepared):
    (column,) = break_columns(prepared, TALL)
    return column


def glyph_ys(runs) -> list[float]:
    return [run.y + g.y for run in runs for g in run.glyphs]


def glyph_tops(runs) -> list[float]:
    """Where each glyph's em starts down the column: an upright glyph's y is its baseline
    (EM_BOX_ASCENT below its top), a turned word's y is its top (rounded to 1/100 pt)."""
    return [round(run.y + g.y - (0.0 if run.rotated else EM_BOX_ASCENT * run.size), 2)
            for run in runs for g in run.glyphs]


@pytest.mark.parametrize("role_style", ["headline-1", "kicker", "deck"])
def test_punctuation_takes_its_vertical_form(layout, fonts, role_style):
    style = layout.style(role_style)
    face = fonts.face(style.font)
    prepared = vertical("创新" + PUNCTUATION + "发展", style, fonts)
    assert prepared.diagnostics == ()
    assert pieces(prepared) == list("创新" + PUNCTUATION + "发展")
    for text, glyphs in zip(pieces(prepared), prepared.prep.glyphs):
        horizontal = face.shape(text)[0].gid
        if text in PUNCTUATION:
            assert glyphs[0][0] != horizontal, text
        else:
            assert glyphs[0][0] == horizontal, text


def test_curly_quotes_are_drawn_as_corner_brackets_but_keep_their_text(layout, fonts):
    style = layout.style("headline-1")
    face = fonts.face(style.font)
    prepared = vertical("“活水”", style, fonts)
    corner = [face.shape_vertical(ch)[0].gid for ch in "『』"]
    glyphs = prepared.prep.glyphs
    assert [glyphs[0][0][0], glyphs[-1][0][0]] == corner
    runs = column_runs(one_column(prepared), 0.0, 0.0, style)
    assert "".join(g.text for run in runs for g in run.glyphs) == "“活水”"
    assert "".join(run.text for run in runs) == "“活水”"


def test_glyphs_go_down_the_column_on_its_axis(main_style, fonts):
    style = replace(main_style, size=36.0)
    axis, top = 300.0, 100.0
    runs = column_runs(one_column(vertical("让创新的活水奔涌不息", style, fonts)), axis, top,
                       style)
    face = fonts.face(main_style.font)
    ys = glyph_ys(runs)
    assert all(b > a for a, b in zip(ys, ys[1:]))
    step = 36.0 * (1 + main_style.tracking)
    assert all(abs((b - a) - step) < 0.01 for a, b in zip(ys, ys[1:]))
    assert abs(ys[0] - (top + 0.88 * 36.0)) < 0.01          # first em's top at `top`
    for run in runs:
        for g in run.glyphs:
            x0, _, x1, _ = face.ink_box(g.gid)
            ink_centre = run.x + g.x + (x0 + x1) / 2 * run.size / face.upem
            assert abs(ink_centre - axis) < 0.06 * 36.0     # ink centred on the axis
            assert abs(run.x + g.x - (axis - 18.0)) < 0.01   # em box centred on the axis


def test_vertical_advance_is_the_vertical_metric(main_style, fonts):
    face = fonts.face(main_style.font)
    shaped = face.shape_vertical("新闻——")
    assert [g.advance for g in shaped[:2]] == [face.upem, face.upem]
    assert sum(g.advance for g in shaped) == 4 * face.upem


@pytest.mark.parametrize("height_em", [3, 4, 5, 6, 7])
def test_no_column_starts_with_a_closing_or_pause_mark(main_style, fonts, height_em):
    text = "我市启动城市更新，今年改造老旧小区。“十五分钟”生活圈（便民）建成"
    style = replace(main_style, size=20.0, tracking=0.0)
    lines = break_columns(vertical(text, style, fonts), height_em * 20.0)
    assert "".join(line.text for line in lines) == text
    for line in lines[1:]:
        first = line.text[0]
        assert not C.no_start(C.classify(first), first), line.text
    for line in lines[:-1]:
        last = line.text[-1]
        assert not C.no_end(C.classify(last), last), line.text
        assert line.length <= height_em * 20.0 + 1e-6
        runs = column_runs(line, 0.0, 0.0, style, height=line.length)
        foot = max(glyph_ys(runs)) - 0.88 * 20.0 + 20.0      # the last em's foot
        assert foot <= height_em * 20.0 + 0.51 * 20.0       # (a line-end mark's blank hangs)


def test_a_dash_pair_and_a_latin_word_are_not_split(main_style, fonts):
    prepared = vertical("发展——GDP增长", main_style, fonts)
    texts = pieces(prepared)
    assert "——" in texts                             # one piece, never split
    g = texts.index("G")
    breaks = prepared.prep.break_after
    assert breaks[g] != LEGAL and breaks[g + 1] != LEGAL         # G|D|P: one word
    for height in (4, 5, 6):                         # a column holds GDP (3.1 em)
        lines = break_columns(prepared, height * main_style.size)
        assert all("GDP" in line.text or not set("GDP") & set(line.text) for line in lines)


def test_two_digits_share_one_em_acronyms_stand_and_words_are_turned(main_style, fonts):
    prepared = vertical("5G覆盖12个县 Hello", main_style, fonts)
    size = main_style.size
    texts = pieces(prepared)
    assert texts[:2] == ["5", "G"] and "12" in texts and "Hello" in texts
    assert advances(prepared)[texts.index("12")] == 1.0       # 纵中横: one em
    assert prepared.diagnostics == ()
    runs = column_runs(one_column(prepared), 0.0, 0.0, main_style)
    placed = {g.text: (g, run) for run in runs for g in run.glyphs}
    (a, twelve), (b, _) = placed["1"], placed["2"]
    assert twelve.vertical and not twelve.rotated
    assert a.y == b.y and a.x < b.x                      # side by side on one baseline
    assert a.x >= -size / 2 - 1e-6                       # within the column's em
    (five, run5), (gee, run_g) = placed["5"], placed["G"]    # upright, one by one
    assert run5.vertical and run_g.vertical and five.y < gee.y
    hello = next(run for run in runs if run.text == "Hello")   # one piece, turned
    assert hello.rotated and not hello.vertical and len(hello.glyphs) == 5
    assert [g.y for g in hello.glyphs] == sorted(g.y for g in hello.glyphs)   # down the axis
    assert len({g.x for g in hello.glyphs}) == 1 and hello.glyphs[0].x < 0   # one baseline
    latin = fonts.face(main_style.latin)
    width = sum(latin.shape(c)[0].advance for c in "Hello") / latin.upem
    assert abs(advances(prepared)[texts.index("Hello")] - width) < 0.05  # as long as wide


def test_uncovered_character_is_an_error(main_style, fonts):
    prepared = vertical("新闻\U000F0001", main_style, fonts)
    assert [d.code for d in prepared.diagnostics] == ["missing-glyph"]
    assert pieces(prepared) == ["新", "闻", "\U000F0001"]   # kept, as a blank em


def test_two_columns_break_between_phrases(main_style, fonts):
    text = "春耕备耕正当时 智慧农机下田来"
    style = replace(main_style, size=36.0)
    lines = arrange(vertical(text, style, fonts), 10 * 36.0)
    assert [line.text for line in lines] == ["春耕备耕正当时", "智慧农机下田来"]


def test_more_columns_are_evened_out(main_style, fonts):
    text = "这是一个没有任何标点的很长的标题需要分成几列来排"
    prepared = vertical(text, replace(main_style, size=36.0), fonts)
    greedy = break_columns(prepared, 10 * 36.0)
    even = arrange(prepared, 10 * 36.0)
    assert len(even) == len(greedy) == 3
    lengths = [len(line.text) for line in even]
    assert max(lengths) - min(lengths) <= 1
    assert "".join(line.text for line in even) == text


@pytest.mark.parametrize("align", ["left", "center", "right", "distribute"])
def test_a_column_is_aligned_in_the_group_height(main_style, fonts, align):
    style = replace(main_style, size=20.0, tracking=0.0)
    line = one_column(vertical("活水奔涌", style, fonts))
    runs = column_runs(line, 100.0, 0.0, style, height=200.0, align=align)
    tops = [y - 0.88 * 20.0 for y in glyph_ys(runs)]
    first, last_foot = tops[0], tops[-1] + 20.0
    expected = {"left": (0.0, 80.0), "center": (60.0, 140.0), "right": (120.0, 200.0),
                "distribute": (0.0, 200.0)}[align]
    assert abs(first - expected[0]) < 0.01 and abs(last_foot - expected[1]) < 0.01


ALPHABET = "创新发展春耕活水的了，。、：；！？“”（）《》——……AaBbZz0123456789.% \u3000"


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=40),
       height_em=st.integers(min_value=0, max_value=12))
def test_breaking_keeps_every_character_and_its_text(layout, fonts, text, height_em):
    style = replace(layout.style("headline-2"), size=24.0)
    prepared = vertical(text, style, fonts, kinsoku="strict")
    assert "".join(pieces(prepared)) == text
    for piece, glyphs in zip(pieces(prepared), prepared.prep.glyphs):
        assert "".join(g[2] for g in glyphs) in ("", piece)   # the glyphs' texts: the piece
    lines = break_columns(prepared, height_em * 24.0)
    kept = "".join(line.text for line in lines)
    assert kept.replace(" ", "").replace("\u3000", "") == \
        text.replace(" ", "").replace("\u3000", "")
    for line in lines:
        runs = column_runs(line, 0.0, 0.0, style)
        tops = glyph_tops(runs)
        assert tops == sorted(tops)
        assert "".join(g.text for r in runs for g in r.glyphs) == line.text.replace(" ", "")


@pytest.mark.parametrize("role_style", ["headline-1", "kicker"])
def test_adjacent_marks_are_compressed_without_their_ink_touching(layout, fonts, role_style):
    from typeset.fonts import load_face

    style = layout.style(role_style)
    text = "说“好”，（新）。"
    style = replace(style, size=20.0, tracking=0.0)
    full = vertical(text, style, fonts, "quanshen")
    tight = vertical(text, style, fonts, "quanjiao")
    assert advances(full) == [1.0] * len(text)
    cut = dict(zip(pieces(tight), advances(tight)))
    assert cut["”"] == 0.5 and cut["）"] == 0.5      # pairs ”， and ）。 take 1.5 em
    assert cut["，"] == 0.5 and cut["说"] == 1.0       # ，（ too; ideographs stay 1 em
    boxes = []
    for run in column_runs(one_column(tight), 0.0, 0.0, style):
        face = load_face(run.face.path, run.face.index)
        for g in run.glyphs:
            _, y0, _, y1 = face.ink_box(g.gid)
            boxes.append((run.y + g.y - y1 * run.size / face.upem,
                          run.y + g.y - y0 * run.size / face.upem))
    for (_top_a, foot_a), (top_b, _) in zip(boxes, boxes[1:]):
        assert foot_a <= top_b + 0.01                          # ink never overlaps down the column


def test_kaiming_halves_every_mark_but_the_full_stops(main_style, fonts):
    prepared = vertical("好，新。“活”", main_style, fonts, "kaiming")
    assert advances(prepared) == [1.0, 0.5, 1.0, 1.0, 0.5, 1.0, 0.5]


def test_a_mark_at_a_column_foot_takes_half_an_em_as_at_a_line_end(main_style, fonts):
    style = replace(main_style, size=20.0, tracking=0.0)
    (column,) = break_columns(vertical("好新。", style, fonts), 10 * 20.0)
    assert column.length == pytest.approx(2.5 * 20.0)          # GB/T 15834 §5.1.10
    (kept,) = break_columns(vertical("好新。", style, fonts, "quanshen"), 10 * 20.0)
    assert kept.length == pytest.approx(3 * 20.0)              # 全身式: every mark 1 em


@pytest.mark.parametrize("height_em", [4, 5])
def test_a_date_stays_in_one_column_by_the_house_rules(main_style, fonts, height_em):
    style = replace(main_style, size=20.0, tracking=0.0)
    lines = break_columns(vertical("春耕生产3月5日全面启动", style, fonts), height_em * 20.0)
    assert any("3月5日" in line.text for line in lines), [line.text for line in lines]
    assert not any(line.forced for line in lines)


@pytest.mark.parametrize("text", ["高君宇事迹资料展广州开展", "北京青少年科技俱乐部20周年",
                                  "第七届进口博览会今日开幕"])
@pytest.mark.parametrize("height_em", [5, 6, 7])
def test_vertical_headline_columns_end_between_words(layout, fonts, text, height_em):
    """16 in vertical headlines too: a column of a 竖题 ends between words (rjieba's, as
    horizontal display text), not 高君宇事迹资 / 料展广州开展."""
    from typeset.text.phrases import word_starts

    style = replace(layout.style("headline-1"), size=24.0, tracking=0.0)
    prepared = vertical(text, style, fonts)
    columns = arrange(prepared, height_em * 24.0)
    assert "".join(c.text for c in columns) == text
    starts = word_starts(text)
    ends, at = [], 0
    for column in columns[:-1]:
        at += len(column.text)
        ends.append(at)
    assert all(end in starts for end in ends), [c.text for c in columns]
