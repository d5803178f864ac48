"""12.8: the scaffold's example values are recognised by their marker, wherever they are."""

from __future__ import annotations

from pathlib import Path

from typeset.manifest import load_edition, scaffold_edition
from typeset.manifest.placeholders import MARK
from typeset.manifest.story_file import read_story

ROOT = Path(__file__).resolve().parents[2]


def _printed_texts(edition) -> list[str]:
    """Every text of the edition the page prints (masthead and its issue number, page heads,
    labels, ads, stories)."""
    texts = [edition.paper, edition.issue] + [value for _, value in edition.extra]
    for page in edition.pages:
        texts += [page.section, page.editor]
        texts += [slot.label for slot in page.slots if slot.label]
    for story in edition.stories.values():
        head = story.headline
        texts += [head.kicker, head.headline, head.deck, head.continued, story.dateline]
        texts += [p.text for p in story.paragraphs]
    return [t for t in texts if t]


def test_every_example_value_of_the_scaffold_is_a_placeholder(tmp_path):
    folder = tmp_path / "ed"
    scaffold_edition(folder, "broadsheet-8col", "2026-04-01", 3, ROOT)
    edition, warnings = load_edition(folder, project_root=ROOT)
    texts = _printed_texts(edition)
    assert texts and all(MARK in t for t in texts)
    found = [w for w in warnings if w.code == "placeholder"]
    assert len(found) == len(texts)
    assert all(dict(w.data)["blocks_build"] is True for w in found)
    assert all(w.source and w.source.line > 0 for w in found)


def test_filled_in_values_are_not_placeholders(tmp_path):
    folder = tmp_path / "ed"
    scaffold_edition(folder, "broadsheet-8col", "2026-04-01", 2, ROOT)
    for path in [folder / "edition.yaml", folder / "stories" / "example.md"]:
        path.write_text(path.read_text(encoding="utf-8").replace(MARK, ""), encoding="utf-8")
    _, warnings = load_edition(folder, project_root=ROOT)
    assert [w for w in warnings if w.code == "placeholder"] == []


def test_a_kept_marker_in_an_edited_value_is_still_found(tmp_path):
    """Not matched by example strings: the desk's own text with the marker left in it."""
    path = tmp_path / "s.md"
    path.write_text(f"---\nheadline: 北山新材料产业园{MARK}二期开工\n---\n正文。\n\n第二段{MARK}。\n",
                    encoding="utf-8")
    _, warnings = read_story(path)
    where = sorted((w.source.line, w.source.column) for w in warnings if w.code == "placeholder")
    assert where == [(2, 11 + len("北山新材料产业园")), (6, 1 + len("第二段"))]


def test_a_real_text_like_an_example_is_no_placeholder(tmp_path):
    path = tmp_path / "s.md"
    path.write_text("---\nheadline: 这里写主题\n---\n这里是正文的第一段。\n", encoding="utf-8")
    _, warnings = read_story(path)
    assert warnings == []
