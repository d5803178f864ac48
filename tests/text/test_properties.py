"""Properties over random Chinese/mixed text and measures (hypothesis): nothing is lost, no
prohibited line start or end unless reported, every line within its measure or reported
overfull, never negative spacing between ideographs, deterministic output.

The 避头尾 oracle here is written from cjk-rules.md §a directly (not from typeset.text.classes).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testbook import EM, style

from typeset.model.story import Run
from typeset.text import CompositionRules
from typeset.linebreak.paragraph import set_paragraph

NO_START = set("。．，、；：？！”’」』）〕】〗］｝》〉～·／％℃,.;:?!)]}%\u3000")
NO_END = set("“‘「『（〔【〖［｛《〈／￥([{")
IDEOGRAPHS = "中国人民日报新闻记者发展经济城市"
ALPHABET = st.sampled_from(
    list(IDEOGRAPHS * 4) + list("。，、；：？！“”‘’（）《》〈〉「」…—·／～％℃￥\u3000")
    + ["——", "……", "GDP", "PM2.5", "2025", "3.5", " ", "ab", "30%", "https://x.cn/a/b"])
TEXTS = st.lists(ALPHABET, min_size=1, max_size=60).map("".join)
RULES = st.builds(CompositionRules, kinsoku=st.sampled_from(["basic", "strict"]),
                  punctuation=st.sampled_from(["quanjiao", "kaiming", "quanshen"]),
                  optimal=st.booleans(), avoid_orphan=st.booleans(), hanging=st.booleans())
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def compose(book, text, measure_em, rules, indent=0.0):
    return set_paragraph.uncached([Run(text)], style(indent), book, measure_em * EM, rules)


def reported_lines(para, code):
    return {dict(d.data).get("line") for d in para.diagnostics if d.code == code}


@SETTINGS
@given(text=TEXTS, measure=st.integers(2, 20), rules=RULES, indent=st.sampled_from([0.0, 2.0]))
def test_nothing_lost_and_lines_are_source_slices(book, text, measure, rules, indent):
    para = compose(book, text, measure, rules, indent)
    assert "".join(line.text for line in para.lines) == text
    pos = 0
    for line in para.lines:
        assert line.start == pos and text[line.start:line.end] == line.text
        pos = line.end
    assert [line.last for line in para.lines] == [False] * (len(para.lines) - 1) + [True]


@SETTINGS
@given(text=TEXTS, measure=st.integers(3, 20), rules=RULES)
def test_no_prohibited_line_start_or_end_unless_reported(book, text, measure, rules):
    para = compose(book, text, measure, rules)
    forced = reported_lines(para, "kinsoku-forced") | reported_lines(para, "word-broken")
    for number, (line, nxt) in enumerate(zip(para.lines, para.lines[1:]), 1):
        if number in forced:
            continue
        end = line.text.rstrip(" ")
        start = nxt.text
        assert start[:1] not in NO_START, (line.text, nxt.text)
        assert end[-1:] not in NO_END, (line.text, nxt.text)
        assert not (end[-1:].isascii() and end[-1:].isalnum() and start[:1].isascii()
                    and start[:1].isalnum()), (line.text, nxt.text)
        assert not (end.endswith("—") and start.startswith("—")), "—— split"
        assert not (end.endswith("…") and start.startswith("…")), "…… split"
        if rules.kinsoku == "strict":
            assert not start.startswith(("——", "……")), (line.text, nxt.text)


@SETTINGS
@given(text=TEXTS, measure=st.integers(2, 20), rules=RULES)
def test_every_line_within_measure_or_reported(book, text, measure, rules):
    para = compose(book, text, measure, rules)
    overfull = reported_lines(para, "overfull")
    for number, line in enumerate(para.lines, 1):
        if line.overfull > 0:
            assert number in overfull
        else:
            assert line.natural <= measure * EM + 0.01


@SETTINGS
@given(text=TEXTS, measure=st.integers(3, 20), rules=RULES)
def test_never_negative_spacing_between_ideographs(book, text, measure, rules):
    para = compose(book, text, measure, rules)
    for line in para.lines:
        placed = [(run.x + g.x, g.text) for run in line.runs for g in run.glyphs]
        for (x0, a), (x1, b) in zip(placed, placed[1:]):
            if a and b and a in IDEOGRAPHS and b in IDEOGRAPHS:
                assert x1 - x0 >= EM - 0.002


@SETTINGS
@given(text=TEXTS, measure=st.integers(2, 20), rules=RULES)
def test_deterministic(book, text, measure, rules):
    assert compose(book, text, measure, rules) == compose(book, text, measure, rules)


@SETTINGS
@given(n=st.integers(1, 80), measure=st.integers(3, 20))
def test_pure_ideographs_are_the_grid_fill(book, n, measure):
    text = (IDEOGRAPHS * 6)[:n]
    para = compose(book, text, measure, CompositionRules(avoid_orphan=False))
    expected = [text[i:i + measure] for i in range(0, n, measure)]
    assert [line.text for line in para.lines] == expected
