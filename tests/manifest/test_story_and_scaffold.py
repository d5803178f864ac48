"""Story files (front matter + paragraphs) and `scaffold_edition` round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.diagnostics import InputError
from typeset.manifest import load_edition, load_story, scaffold_edition
from typeset.manifest.story_file import read_story

ROOT = Path(__file__).resolve().parents[2]


def _story(tmp_path: Path, text: str, name: str = "s1") -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_and_paragraphs(tmp_path):
    path = _story(tmp_path, "---\nkicker: 引题\nheadline: 主题\ndeck: 副题\nlevel: 2\n"
                            "dateline: 本报讯\nbyline: （于健、付磊）\n---\n"
                            "第一段第一行\n第一段第二行，\n5G and\nPM2.5 监测。\n\n\n"
                            "　　第二段有**加粗**和\\*星号。\n")
    story = load_story(path)
    assert story.id == "s1" and story.headline.level == 2 and story.headline.deck == "副题"
    first, second = story.paragraphs
    assert first.text == "第一段第一行第一段第二行，5G and PM2.5 监测。"
    assert first.source.line == 9 and second.source.line == 15
    assert [(r.text, r.emphasis) for r in second.runs] == [
        ("第二段有", False), ("加粗", True), ("和*星号。", False)]
    assert story.all_text().startswith("引题主题副题本报讯第一段")


def test_story_without_front_matter(tmp_path):
    story = load_story(_story(tmp_path, "只有正文。\n"))
    assert story.headline is None and story.paragraphs[0].text == "只有正文。"


def test_unbalanced_bold_is_kept_and_warned(tmp_path):
    story, warnings = read_story(_story(tmp_path, "---\nheadline: 标题\n---\n一**二**三**四\n"))
    assert story.paragraphs[0].text == "一二三**四"
    assert [w.code for w in warnings] == ["unbalanced-bold"]


def test_unclosed_front_matter(tmp_path):
    with pytest.raises(InputError) as info:
        load_story(_story(tmp_path, "---\nheadline: 标题\n正文。\n"))
    d = info.value.diagnostics[0]
    assert d.code == "front-matter" and d.source.line == 1


def test_front_matter_errors_have_file_lines(tmp_path):
    path = _story(tmp_path, "---\nheadline: 标题\nlevel: high\nkind: newz\n\tdeck: x\n---\n正文\n")
    with pytest.raises(InputError) as info:
        load_story(path)
    d = info.value.diagnostics[0]
    assert d.code == "yaml-tab" and d.source.line == 5
    path.write_text("---\nheadline: 标题\nlevel: high\nkind: newz\n---\n正文\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_story(path)
    by_code = {d.code: d for d in info.value.diagnostics}
    assert by_code["wrong-type"].source.line == 3
    assert by_code["bad-value"].source.line == 4 and "'news'" in by_code["bad-value"].hint


def test_lone_surrogate_escape_in_front_matter(tmp_path):
    path = _story(tmp_path, '---\nheadline: "标\\udc80题"\n---\n正文\n')
    with pytest.raises(InputError) as info:
        load_story(path)
    assert info.value.diagnostics[0].code == "bad-character"


def test_emoji_rtl_and_combining_marks_are_kept(tmp_path):
    text = "笑脸😀，שלום，e\u0301，\u200d。"
    story = load_story(_story(tmp_path, text + "\n"))
    assert story.paragraphs[0].text == text


def test_empty_story_warns(tmp_path):
    _, warnings = read_story(_story(tmp_path, "---\nheadline: 标题\n---\n\n"))
    assert [w.code for w in warnings] == ["empty-story"]
    assert dict(warnings[0].data)["blocks_build"] is True    # the final build refuses it


@pytest.mark.parametrize("layout,pages", [("broadsheet-8col", 1), ("broadsheet-8col", 2),
                                          ("tabloid-6col", 5)])
def test_scaffold_round_trip(tmp_path, layout, pages):
    folder = tmp_path / "new-edition"
    written = scaffold_edition(folder, layout, "2026-04-01", pages, ROOT)
    assert all(p.exists() for p in written)
    assert (folder / "photos").is_dir()
    edition, warnings = load_edition(folder, project_root=ROOT)
    assert {w.code for w in warnings} == {"placeholder"}     # only the values to fill in
    assert [p.number for p in edition.pages] == list(range(1, pages + 1))
    assert edition.date == "2026-04-01" and edition.weekday == "星期三"
    assert ("example" in edition.stories) and edition.pages[0].slots[0].area.top > 0


def test_scaffold_refuses_to_overwrite_and_bad_arguments(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "edition.yaml").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError) as info:
        scaffold_edition(folder, "nope", "2026-13-01", 0, ROOT)
    codes = [d.code for d in info.value.diagnostics]
    assert codes == ["exists", "bad-date", "out-of-range", "unknown-layout"]
    assert (folder / "edition.yaml").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]   # nothing left behind


def test_a_story_is_read_again_after_it_changes(tmp_path):
    """Unchanged story files are not parsed twice (--watch), but a change is always seen."""
    import os

    from typeset.manifest.story_file import read_story

    path = tmp_path / "s.md"
    path.write_text("---\nheadline: 标题\n---\n第一稿。\n", encoding="utf-8")
    first, _ = read_story(path)
    again, _ = read_story(path)
    assert again is first
    path.write_text("---\nheadline: 标题\n---\n第二稿，改过了。\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed, _ = read_story(path)
    assert changed.paragraphs[0].text == "第二稿，改过了。"
