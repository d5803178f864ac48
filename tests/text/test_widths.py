"""Punctuation widths and compression (cjk-rules.md §b), CJK–Latin spacing (§d) and line
adjustment (§c) measured on the test font: widths in em (1 em = 10 pt)."""

from __future__ import annotations

import pytest

from testbook import EM, setp

from typeset.model.story import Run

WIDE = 100   # a measure no test text reaches: every text is one (last, ragged) line


def width(book, text, **rules) -> float:
    """Natural width in em of `text` set on one ragged line (mid-line marks are followed by 乙
    so that no mark stands at the line end)."""
    para = setp(book, text, WIDE, **rules)
    assert len(para.lines) == 1
    return round(para.lines[0].natural / EM, 4)


# (pair, em) — §b.4: two adjacent 1-em marks are set in 1.5 em; ？！ in 1 em (GB §5.1.2)
PAIRS = [
    ("。”", 1.5), ("”，", 1.5), ("：“", 1.5), ("）。", 1.5), ("（“", 1.5), ("”“", 1.5),
    ("。」", 1.5), ("，“", 1.5), ("》、《", 2.0), ("？！", 1.0), ("！！！", 2.0), ("？！”", 2.0),
    ("”。", 1.5), ("、“", 1.5), ("》，", 1.5),
]


@pytest.mark.parametrize("pair,em", PAIRS, ids=[p for p, _ in PAIRS])
def test_b4_adjacent_marks_compressed(book, pair, em):
    assert width(book, f"甲{pair}乙") == pytest.approx(2 + em)


@pytest.mark.parametrize("pair,em", PAIRS, ids=[p for p, _ in PAIRS])
def test_b4_same_widths_from_ink_boxes_without_halt(book_nohalt, pair, em):
    assert width(book_nohalt, f"甲{pair}乙") == pytest.approx(2 + em)


@pytest.mark.parametrize("pair", ["。”", "：“", "》、《", "？！"])
def test_b5_quanshen_no_compression(book, pair):
    assert width(book, f"甲{pair}乙", punctuation="quanshen") == pytest.approx(2 + len(pair))


@pytest.mark.parametrize("text,em", [("甲，乙。丙", 4.5), ("甲“乙”丙", 4.0), ("甲、乙！丙", 4.5),
                                      ("甲。”乙", 3.5)])
def test_b5_kaiming_half_width_except_full_stops(book, text, em):
    assert width(book, text, punctuation="kaiming") == pytest.approx(em)


def test_b1_interpunct_half_em(book):
    assert width(book, "甲·乙") == pytest.approx(2.5)


def test_b1_dash_and_ellipsis_two_em(book):
    assert width(book, "甲——乙") == pytest.approx(4.0)
    assert width(book, "甲……乙") == pytest.approx(4.0)


def test_b2_line_end_mark_half_em(book):
    # the paragraph's last line ends with 。: it takes ½ em there too (GB §5.1.10)
    assert width(book, "甲乙。") == pytest.approx(2.5)
    assert width(book, "甲乙。", punctuation="quanshen") == pytest.approx(3.0)


def test_b2_justified_line_end_mark_is_flush(book):
    para = setp(book, "甲乙丙丁，戊己庚辛壬", 5)
    first = para.lines[0]
    assert first.text == "甲乙丙丁，"
    comma = first.runs[-1].glyphs[-1]
    # the comma's ½-em glyph box ends exactly at the measure
    assert first.runs[-1].x + comma.x + 0.5 * EM == pytest.approx(5 * EM)
    assert first.natural == pytest.approx(5 * EM)


# -- §d CJK–Latin spacing --------------------------------------------------------------------------
@pytest.mark.parametrize("text,em", [
    ("甲A乙", 1 + 0.25 + 0.5 + 0.25 + 1),     # ¼ em each side
    ("甲，A", 1 + 1 + 0.5),                    # none next to CJK punctuation
    ("（A）", 1 + 0.5 + 0.5),                  # none inside brackets (and ） at line end ½)
    ("A甲", 0.5 + 0.25 + 1),
    ("2025年", 2 + 0.25 + 1),
    ("30%甲", 1.5 + 1),                        # only letters/digits take the gap: none after %
    ("记者 王勇", 2 + 0.25 + 2),              # a typed space is kept as a word space
])
def test_d_cjk_latin_space(book, text, em):
    assert width(book, text) == pytest.approx(em)


def test_d_compact_numerals_house_option(book):
    # numeral → 月/日 loses the gap; 月 → numeral keeps it
    assert width(book, "3月5日", compact_numerals=True) == pytest.approx(0.5 + 1 + 0.25 + 0.5 + 1)
    assert width(book, "3月5日") == pytest.approx(0.5 + 0.25 + 1 + 0.25 + 0.5 + 0.25 + 1)


def test_d_no_space_at_line_edges(book):
    para = setp(book, "甲乙丙丁AB戊", 5, avoid_orphan=False)
    assert [line.text for line in para.lines] == ["甲乙丙丁", "AB戊"]
    assert para.lines[1].runs[0].x == 0.0


def test_d_cjk_latin_space_shrinks_for_push_in(book):
    # 甲乙 ¼ AB ¼ 丙丁 = 5.5 em, + 。 at the line end ½ = 6; both ¼-em gaps shrink to ⅛
    para = setp(book, "甲乙AB丙丁。戊己", 5.75, avoid_orphan=False)
    assert [line.text for line in para.lines] == ["甲乙AB丙丁。", "戊己"]
    assert para.lines[0].natural == pytest.approx(57.5)
    xs = glyph_xs(para.lines[0])
    assert xs[2] - xs[1] == pytest.approx(10 + 1.25)       # 乙 + ⅛ em before A


# -- §c line adjustment --------------------------------------------------------------------------
def glyph_xs(line):
    return [run.x + g.x for run in line.runs for g in run.glyphs]


def test_c1_grid_holds_for_pure_ideographs(book):
    para = setp(book, "甲乙丙丁戊己庚辛壬癸" * 3, 13)
    for line in para.lines[:-1]:
        assert glyph_xs(line) == [pytest.approx(i * EM) for i in range(13)]


def test_c4_push_out_line_is_spread_evenly(book):
    para = setp(book, "甲乙丙丁戊。己庚", 5, avoid_orphan=False)
    xs = glyph_xs(para.lines[0])
    steps = [b - a for a, b in zip(xs, xs[1:])]
    assert steps == [pytest.approx(EM * 4 / 3, abs=0.002)] * 3   # 1 em spread over 3 gaps
    assert xs[-1] + EM == pytest.approx(5 * EM)


def test_c4_no_stretch_inside_latin_words(book):
    para = setp(book, "甲乙ABCD丙丁戊己庚辛壬", 5, avoid_orphan=False)
    first = para.lines[0]
    assert first.text == "甲乙ABCD"
    xs = glyph_xs(first)
    assert [b - a for a, b in zip(xs[2:], xs[3:])] == [pytest.approx(5.0)] * 3


def test_c3_never_negative_spacing_between_ideographs(book):
    para = setp(book, "甲，乙，丙丁。戊", 5, avoid_orphan=False)
    xs = glyph_xs(para.lines[0])
    assert all(b - a >= 4.999 for a, b in zip(xs, xs[1:]))


def test_c6_last_line_flush_left_not_justified(book):
    para = setp(book, "甲乙丙丁戊己庚", 5)
    assert glyph_xs(para.lines[-1]) == [0.0, 10.0]


@pytest.mark.parametrize("align,x", [("left", 0.0), ("center", 15.0), ("right", 30.0)])
def test_c6_single_line_alignment(book, align, x):
    para = setp(book, "甲乙", 5, align=align)
    assert para.lines[0].runs[0].x == pytest.approx(x)


def test_c6_distribute_spreads_a_single_line(book):
    para = setp(book, "甲乙丙", 5, align="distribute")
    assert glyph_xs(para.lines[0]) == [0.0, 20.0, 40.0]


# -- faces, coverage, runs --------------------------------------------------------------------------
def test_fallback_face_for_characters_the_main_face_lacks(book):
    para = setp(book, "甲é乙", 10)
    faces = [run.face.name for run in para.lines[0].runs]
    assert any("TestExtra" in name for name in faces)
    assert para.diagnostics == ()


def test_uncovered_character_is_reported_and_kept(book):
    para = setp(book, "甲\U0001F600乙", 10)
    assert para.lines[0].text == "甲\U0001F600乙"
    codes = [d.code for d in para.diagnostics]
    assert codes == ["missing-glyph"]
    assert "U+1F600" in para.diagnostics[0].message


def test_emphasis_runs_keep_their_flag_and_text(book):
    para = setp(book, [Run("本报讯", True), Run(" 甲乙丙丁")], 20)
    runs = para.lines[0].runs
    assert runs[0].emphasis and runs[0].text == "本报讯"
    assert "".join(r.text for r in runs) == "本报讯 甲乙丙丁"


def test_glyph_texts_cover_the_line_text(book):
    para = setp(book, "他说：“PM2.5下降——好……”", 8)
    for line in para.lines:
        assert "".join(g.text for run in line.runs for g in run.glyphs) == line.text


def test_rules_from_mapping_rejects_unknown_keys():
    from typeset.text import CompositionRules
    with pytest.raises(ValueError, match="kinsok.*valid settings"):
        CompositionRules.from_mapping({"kinsok": "basic"})
    with pytest.raises(ValueError, match="kinsoku"):
        CompositionRules.from_mapping({"kinsoku": "loose"})
    assert CompositionRules.from_mapping({"kinsoku": "strict"}).kinsoku == "strict"
    with pytest.raises(TypeError):
        CompositionRules(nonsense=1)
