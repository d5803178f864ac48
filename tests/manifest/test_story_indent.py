"""A story's `indent:` front-matter key: true (every paragraph indented, the default), false
(all flush), as-written (indented where the copy was typed with leading spaces); bad values
are errors at their line; the set body honours it."""

from __future__ import annotations

from pathlib import Path

import pytest

from manifest_kit import ROOT, line_of
from typeset.compose.body import body_paragraphs, set_body
from typeset.compose.context import ComposeContext
from typeset.diagnostics import InputError
from typeset.fonts.book import FontBook
from typeset.manifest.fonts_config import load_font_roles
from typeset.manifest.story_file import read_story
from typeset.model.composition import CompositionRules

BODY = "第一段正文。\n\n第二段正文，\n接着写。\n\n第三段。\n"
TYPED = "\u3000\u3000第一段正文。\n\n接上文，不缩进。\n\n  第三段用半角空格缩进。\n"


def _story(tmp_path: Path, front: str, body: str = BODY, name: str = "s"):
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\nheadline: 标题\n{front}---\n{body}", encoding="utf-8")
    return read_story(path)


def _indents(story) -> list[bool]:
    return [p.indent for p in story.paragraphs]


def test_default_and_true_indent_every_paragraph(tmp_path):
    for n, front in enumerate(("", "indent: true\n", "indent: yes\n", "indent: 'TRUE'\n")):
        story, warnings = _story(tmp_path, front, name=f"s{n}")
        assert _indents(story) == [True, True, True] and warnings == []


def test_false_sets_every_paragraph_flush_and_keeps_the_text(tmp_path):
    story, warnings = _story(tmp_path, "indent: false\n", TYPED)
    assert _indents(story) == [False, False, False] and warnings == []
    # typed indentation spaces are layout, not text, in every mode
    assert [p.text for p in story.paragraphs] == ["第一段正文。", "接上文，不缩进。",
                                                  "第三段用半角空格缩进。"]


def test_as_written_follows_the_typed_spaces(tmp_path):
    story, warnings = _story(tmp_path, "indent: as-written\n", TYPED)
    assert _indents(story) == [True, False, True] and warnings == []
    assert story.paragraphs[0].text == "第一段正文。"


def test_as_written_without_any_typed_indent_warns_at_the_key(tmp_path):
    story, warnings = _story(tmp_path, "dateline: 本报讯\nindent: as-written\n")
    assert _indents(story) == [False, False, False]
    [warning] = warnings
    assert warning.code == "no-typed-indent"
    assert warning.source.line == 4 and "indent: false" in warning.hint


@pytest.mark.parametrize("value,hint", [
    ("as_written", "did you mean 'as-written'?"),
    ("0", "body style"),
    ("2em", "valid values: as-written, false, true"),
    ("[1, 2]", "valid values"),
])
def test_a_bad_value_is_an_error_with_file_and_line(tmp_path, value, hint):
    with pytest.raises(InputError) as info:
        _story(tmp_path, f"byline: 记者\nindent: {value}\n")
    [found] = info.value.diagnostics
    assert found.code == "bad-value" and "'indent'" in found.message
    assert found.source.file.endswith("s.md") and found.source.line == 4
    assert hint in found.hint


def test_the_edition_reports_a_bad_indent_with_the_story_file_and_line(maker):
    story = "---\nheadline: 标题\nindent: flush\n---\n正文。\n"
    folder = maker.write(stories={"one": story})
    found = maker.one(folder, "bad-value")
    assert found.source.file.endswith("stories/one.md")
    assert found.source.line == line_of(folder / "stories", "indent:", "one.md")


def test_the_set_body_starts_flush_paragraphs_at_the_column_edge(tmp_path):
    from typeset.manifest.layout_file import load_layout
    layout = load_layout("broadsheet-8col", ROOT)
    fonts = FontBook.resolve(load_font_roles(ROOT), ROOT / "fonts")
    ctx = ComposeContext(layout, fonts, CompositionRules.from_mapping(layout.composition),
                         edition=None)
    width = layout.column_chars * layout.body_size
    em = layout.style("body").size * layout.style("body").indent
    for front, expected in (("indent: true\n", [em, em, em]),
                            ("indent: false\n", [0, 0, 0]),
                            ("indent: as-written\n", [em, 0, em])):
        story, _ = _story(tmp_path, front, TYPED, name=front.split()[1])
        lines, _ = set_body(body_paragraphs(story), width, ctx)
        firsts = [line.line.indent for line in lines if line.first]
        assert firsts == pytest.approx(expected), front
