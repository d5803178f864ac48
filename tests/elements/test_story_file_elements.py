"""Story-file syntax of issue 17: 提要, 编者按, 署名 beside the end byline, tagline, crossheads,
`{.style}` paragraphs and forced headline breaks, read into the model; bad values at file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.diagnostics import InputError
from typeset.manifest.story_file import read_story

from elements_kit import COPY, story


def _read(tmp_path: Path, text: str):
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    return read_story(path)


def _errors(tmp_path: Path, text: str):
    with pytest.raises(InputError) as info:
        _read(tmp_path, text)
    return info.value.diagnostics


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_summary_as_a_list_of_lines(tmp_path):
    s, warnings = _read(tmp_path, story("""
        headline: 标题
        summary:
          - 一期集聚规上企业37家
          - 审批时限压缩至28个工作日
        """))
    assert s.summary == ("一期集聚规上企业37家", "审批时限压缩至28个工作日") and warnings == []


def test_summary_as_a_string_keeps_its_written_lines(tmp_path):
    s, _ = _read(tmp_path, story('headline: 标题\nsummary: "第一行提要\\n第二行提要"'))
    assert s.summary == ("第一行提要", "第二行提要")
    s, _ = _read(tmp_path, story("headline: 标题\nsummary: 一行提要"))
    assert s.summary == ("一行提要",)


def test_a_summary_line_that_is_not_text_is_an_error_at_its_line(tmp_path):
    text = story("headline: 标题\nsummary:\n  - 第一行\n  - {a: 1}")
    [d] = [d for d in _errors(tmp_path, text) if d.code == "wrong-type"]
    assert d.source.line == _line(text, "{a: 1}") and "summary" in d.message


def test_editor_note_paragraphs_and_the_default_signature(tmp_path):
    s, _ = _read(tmp_path, story("""
        headline: 标题
        editor_note: |
          即日起，本报推出系列报道。
          记录生动实践。

          欢迎读者来信。
        """))
    assert s.editor_note == ("即日起，本报推出系列报道。记录生动实践。", "欢迎读者来信。")
    assert s.editor_note_signature == "编 者"


def test_editor_note_signature_as_written_or_none(tmp_path):
    s, _ = _read(tmp_path, story("headline: 标题\neditor_note: 按语。\neditor_note_signature: 本报编辑部"))
    assert s.editor_note_signature == "本报编辑部"
    s, _ = _read(tmp_path, story("headline: 标题\neditor_note: 按语。\neditor_note_signature: false"))
    assert s.editor_note_signature == ""


def test_a_signature_without_a_note_is_an_error_at_its_line(tmp_path):
    text = story("headline: 标题\neditor_note_signature: 编 者")
    [d] = [d for d in _errors(tmp_path, text) if d.code == "not-here"]
    assert d.source.line == _line(text, "editor_note_signature") and "editor_note" in d.hint


def test_author_stands_beside_the_end_byline_and_tagline_is_kept(tmp_path):
    s, _ = _read(tmp_path, story("""
        headline: 标题
        author: 本报记者 孙广勇
        byline: （作者为本报江苏分社记者）
        tagline: 本栏目由澄川银行协办
        """))
    assert (s.author, s.byline, s.tagline) == ("本报记者 孙广勇", "（作者为本报江苏分社记者）",
                                               "本栏目由澄川银行协办")
    for part in (s.author, s.byline, s.tagline):
        assert part in s.all_text()


def test_a_crosshead_line_is_a_paragraph_of_its_own(tmp_path):
    body = f"{COPY}\n## 老厂房里的新生意\n{COPY}\n\n### 第二个小标题 ##\n\n{COPY}\n"
    s, warnings = _read(tmp_path, story("headline: 标题", body))
    styles = [(p.style, p.text[:6]) for p in s.paragraphs]
    assert styles == [("", COPY[:6]), ("crosshead", "老厂房里的新"), ("", COPY[:6]),
                      ("crosshead", "第二个小标题"), ("", COPY[:6])]
    assert s.paragraphs[1].text == "老厂房里的新生意" and not s.paragraphs[1].indent
    assert s.paragraphs[1].source.line == _line(story("headline: 标题", body), "## 老厂房")
    assert warnings == []


def test_an_empty_crosshead_is_an_error_at_its_line(tmp_path):
    text = story("headline: 标题", f"{COPY}\n\n##\n\n{COPY}\n")
    [d] = [d for d in _errors(tmp_path, text) if d.code == "empty-crosshead"]
    assert d.source.line == _line(text, "##")


def test_a_level_one_heading_still_warns(tmp_path):
    _, warnings = _read(tmp_path, story("headline: 标题", f"# 大标题\n\n{COPY}\n"))
    assert [w.code for w in warnings] == ["markdown-heading"] and "##" in warnings[0].hint


def test_a_style_suffix_sets_one_paragraph_in_another_style(tmp_path):
    s, _ = _read(tmp_path, story("headline: 标题", f"{COPY}\n\n——编 者 {{.signature}}\n"))
    last = s.paragraphs[-1]
    assert (last.text, last.style) == ("——编 者", "signature")
    assert "{" not in s.all_text()


def test_a_malformed_style_suffix_is_an_error_at_its_line(tmp_path):
    text = story("headline: 标题", f"{COPY}\n\n——编 者 {{.编者}}\n")
    [d] = [d for d in _errors(tmp_path, text) if d.code == "bad-style-suffix"]
    assert d.source.line == _line(text, "——编 者")


def test_braces_inside_a_paragraph_are_text(tmp_path):
    s, _ = _read(tmp_path, story("headline: 标题", "集合{a, b}的元素，{.x} 不在末尾。\n"))
    assert s.paragraphs[0].text == "集合{a, b}的元素，{.x} 不在末尾。" and not s.paragraphs[0].style


@pytest.mark.parametrize("written", [
    'headline: "老街区焕新颜\\n城市更新惠民生"',
    "headline: |\n  老街区焕新颜\n  城市更新惠民生",
    "headline: |\n  老街区焕新颜  \n\n    城市更新惠民生\n",
])
def test_forced_headline_breaks_are_kept(tmp_path, written):
    s, _ = _read(tmp_path, story(written + '\nkicker: "引题一\\n引题二"\ndeck: "副题一\\n副题二"'))
    assert s.headline.headline == "老街区焕新颜\n城市更新惠民生"
    assert (s.headline.kicker, s.headline.deck) == ("引题一\n引题二", "副题一\n副题二")


def test_a_crosshead_without_the_space_after_the_marks_is_a_crosshead_too(tmp_path):
    s, _ = _read(tmp_path, story("headline: 标题", f"{COPY}\n\n##老厂房里的新生意\n\n{COPY}\n"))
    assert (s.paragraphs[1].style, s.paragraphs[1].text) == ("crosshead", "老厂房里的新生意")
