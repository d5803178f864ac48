"""12.11: one typo gives one diagnostic, not two."""

from __future__ import annotations

from editions_kit import PAGE_ONE, STORY_HEAD
from manifest_kit import BASE, STORY


def _codes(diags):
    return sorted(d.code for d in diags)


def test_a_misspelt_required_key_is_one_unknown_key_error(maker):
    folder = maker.write(BASE.replace("  - number: 1", "  - numbr: 1"))
    diags = maker.errors(folder)
    assert _codes(diags) == ["unknown-key"] and "number" in diags[0].hint


def test_a_misspelt_story_id_is_one_error_and_no_unused_story_warning(maker):
    folder = maker.write(BASE.replace("story: one", "story: oen"))
    diags = maker.errors(folder)
    assert _codes(diags) == ["unknown-story"] and "'one'" in diags[0].hint
    # and the warnings that come with a failed load are not returned either way:
    folder = maker.write(BASE.replace("story: one", "story: oen"),
                         stories={"one": STORY, "two": STORY})
    assert _codes(maker.errors(folder)) == ["unknown-story"]


def test_a_misspelt_headline_key_is_one_error(maker):
    story = "---\nkicker: 引题\nheadlin: 主题\n---\n正文。\n"
    folder = maker.write(BASE, stories={"one": story})
    diags = maker.errors(folder)
    assert _codes(diags) == ["unknown-key"] and "headline" in diags[0].hint


def test_a_misspelt_jump_target_is_one_error_and_no_unused_slot_warning(maker):
    text = PAGE_ONE + """\
      - story: one
        at: {column: 1, span: 4, top: 10, bottom: 20}
        continue: {page: 2, slot: one-cotn}
  - number: 2
    slots:
      - id: one-cont
        at: {column: 1, span: 4, top: 0, bottom: 50}
"""
    diags = maker.errors(maker.write(text, stories={"one": STORY_HEAD + "正文。\n"}))
    assert _codes(diags) == ["jump-target"] and "one-cont" in diags[0].hint


def test_unused_things_are_still_reported_when_nothing_is_misspelt(maker):
    folder = maker.write(BASE, stories={"one": STORY, "zzz-other": STORY})
    _, warnings = maker.load(folder)
    assert "unused-story" in _codes(warnings)


def test_a_misspelt_page_layout_is_one_error_not_also_a_broken_jump(maker):
    text = PAGE_ONE + """\
      - story: one
        at: {column: 1, span: 4, top: 10, bottom: 20}
        continue: {page: 2, slot: one-cont}
  - number: 2
    layout: tabloid-6cl
    slots:
      - id: one-cont
        at: {column: 1, span: 4, top: 0, bottom: 50}
"""
    diags = maker.errors(maker.write(text, stories={"one": STORY_HEAD + "正文。\n"}))
    assert _codes(diags) == ["unknown-layout"] and "tabloid-6col" in diags[0].hint


def test_a_misspelt_slot_key(maker):
    for typo in ("stroy: one", "story: one\n        a:"):
        text = BASE.replace("story: one", typo) if "a:" not in typo else BASE.replace(
            "story: one\n        at:", "story: one\n        a:")
        diags = maker.errors(maker.write(text))
        assert len(diags) == 1, [d.format() for d in diags]
