"""Vertical setting (直排) of a headline with the real fonts: vertical forms, columns down one
axis, 避头尾 at column ends, Latin and digits, balanced columns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.compose.vertical import (VerticalLine, break_columns, column_runs, may_break,
                                      vertical_units)
from typeset.compose.vertical_head import arrange
from typeset.text import classes as C

PUNCTUATION = "，。、：；！？“”‘’（）《》"


@pytest.fixture(scope="module")
def main_style(layout):
    return layout.style("headline-1")


@pytest.mark.parametrize("role_style", ["headline-1", "kicker", "deck"])
def test_punctuation_takes_its_vertical_form(layout, fonts, role_style):
    style = layout.style(role_style)
    face = fonts.face(style.font)
    units, diags = vertical_units("创新" + PUNCTUATION + "发展", style, fonts)
    assert diags == []
    assert [u.text for u in units] == list("创新" + PUNCTUATION + "发展")
    for unit in units:
        horizontal = face.shape(unit.text)[0].gid
        if unit.text in PUNCTUATION:
            assert unit.glyphs[0].gid != horizontal, unit.text
        else:
            assert unit.glyphs[0].gid == horizontal, unit.text


def test_curly_quotes_are_drawn_as_corner_brackets_but_keep_their_text(layout, fonts):
    style = layout.style("headline-1")
    face = fonts.face(style.font)
    units, _ = vertical_units("“活水”", style, fonts)
    corner = [face.shape_vertical(ch)[0].gid for ch in "『』"]
    assert [units[0].glyphs[0].gid, units[-1].glyphs[0].gid] == corner
    assert "".join(g.text for u in units for g in u.glyphs) == "“活水”"


def test_glyphs_go_down_the_column_on_its_axis(main_style, fonts):
    units, _ = vertical_units("让创新的活水奔涌不息", main_style, fonts)
    line = VerticalLine(units, 36.0, main_style.tracking)
    axis, top = 300.0, 100.0
    runs = column_runs(line, axis, top, main_style)
    face = fonts.face(main_style.font)
    ys = [run.y + g.y for run in runs for g in run.glyphs]
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
    units, _ = vertical_units(text, main_style, fonts)
    lines = break_columns(units, height_em * 20.0, 20.0)
    assert "".join(line.text for line in lines) == text
    for line in lines[1:]:
        first = line.units[0]
        assert not C.no_start(first.cls, first.text[0]), line.text
    for line in lines[:-1]:
        last = line.units[-1]
        assert not C.no_end(last.cls, last.text[-1]), line.text
        assert line.natural <= height_em * 20.0 + 1e-6


def test_a_dash_pair_and_a_latin_word_are_not_split(main_style, fonts):
    units, _ = vertical_units("发展——GDP增长", main_style, fonts)
    texts = [u.text for u in units]
    at_dash = texts.index("—") if "—" in texts else None
    if at_dash is not None:                          # two units: glued together
        assert not may_break(units, at_dash + 1)
    g = texts.index("G")
    assert not may_break(units, g + 1) and not may_break(units, g + 2)


def test_two_digits_share_one_em_acronyms_stand_and_words_are_turned(main_style, fonts):
    units, diags = vertical_units("5G覆盖12个县 Hello", main_style, fonts)
    twelve = next(u for u in units if u.text == "12")
    assert twelve.advance == 1.0 and len(twelve.glyphs) == 2
    a, b = twelve.glyphs
    assert a.dy == b.dy and a.dx < b.dx                # side by side on one baseline
    assert a.dx >= -0.5 - 1e-6                          # within the column's em
    assert [u.text for u in units if u.text in "5G"] == ["5", "G"]  # upright, one by one
    assert not any(g.rotated for u in units if u.text in "5G" for g in u.glyphs)
    hello = next(u for u in units if u.text == "Hello")  # one unit, never split
    assert all(g.rotated for g in hello.glyphs) and len(hello.glyphs) == 5
    assert [g.dy for g in hello.glyphs] == sorted(g.dy for g in hello.glyphs)  # down the axis
    assert len({g.dx for g in hello.glyphs}) == 1 and hello.glyphs[0].dx < 0  # one baseline
    width = sum(fonts.face(main_style.latin).shape(c)[0].advance for c in "Hello") / \
        fonts.face(main_style.latin).upem
    assert abs(hello.advance - width) < 0.05          # as long as the word is wide
    assert diags == []


def test_uncovered_character_is_an_error(main_style, fonts):
    _, diags = vertical_units("新闻\U000F0001", main_style, fonts)
    assert [d.code for d in diags] == ["missing-glyph"]


def test_two_columns_break_between_phrases(main_style, fonts):
    text = "春耕备耕正当时 智慧农机下田来"
    units, _ = vertical_units(text, main_style, fonts)
    lines = arrange(units, text, main_style, 10 * 36.0)
    assert [line.text for line in lines] == ["春耕备耕正当时", "智慧农机下田来"]


def test_more_columns_are_evened_out(main_style, fonts):
    text = "这是一个没有任何标点的很长的标题需要分成几列来排"
    units, _ = vertical_units(text, main_style, fonts)
    greedy = break_columns(units, 10 * 36.0, 36.0, tracking=main_style.tracking)
    even = arrange(units, text, main_style, 10 * 36.0)
    assert len(even) == len(greedy) == 3
    lengths = [len(line.units) for line in even]
    assert max(lengths) - min(lengths) <= 1
    assert "".join(line.text for line in even) == text


@pytest.mark.parametrize("align", ["left", "center", "right", "distribute"])
def test_a_column_is_aligned_in_the_group_height(main_style, fonts, align):
    units, _ = vertical_units("活水奔涌", main_style, fonts)
    line = VerticalLine(units, 20.0)
    runs = column_runs(line, 100.0, 0.0, main_style, height=200.0, align=align)
    tops = [run.y + g.y - 0.88 * 20.0 for run in runs for g in run.glyphs]
    first, last_foot = tops[0], tops[-1] + 20.0
    expected = {"left": (0.0, 80.0), "center": (60.0, 140.0), "right": (120.0, 200.0),
                "distribute": (0.0, 200.0)}[align]
    assert abs(first - expected[0]) < 0.01 and abs(last_foot - expected[1]) < 0.01


ALPHABET = "创新发展春耕活水的了，。、：；！？“”（）《》——……AaBbZz0123456789.% \u3000"


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=40),
       height_em=st.integers(min_value=0, max_value=12))
def test_breaking_keeps_every_character_and_its_text(layout, fonts, text, height_em):
    style = layout.style("headline-2")
    units, _ = vertical_units(text, style, fonts)
    assert "".join(u.text for u in units) == text
    for unit in units:                      # the glyphs' texts are the unit's text
        assert "".join(g.text for g in unit.glyphs) in ("", unit.text)
    lines = break_columns(units, height_em * 24.0, 24.0, tracking=style.tracking)
    kept = "".join(line.text for line in lines)
    assert kept.replace(" ", "").replace("\u3000", "") == \
        text.replace(" ", "").replace("\u3000", "")
    for line in lines:
        runs = column_runs(line, 0.0, 0.0, style)
        ys = [r.y + g.y for r in runs for g in r.glyphs]
        assert ys == sorted(ys)


@pytest.mark.parametrize("role_style", ["headline-1", "kicker"])
def test_adjacent_marks_are_compressed_without_their_ink_touching(layout, fonts, role_style):
    from typeset.fonts import load_face

    style = layout.style(role_style)
    text = "说“好”，（新）。"
    full, _ = vertical_units(text, style, fonts, "quanshen")
    tight, _ = vertical_units(text, style, fonts, "quanjiao")
    assert [u.advance for u in full] == [1.0] * len(text)
    advances = {u.text: u.advance for u in tight}
    assert advances["”"] == 0.5 and advances["）"] == 0.5      # pairs ”， and ）。 take 1.5 em
    assert advances["，"] == 0.5 and advances["说"] == 1.0       # ，（ too; ideographs stay 1 em
    line = VerticalLine(tuple(tight), 20.0)
    boxes = []
    for run in column_runs(line, 0.0, 0.0, style):
        face = load_face(run.face.path, run.face.index)
        for g in run.glyphs:
            _, y0, _, y1 = face.ink_box(g.gid)
            boxes.append((run.y + g.y - y1 * run.size / face.upem,
                          run.y + g.y - y0 * run.size / face.upem))
    for (_top_a, foot_a), (top_b, _) in zip(boxes, boxes[1:]):
        assert foot_a <= top_b + 0.01                          # ink never overlaps down the column


def test_kaiming_halves_every_mark_but_the_full_stops(main_style, fonts):
    units, _ = vertical_units("好，新。“活”", main_style, fonts, "kaiming")
    advances = [u.advance for u in units]
    assert advances == [1.0, 0.5, 1.0, 1.0, 0.5, 1.0, 0.5]
