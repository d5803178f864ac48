"""Failures the fuzz suite found, each kept as a named regression (see docs/reliability.md)."""

from __future__ import annotations

from relkit import STORY, write_edition
from textcheck import story_losses

from typeset import pipeline


def _build(tmp_path, body: str):
    folder = write_edition(tmp_path / "ed", stories={"one": STORY.format(body=body)})
    out = tmp_path / "out.pdf"
    return pipeline.build(folder, out, allow_overset=True, proof=True), out


def test_combining_mark_after_a_bold_run_is_printed(tmp_path):
    """Fuzz find: '**…e**\\u0301' — the accent opened a new run with no base character and
    was dropped silently (a zero-width piece with no glyph)."""
    result, out = _build(tmp_path, "**000000的的的e**\u0301")
    assert result.outputs == [out]
    assert not [d for d in result.diagnostics if d.code == "missing-glyph"]
    assert story_losses(result, out) == []


def test_uncovered_combining_mark_is_reported_not_drawn_as_notdef(tmp_path):
    """A mark no font has (U+1AB0) after a covered base: it was drawn as .notdef (a tofu box)
    without a word; it is now a missing-glyph error."""
    result, _ = _build(tmp_path, "字\u1ab0与**e**\u1ab0。")
    missing = [d for d in result.diagnostics if d.code == "missing-glyph"]
    assert missing and "U+1AB0" in missing[0].message


def test_headline_only_story_keeps_its_headline(tmp_path):
    """Fuzz find: a story with a headline and no body text was skipped whole — its headline
    never reached the page, with only an 'empty-story' warning."""
    folder = write_edition(tmp_path / "ed", stories={"one": '---\nheadline: "的"\n---\n\n'})
    out = tmp_path / "out.pdf"
    result = pipeline.build(folder, out, allow_overset=True, proof=True)
    assert result.outputs == [out]
    assert story_losses(result, out) == []
