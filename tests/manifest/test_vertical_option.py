"""A story slot's `headline:` asks for a vertical headline (竖题): the accepted forms, and
file:line errors for values that make no sense."""

from __future__ import annotations

import pytest

from manifest_kit import BASE, STORY, line_of

ID_SLOT = "      - id: spare\n        at: {column: 6, span: 2, top: 10, bottom: 30}\n"


def with_headline(value: str) -> str:
    return BASE + f"        headline: {value}\n"


@pytest.mark.parametrize("value, side", [
    ("vertical", "right"), ("vertical-right", "right"), ("vertical-left", "left"),
    ("{vertical: left}", "left"), ("{vertical: right, lines: 3}", "right"),
    ("{vertical: true}", "right"), ("{vertical: false, span: 2}", ""), ("{span: 2}", ""),
])
def test_headline_forms_are_read(maker, value, side):
    edition, warnings = maker.load(maker.write(with_headline(value)))
    slot = edition.pages[0].slots[0]
    assert slot.headline_vertical == side
    assert [w for w in warnings if w.code != "lunar-not-derived"] == []
    if "lines: 3" in value:
        assert slot.headline_lines == 3
    if "span: 2" in value:
        assert slot.headline_span == 2


def test_slot_without_headline_option_is_horizontal(maker):
    edition, _ = maker.load(maker.write(BASE))
    assert edition.pages[0].slots[0].headline_vertical == ""


def test_misspelt_word_is_an_error_at_its_line_with_a_suggestion(maker):
    folder = maker.write(with_headline("verticle"))
    d = maker.one(folder, "bad-value")
    assert d.source.file.endswith("edition.yaml")
    assert d.source.line == line_of(folder, "headline: verticle")
    assert "'verticle'" in d.message and "vertical-left" in d.message
    assert "did you mean 'vertical'?" in d.hint


def test_bad_side_in_the_mapping_is_an_error_at_its_line(maker):
    folder = maker.write(with_headline("{vertical: top}"))
    d = maker.one(folder, "bad-value")
    assert d.source.line == line_of(folder, "vertical: top")
    assert d.source.column > 0
    assert "'top'" in d.message and "right, left" in d.message


def test_side_of_the_wrong_type(maker):
    folder = maker.write(with_headline("{vertical: 2}"))
    d = maker.one(folder, "bad-value")
    assert d.source.line == line_of(folder, "vertical: 2")
    assert "number" in d.message or "2" in d.message


def test_headline_as_a_number_or_list_is_a_type_error(maker):
    for value in ("3", "[vertical]"):
        folder = maker.write(with_headline(value))
        d = maker.one(folder, "wrong-type")
        assert d.source.line == line_of(folder, f"headline: {value}")
        assert "vertical" in d.hint


def test_span_with_a_vertical_headline_is_refused(maker):
    folder = maker.write(with_headline("{vertical: right, span: 2}"))
    d = maker.one(folder, "not-here")
    assert d.source.line == line_of(folder, "span: 2}")
    assert "horizontal" in d.message


def test_unknown_key_in_the_mapping_suggests_the_right_one(maker):
    folder = maker.write(with_headline("{verticle: left}"))
    d = maker.one(folder, "unknown-key")
    assert d.source.line == line_of(folder, "verticle")
    assert "did you mean 'vertical'?" in d.hint


def test_vertical_headline_only_belongs_to_a_story_slot(maker):
    text = BASE + ID_SLOT + "        headline: vertical\n"
    folder = maker.write(text, stories={"one": STORY})
    d = maker.one(folder, "not-here")
    assert d.source.line == line_of(folder, "headline: vertical")


def test_lines_out_of_range(maker):
    folder = maker.write(with_headline("{vertical: left, lines: 0}"))
    d = maker.one(folder, "out-of-range")
    assert d.source.line == line_of(folder, "lines: 0")


def test_vertical_headline_for_a_story_without_one_is_a_warning(maker):
    story = "---\ndateline: 本报讯\n---\n正文。\n"
    folder = maker.write(with_headline("vertical"), stories={"one": story})
    _, warnings = maker.load(folder)
    found = [w for w in warnings if w.code == "vertical-without-headline"]
    assert len(found) == 1
    assert found[0].source.line == line_of(folder, "story: one")
