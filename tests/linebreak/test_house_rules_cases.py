"""House rules of news desks (issue 16) as exact breaks on the monospace test font
(ideograph 1 em, Latin letters and digits ½ em): (case, text, measure em, rules) → lines.

Each case shows one rule: with the rule the unit stays whole, and the `*-without` twin shows
where the basic level alone would break. The digit space is 0 (the shipped layouts' 人民日报
style) and orphan control off, so that widths read as character counts; loose_limit is 1 em
so that no spacing cost interferes (the spacing trade-offs have their own tests below).
"""

from __future__ import annotations

import pytest

from testbook import lines, setp

BASE = {"cjk_digit_space": 0, "avoid_orphan": False, "loose_limit": 1.0}
OFF = {**BASE, "keep_units": False}

CASES = [
    # number + unit or quantifier
    ("decimal-with-yi-yuan", "甲乙丙丁3.5亿元", 6, BASE, ["甲乙丙丁", "3.5亿元"]),
    ("decimal-with-yi-yuan-without", "甲乙丙丁3.5亿元", 6, OFF, ["甲乙丙丁3.5", "亿元"]),
    ("big-decimal-1220.3-yi-yuan", "甲乙丙1220.3亿元", 7, BASE, ["甲乙丙", "1220.3亿元"]),
    ("big-decimal-1220.3-yi", "甲乙丙丁1220.3亿", 7, BASE, ["甲乙丙丁", "1220.3亿"]),
    ("big-decimal-1220.3-yi-without", "甲乙丙丁1220.3亿", 7, OFF, ["甲乙丙丁1220.3", "亿"]),
    ("wan", "甲乙丙丁4.3万人", 6, BASE, ["甲乙丙丁", "4.3万人"]),
    ("wan-without", "甲乙丙丁4.3万人", 6, OFF, ["甲乙丙丁4.3", "万人"]),
    ("two-character-unit-zhounian", "甲乙丙丁20周年", 6, BASE, ["甲乙丙丁", "20周年"]),
    ("two-character-unit-without", "甲乙丙丁20周年", 6, OFF, ["甲乙丙丁20周", "年"]),
    ("kilovolt", "甲乙丙丁230千伏", 6, BASE, ["甲乙丙丁", "230千伏"]),
    ("approximate-yu", "甲乙丙丁20余人", 6, BASE, ["甲乙丙丁", "20余人"]),
    ("measure-word-chang", "甲乙丙丁120余场", 7, BASE, ["甲乙丙丁", "120余场"]),
    # dates
    ("month-day", "甲乙丙丁戊3月5日", 6, BASE, ["甲乙丙丁戊", "3月5日"]),
    ("month-day-without", "甲乙丙丁戊3月5日", 6, OFF, ["甲乙丙丁戊3", "月5日"]),
    ("month-day-two-digits", "甲乙丙丁3月15日", 6, BASE, ["甲乙丙丁", "3月15日"]),
    # full-width digit runs
    ("fullwidth-decimal", "甲乙丙丁３．５亿", 6, BASE, ["甲乙丙丁", "３．５亿"]),
    ("fullwidth-decimal-without", "甲乙丙丁３．５亿", 6, OFF, ["甲乙丙丁３．", "５亿"]),
    # datelines: break between the place and the date, or after 电
    ("dateline-place-date", "新华社哈瓦那1月12日电古巴", 10, BASE,
     ["新华社哈瓦那", "1月12日电古巴"]),
    ("dateline-place-date-without", "新华社哈瓦那1月12日电古巴", 10, OFF,
     ["新华社哈瓦那1月12日", "电古巴"]),
    ("dateline-with-ju", "据新华社哈拉雷1月13日电", 8, BASE, ["据新华社哈拉雷", "1月13日电"]),
    ("dateline-breaks-after-dian", "新华社北京3月5日电甲乙丙丁", 9, BASE,
     ["新华社北京3月5日电", "甲乙丙丁"]),
    ("dateline-agency-with-place", "甲乙丙丁戊己新华社北京3月5日电", 9, BASE,
     ["甲乙丙丁戊己", "新华社北京3月5日电"]),
    # bylines and credits
    ("parenthesised-byline", "甲乙丙丁（于健、付磊）", 8, BASE, ["甲乙丙丁", "（于健、付磊）"]),
    ("parenthesised-byline-without", "甲乙丙丁（于健、付磊）", 8, OFF,
     ["甲乙丙丁（于健、", "付磊）"]),
    ("parenthesis-with-digits-not-a-byline", "甲乙丙丁（共12个项目）", 8, BASE,
     ["甲乙丙丁（共12个", "项目）"]),
    ("parenthesised-range-kept-as-a-range", "甲乙丙丁（2026—2028年）", 8, BASE,
     ["甲乙丙丁", "（2026—2028年）"]),
    ("photo-credit", "甲乙丙丁本报记者　张秀丽　摄", 12, BASE, ["甲乙丙丁", "本报记者　张秀丽　摄"]),
    ("photo-credit-without", "甲乙丙丁本报记者　张秀丽　摄", 12, OFF,
     ["甲乙丙丁本报记者　张秀丽　", "摄"]),
    ("photo-credit-two-names", "甲乙丙丁戊本报记者　张秀丽　李明　摄", 14, BASE,
     ["甲乙丙丁戊", "本报记者　张秀丽　李明　摄"]),
    ("fullwidth-decimal-in-text", "甲乙丙丁戊增长３．５个百分点", 10, BASE,
     ["甲乙丙丁戊增长", "３．５个百分点"]),
    ("parenthesised-byline-with-title", "甲乙丙丁戊（记者　于健　付磊）", 10, BASE,
     ["甲乙丙丁戊", "（记者　于健　付磊）"]),
    ("dateline-place-date-long", "新华社哈瓦那1月12日电（记者高山）", 10, BASE,
     ["新华社哈瓦那", "1月12日电（记者高山）"]),
    # Latin words and URLs
    # credits without a title, jump labels typed in the copy, ranges, magnitude + unit
    ("credit-name-only", "甲乙丙丁戊郭苑甫　摄", 8, BASE, ["甲乙丙丁戊", "郭苑甫　摄"]),
    ("credit-name-only-without", "甲乙丙丁戊郭苑甫　摄", 8, OFF, ["甲乙丙丁戊郭苑甫　", "摄"]),
    ("credit-agency", "甲乙丙丁新华社记者　王勇　摄", 10, BASE,
     ["甲乙丙丁", "新华社记者　王勇　摄"]),
    ("shooting-is-a-word-not-a-credit", "甲乙丙丁戊己拍摄庚辛", 7, BASE,
     ["甲乙丙丁戊己拍", "摄庚辛"]),
    ("jump-label", "甲乙丙丁戊（转第3版）", 8, BASE, ["甲乙丙丁戊", "（转第3版）"]),
    ("jump-label-without", "甲乙丙丁戊（转第3版）", 8, OFF, ["甲乙丙丁戊（转第", "3版）"]),
    ("jump-label-down", "甲乙丙丁戊己（下转第12版）", 9, BASE,
     ["甲乙丙丁戊己", "（下转第12版）"]),
    ("range-percent", "甲乙丙丁63%～68%", 7, BASE, ["甲乙丙丁", "63%～68%"]),
    ("range-percent-without", "甲乙丙丁63%～68%", 7, OFF, ["甲乙丙丁63%～", "68%"]),
    ("range-years", "甲乙丙丁2026—2028年", 7, BASE, ["甲乙丙丁", "2026—2028年"]),
    ("range-pages", "甲乙丙丁400—429页", 7, BASE, ["甲乙丙丁", "400—429页"]),
    ("range-small", "甲乙丙丁3～5年", 6, BASE, ["甲乙丙丁", "3～5年"]),
    ("magnitude-and-unit", "甲乙丙丁9.5万平方米", 7, BASE, ["甲乙丙丁", "9.5万平方米"]),
    ("magnitude-and-unit-without", "甲乙丙丁9.5万平方米", 7, OFF, ["甲乙丙丁9.5万", "平方米"]),
    ("source-benbaoxun", "甲乙丙丁戊本报讯", 6, BASE, ["甲乙丙丁戊", "本报讯"]),
    ("source-benbaoxun-without", "甲乙丙丁戊本报讯", 6, OFF, ["甲乙丙丁戊本", "报讯"]),
    ("source-agency", "甲乙丙丁新华社发", 6, BASE, ["甲乙丙丁", "新华社发"]),
    ("long-parenthesised-byline", "甲乙丙丁（记者　王勇　通讯员　李明）", 16, BASE,
     ["甲乙丙丁", "（记者　王勇　通讯员　李明）"]),
    ("hour-minute", "甲乙丙丁15时30分", 6, BASE, ["甲乙丙丁", "15时30分"]),
    ("hour-minute-without", "甲乙丙丁15时30分", 6, OFF, ["甲乙丙丁15时", "30分"]),
    ("ordinal", "甲乙丙丁第12届", 6, BASE, ["甲乙丙丁", "第12届"]),
    ("ordinal-without", "甲乙丙丁第12届", 6, OFF, ["甲乙丙丁第12", "届"]),
    ("year-may-end-a-line", "甲乙丙丁2026年3月5日", 7, BASE, ["甲乙丙丁2026年", "3月5日"]),
    ("latin-word-whole", "甲乙丙丁戊Typst", 7, BASE, ["甲乙丙丁戊", "Typst"]),
    ("email-breaks-after-at", "甲乙丙editor@example.com丁", 8, BASE,
     ["甲乙丙editor@", "example.com丁"]),
    ("url-breaks-after-dot-or-slash", "甲www.example.com/news乙", 6, BASE,
     ["甲www.", "example.com/", "news乙"]),
]


@pytest.mark.parametrize("text,measure,rules,expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_house_case(book, text, measure, rules, expected):
    assert lines(book, text, measure, **rules) == expected


# -- spacing first: house rules are costs ---------------------------------------------------------
def test_a_unit_is_broken_rather_than_letter_spacing_a_line(book):
    # keeping 3.5亿元 whole would leave 甲乙 alone on a 6-em line (2 em between two
    # characters): the house rule gives way, the line stays within the loose limit
    got = lines(book, "甲乙3.5亿元丙丁戊己庚", 6, cjk_digit_space=0, avoid_orphan=False)
    assert got[0] != "甲乙"
    assert "".join(got) == "甲乙3.5亿元丙丁戊己庚"


def test_ellipsis_never_alone_on_the_last_line(book):
    # …… alone counts as a 孤字, and so does 甲……: two characters go down (0.2 em between
    # the characters of the line before, allowed by a 0.25-em limit)
    text = "子丑寅卯辰巳午未申酉戌亥甲" + "……"
    assert lines(book, text, 13, avoid_orphan=False) == ["子丑寅卯辰巳午未申酉戌亥甲", "……"]
    assert lines(book, text, 13, loose_limit=0.25) == ["子丑寅卯辰巳午未申酉戌", "亥甲……"]


def test_strict_keeps_ellipsis_and_dash_off_a_line_start_but_not_the_paragraph_start(book):
    assert lines(book, "甲乙丙丁戊……己", 5, kinsoku="strict", avoid_orphan=False,
                 loose_limit=1.0) == ["甲乙丙丁", "戊……己"]
    assert lines(book, "——甲乙丙", 5, kinsoku="strict") == ["——甲乙丙"]


def test_no_loose_line_when_breaks_elsewhere_avoid_it(book):
    # the grid fill pushes 1300余条 down and leaves 9 characters spaced 0.5 em; moving the
    # breaks of the lines before it keeps every gap within 0.15 em
    text = "子丑寅卯辰巳午未申酉戌亥，甲乙丙丁戊己庚辛壬癸子丑寅卯辰1300余条意见全部纳入设计方案"
    para = setp(book, text, 13, cjk_digit_space=0)
    assert "".join(line.text for line in para.lines) == text
    for line in para.lines[:-1]:
        xs = [g.x for run in line.runs for g in run.glyphs]
        gaps = [b - a - 10.0 for a, b in zip(xs, xs[1:])]
        assert max(gaps) <= 1.5 + 1e-6, line.text       # ≤ 0.15 em of the 10-pt test size


# -- digit and Latin spacing -------------------------------------------------------------------
def _width(book, text, **rules):
    return setp(book, text, 40, align="left", **rules).lines[0].natural / 10


def test_digit_space_is_its_own_setting(book):
    assert _width(book, "3月5日", cjk_digit_space=0) == pytest.approx(0.5 + 1 + 0.5 + 1)
    assert _width(book, "3月5日") == pytest.approx(0.5 + 0.25 + 1 + 0.25 + 0.5 + 0.25 + 1)
    assert _width(book, "A甲", cjk_digit_space=0) == pytest.approx(0.5 + 0.25 + 1)


def test_a_word_with_a_letter_keeps_the_latin_space_on_both_sides(book):
    # 建5G基: one space kind for the whole word, not 0 before 5 and ¼ em after G
    assert _width(book, "建5G基", cjk_digit_space=0) == pytest.approx(1 + 0.25 + 1 + 0.25 + 1)


def test_a_range_or_a_magnitude_that_must_break_breaks_at_its_seam(book):
    # kept whole, the line before would be spaced out: the unit is broken, and where it is
    # broken at all, at its seam (after the range's connector, between 万 and 平方米), never
    # between a number and its unit
    ranged = lines(book, "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸规划期为子2026—2028年，"
                         "甲乙丙丁戊己庚辛壬癸。", 10, cjk_digit_space=0)
    assert any(line.endswith("2026—") for line in ranged)
    area = lines(book, "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸新馆面积达4.2万平方米，"
                       "甲乙丙丁戊己庚辛壬癸。", 10, cjk_digit_space=0)
    assert any(line.endswith("4.2万") for line in area)
    assert not any(line.endswith(("4.2", "4.2万平", "4.2万平方")) for line in area)
