"""Exact breaks on the monospace test font (ideograph 1 em, marks 1 em with a ½-em blank,
Latin 0.5 em), texlib style: (case, text, measure em, rules) → expected lines.

Each case is derived by hand from cjk-rules.md (section in the id): grid fill at nominal
widths; a prohibited mark at a line start is pulled in by compression when that fits
(先挤进), else the last unit is pushed down (后推出). Orphan avoidance is off in the break
tables (it has its own cases) so that each case shows one rule.
"""

from __future__ import annotations

import pytest

from testbook import lines, setp

NO_START_HALVABLE = "。．，、；：？！”’」』）〕】〗］｝》〉"
NO_START_HALF_EM = "·"             # ½ em nominal: fits after one compressed comma
NO_START_FULL = "～〜％‰℃々"         # 1 em, no blank: push-in impossible → push-out
NO_END = "“‘「『（〔【〖［｛《〈￥＄"


# -- a.1 line-start prohibited: every mark, push-out and push-in ------------------------------
@pytest.mark.parametrize("mark", list(NO_START_HALVABLE + NO_START_HALF_EM + "／" + NO_START_FULL))
def test_a1_no_start_push_out(book, mark):
    # 甲乙丙丁戊 fill 5 em; the mark may not start line 2 and nothing can be compressed.
    assert lines(book, f"甲乙丙丁戊{mark}己庚", 5, avoid_orphan=False) == ["甲乙丙丁", f"戊{mark}己庚"]


@pytest.mark.parametrize("mark", list(NO_START_HALVABLE + NO_START_HALF_EM))
def test_a1_no_start_push_in(book, mark):
    # the comma gives up ½ em, the line-end mark takes ½ em (GB §5.1.10): the mark is pulled in
    assert lines(book, f"甲，乙丙丁{mark}己庚", 5, avoid_orphan=False) == [f"甲，乙丙丁{mark}", "己庚"]


@pytest.mark.parametrize("mark", list(NO_START_FULL))
def test_a1_full_width_non_starter_cannot_be_pushed_in(book, mark):
    assert lines(book, f"甲，乙丙丁{mark}己庚", 5, avoid_orphan=False) == ["甲，乙丙", f"丁{mark}己庚"]


# -- a.2 line-end prohibited --------------------------------------------------------------------
@pytest.mark.parametrize("mark", list(NO_END))
def test_a2_no_end_pushes_the_opening_mark_down(book, mark):
    assert lines(book, f"甲乙丙丁{mark}戊己", 5, avoid_orphan=False) == ["甲乙丙丁", f"{mark}戊己"]


# -- a.3 inseparable sequences and a.5 levels ---------------------------------------------------
CASES = [
    # id, text, measure, rules, expected
    ("a3-dash-may-start-line-basic", "甲乙丙丁——戊己", 5, {}, ["甲乙丙丁", "——戊己"]),
    ("a5-dash-not-at-start-strict", "甲乙丙丁——戊己", 5, {"kinsoku": "strict"},
     ["甲乙丙", "丁——戊己"]),
    ("a3-ellipsis-may-start-line-basic", "甲乙丙丁……戊己", 5, {}, ["甲乙丙丁", "……戊己"]),
    ("a5-ellipsis-not-at-start-strict", "甲乙丙丁……戊己", 5, {"kinsoku": "strict"},
     ["甲乙丙", "丁……戊己"]),
    ("a3-dash-never-split", "甲乙丙丁戊——己", 6, {}, ["甲乙丙丁戊", "——己"]),
    ("a3-ellipsis-never-split", "甲乙丙丁戊……己", 6, {}, ["甲乙丙丁戊", "……己"]),
    ("a3-dash-ends-line", "甲乙丙——丁戊", 5, {}, ["甲乙丙——", "丁戊"]),
    ("a3-two-em-dash-char", "甲乙丙丁⸺戊己", 5, {"kinsoku": "strict"}, ["甲乙丙", "丁⸺戊己"]),
    ("a5-strict-paragraph-may-open-with-dash", "——甲乙丙丁戊己", 5, {"kinsoku": "strict"},
     ["——甲乙丙", "丁戊己"]),
    ("a1-single-dash-connector-not-at-start", "甲乙丙丁戊—己庚", 5, {}, ["甲乙丙丁", "戊—己庚"]),
    ("a1-single-dash-may-end-line", "甲乙丙丁—戊己", 5, {}, ["甲乙丙丁—", "戊己"]),
    ("a3-year-range-connector", "甲乙1896—1925", 5, {}, ["甲乙", "1896—1925"]),
    ("a3-number-unbroken", "甲乙丙1234567戊", 5, {}, ["甲乙丙", "1234567戊"]),
    ("a3-decimal-unbroken", "甲乙丙丁3.14", 5, {}, ["甲乙丙丁", "3.14"]),
    ("a3-thousands-comma-unbroken", "甲乙丙1,234戊", 5, {}, ["甲乙丙", "1,234戊"]),
    ("a3-signed-number", "甲乙丙丁-12.5", 5, {}, ["甲乙丙丁", "-12.5"]),
    ("a3-ascii-percent-bound", "甲乙丙丁30%", 5, {}, ["甲乙丙丁", "30%"]),
    ("a3-fullwidth-percent-bound", "甲乙丙8.6％", 5, {}, ["甲乙丙", "8.6％"]),
    ("a3-celsius-bound", "甲乙丙3.5℃", 5, {}, ["甲乙丙", "3.5℃"]),
    ("a3-yuan-sign-bound", "甲乙丙丁￥12.5", 5, {}, ["甲乙丙丁", "￥12.5"]),
    ("a3-acronym-unbroken", "甲乙丙丁GDP", 5, {}, ["甲乙丙丁", "GDP"]),
    ("a3-alphanumeric-pm25", "甲乙丙丁PM2.5", 5, {}, ["甲乙丙丁", "PM2.5"]),
    ("a3-alphanumeric-c919", "甲乙丙丁C919", 5, {}, ["甲乙丙丁", "C919"]),
    ("a3-covid-19-unbroken", "甲乙丙COVID-19", 6, {}, ["甲乙丙", "COVID-19"]),
    ("a3-gbt-slash-inside-word", "甲乙丙丁GB/T", 6, {}, ["甲乙丙丁", "GB/T"]),
    ("a3-wan-may-separate-basic", "甲乙丙3.5万吨", 5, {"keep_units": False},
     ["甲乙丙3.5", "万吨"]),
    ("a3-house-bind-number-wan", "甲乙丙3.5万吨", 5, {"bind_number_units": True,
                                                   "keep_units": False}, ["甲乙丙", "3.5万吨"]),
    ("a3-measure-word-never-bound", "甲乙3.5万吨丙丁", 5, {"bind_number_units": True,
                                                     "keep_units": False},
     ["甲乙3.5万", "吨丙丁"]),
    ("a3-latin-words-break-at-space", "ab cd ef gh", 3, {}, ["ab cd ", "ef gh"]),
    ("a3-fullwidth-alnum-kept-together", "甲乙丙丁ＧＤＰ", 5, {}, ["甲乙丙丁", "ＧＤＰ"]),
    ("a3-word-longer-than-column", "甲乙abcdefghijklmnop丙", 5, {},
     ["甲乙abcde", "fghijklmno", "p丙"]),
    ("a3-url-breaks-after-slash", "甲https://a.b/cde/fgh乙", 6, {},
     ["甲https://", "a.b/cde/fgh", "乙"]),
    ("a3-url-fits-kept-whole", "甲乙丙http://a.cn丁", 8, {}, ["甲乙丙", "http://a.cn丁"]),
    ("a3-email-unbroken", "甲乙丙丁a@b.cn", 5, {}, ["甲乙丙丁", "a@b.cn"]),
    # a.4 where breaks are allowed
    ("a4-after-u3000-not-before", "甲乙丙丁戊　己庚", 5, {}, ["甲乙丙丁戊　", "己庚"]),
    ("a4-u3000-at-line-end-collapses", "甲乙丙丁　戊己", 5, {}, ["甲乙丙丁　", "戊己"]),
    ("a4-credit-u3000", "郭苑甫　摄", 5, {}, ["郭苑甫　摄"]),
    ("a4-between-closing-and-opening", "甲乙丙丁”“戊己", 5, {}, ["甲乙丙丁”", "“戊己"]),
    ("a4-cascade-opening-quote-travels", "甲乙丙说“好”。", 5, {}, ["甲乙丙说", "“好”。"]),
    ("a4-opening-quote-after-full-line", "甲乙丙丁说“好”。", 5, {}, ["甲乙丙丁说", "“好”。"]),
    ("a1-solidus-neither-start-nor-end", "甲，乙丙丁／己庚", 5, {}, ["甲，乙丙", "丁／己庚"]),
    ("a4-cascade-closing-pair", "甲乙丙丁戊’”。己", 5, {}, ["甲乙丙丁", "戊’”。己"]),
    ("a4-nested-quote-open", "甲乙丙丁‘戊’”。己", 5, {}, ["甲乙丙丁", "‘戊’”。己"]),
    ("a4-nested-brackets", "甲乙丙丁（《戊》）己", 5, {}, ["甲乙丙丁", "（《戊》）己"]),
    ("a4-push-out-after-two-commas", "甲，乙，丙’”。丁", 5, {}, ["甲，乙，", "丙’”。丁"]),
    ("a4-space-dropped-at-break-kept-in-text", "甲乙 abc", 3, {}, ["甲乙 ", "abc"]),
    ("a4-zero-width-space-break", "abcd\u200befgh", 3, {}, ["abcd\u200b", "efgh"]),
    ("a4-question-exclaim-pair-at-line-end", "甲乙丙丁？！戊己", 5, {}, ["甲乙丙丁？！", "戊己"]),
    # c.2 push-in / push-out
    ("c2-push-in-with-line-end-halving", "甲乙丙丁，戊己庚辛壬癸", 5, {},
     ["甲乙丙丁，", "戊己庚辛壬", "癸"]),
    ("c2-push-in-by-compressing-comma", "甲，乙丙丁。己庚", 5, {}, ["甲，乙丙丁。", "己庚"]),
    ("c2-push-in-closing-pair", "甲，乙，丙。”戊己", 5, {}, ["甲，乙，丙。”", "戊己"]),
    ("c2-nominal-fill-ends-before-ideograph", "甲，乙，丙丁。”戊己", 5, {}, ["甲，乙，丙", "丁。”戊己"]),
    ("c2-push-out-no-compression", "甲乙丙丁戊。己庚", 5, {}, ["甲乙丙丁", "戊。己庚"]),
    ("c2-full-stop-not-compressed-by-default", "甲。乙丙丁，戊己", 5, {}, ["甲。乙丙", "丁，戊己"]),
    ("c2-full-stop-compressed-when-allowed", "甲。乙丙丁，戊己", 5,
     {"compress_full_stops": True}, ["甲。乙丙丁，", "戊己"]),
    ("c2-long-only-punctuation-line", "。" * 12, 5, {}, ["。" * 9, "。" * 3]),
    ("c5-hanging-stop-mark", "甲乙丙丁戊，己庚", 5, {"hanging": True}, ["甲乙丙丁戊，", "己庚"]),
    ("c5-no-hanging-by-default", "甲乙丙丁戊，己庚", 5, {}, ["甲乙丙丁", "戊，己庚"]),
    # e. paragraphs
    ("e-short-paragraph", "甲乙", 5, {}, ["甲乙"]),
    ("e-exactly-one-line", "甲乙丙丁戊", 5, {}, ["甲乙丙丁戊"]),
    ("e-single-character", "甲", 5, {}, ["甲"]),
    ("e-single-mark", "。", 5, {}, ["。"]),
]


@pytest.mark.parametrize("text,measure,rules,expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_named_case(book, text, measure, rules, expected):
    assert lines(book, text, measure, avoid_orphan=False, **rules) == expected


# -- e. orphans (孤字) ---------------------------------------------------------------------------
ORPHANS = [
    ("orphan-pushed-out", "甲乙丙丁戊己", 5, ["甲乙丙丁", "戊己"]),
    ("orphan-with-mark-pushed-out", "甲乙丙丁戊己。", 5, ["甲乙丙丁", "戊己。"]),
    ("orphan-push-in-first", "甲，乙，丙丁", 5, ["甲，乙，丙丁"]),
    # pushing 丙 down would leave one 1.5-em gap (甲，乙，): a cost higher than the 孤字
    ("orphan-kept-when-the-fix-is-letter-spacing", "甲，乙，丙丁。", 5, ["甲，乙，丙", "丁。"]),
    ("orphan-fix-changes-only-the-end", "子丑寅卯辰巳午未申酉戌", 5, ["子丑寅卯辰", "巳午未申", "酉戌"]),
    ("orphan-two-characters-are-fine", "甲乙丙丁戊己庚", 5, ["甲乙丙丁戊", "己庚"]),
    ("orphan-single-line-paragraph", "甲", 5, ["甲"]),
]


@pytest.mark.parametrize("text,measure,expected", [c[1:] for c in ORPHANS],
                         ids=[c[0] for c in ORPHANS])
def test_orphan(book, text, measure, expected):
    # at 5 em a push-out spaces a line 0.25–0.33 em: allowed here so that the fix shows
    assert lines(book, text, measure, loose_limit=0.5) == expected


def test_orphan_first_fit_mode_also_fixed(book):
    assert lines(book, "甲乙丙丁戊己", 5, optimal=False, loose_limit=0.5) == ["甲乙丙丁", "戊己"]


def test_orphan_is_a_cost_never_letter_spacing(book):
    # issue 16: at 5 em the only fix would space 甲乙丙丁 0.33 em apart: the 孤字 stays
    assert lines(book, "甲乙丙丁戊己", 5) == ["甲乙丙丁戊", "己"]
    # at 13 em pushing one character down costs 1/12 em per gap: fixed
    text = "子丑寅卯辰巳午未申酉戌亥甲乙"
    assert lines(book, text, 13) == ["子丑寅卯辰巳午未申酉戌亥", "甲乙"]


def test_orphan_kept_when_disabled(book):
    assert lines(book, "甲乙丙丁戊己", 5, avoid_orphan=False) == ["甲乙丙丁戊", "己"]


# -- e. indent -----------------------------------------------------------------------------------
def test_first_line_indent_two_em(book):
    para = setp(book, "甲乙丙丁戊己庚辛", 5, indent=2)
    assert [line.text for line in para.lines] == ["甲乙丙", "丁戊己庚辛"]
    assert para.lines[0].runs[0].x == pytest.approx(20.0)


def test_leading_u3000_replaces_automatic_indent(book):
    para = setp(book, "\u3000\u3000甲乙丙丁戊己", 5, indent=2)
    assert [line.text for line in para.lines] == ["\u3000\u3000甲乙丙", "丁戊己"]
    assert para.lines[0].runs[0].x == 0.0


def test_multi_line_grid_fill_exact_breaks(book):
    text = "子丑寅卯辰巳午未，申酉戌亥甲乙丙。丁戊己庚辛壬癸”子丑寅卯辰巳午未申酉戌亥"
    got = lines(book, text, 6)
    # line 4 cannot pull the ” in (nothing to compress): 癸 is pushed down with it
    assert got == ["子丑寅卯辰巳", "午未，申酉戌", "亥甲乙丙。丁", "戊己庚辛壬", "癸”子丑寅卯",
                   "辰巳午未申酉", "戌亥"]
    assert "".join(got) == text


def test_no_single_character_line_to_avoid_an_orphan(book):
    # a loose line before a Latin unit may move, but never to a line that cannot be justified
    got = lines(book, "甲乙丙丁戊己AAAAAAAAAA庚辛壬癸子丑", 6)
    assert all(len(line) > 1 for line in got[:-1])


def test_line_with_only_an_opening_quote_gap_is_still_flush(book):
    para = setp(book, "“12345678甲乙丙", 5, avoid_orphan=False)
    assert para.lines[0].text == "“12345678"
    assert para.lines[0].natural == pytest.approx(50.0)
