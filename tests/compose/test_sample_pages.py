"""The sample edition as a layout desk would check it: jumps, grid, photos, credits, no loss."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from typeset import pipeline
from typeset.frame import GlyphRun, ImageItem
from typeset.model.grid import PageGrid

ROOT = Path(__file__).resolve().parents[2]
BODY_ROLES = {"body", "byline", "signature", "crosshead", "editor-note", "tagline"}
"""Roles set on the body's baseline grid."""
TEXT_ROLES = BODY_ROLES | {"summary", "author"}
"""… and the 提要 and 署名 under the headline group (a `{.summary}` paragraph is body text)."""
JUMP = re.compile(r"（(下?转|上接)第[\d一二三四五六七八九十]+版）")


@pytest.fixture(scope="module")
def sample():
    result = pipeline.compose(ROOT / "editions" / "sample")
    assert result.document is not None, [d.format() for d in result.diagnostics]
    return result


def page(result, number):
    return next(p for p in result.document.pages if p.number == number)


def test_the_sample_composes_without_errors_overset_or_underset(sample):
    bad = [d.format() for d in sample.diagnostics
           if d.severity.value == "error" or d.code in ("overset", "underset", "widow")]
    assert bad == []


def jump_lines(frame) -> list[str]:
    lines = {}
    for item in frame.items:
        if isinstance(item, GlyphRun) and item.role == "jump":
            lines.setdefault((item.x // 100, item.y), []).append(item.text)
    return sorted("".join(t) for t in lines.values())


def test_two_stories_jump_from_page_1_to_page_2_and_one_goes_on_to_page_3(sample):
    jumps = [d for d in sample.diagnostics if d.code == "jump"]
    assert sorted(d.page for d in jumps) == [1, 1, 2]
    # the sample's own jump wording (edition.yaml jump:) uses Chinese numerals
    assert jump_lines(page(sample, 1)) == ["（下转第二版）", "（下转第二版）"]
    assert jump_lines(page(sample, 2)) == ["（下转第三版）"]     # the chain's middle part
    assert jump_lines(page(sample, 3)) == []
    p2_text = "".join(i.text for i in page(sample, 2).items if isinstance(i, GlyphRun))
    assert p2_text.count("（上接第一版）") == 3  # two jumps and b05-port's continued_from
    p3_text = "".join(i.text for i in page(sample, 3).items if isinstance(i, GlyphRun))
    assert p3_text.count("（上接第二版）") == 1 and "上接第一版" not in p3_text
    digital = next(r for r in sample.stories if r.story == "a11-digital")
    assert [o.slot for o in digital.slots] == ["a11-digital", "digital-cont", "digital-c"]


def test_every_body_line_of_every_page_sits_on_the_page_grid(sample):
    for frame in sample.document.pages:
        layout = sample.edition.page(frame.number).layout
        grid = PageGrid(layout)
        baselines = {grid.baseline(i) for i in range(layout.lines)}
        body = [i for i in frame.items if isinstance(i, GlyphRun) and i.role in BODY_ROLES]
        assert body
        assert all(run.y in baselines for run in body)


def test_every_story_character_is_set_in_order(sample):
    """Body text of each story, across its jump, equals its source (whitespace aside)."""
    for result in sample.stories:
        story = sample.edition.stories[result.story]
        runs = [i for o in result.slots for i in o.items
                if isinstance(i, GlyphRun) and i.role in TEXT_ROLES]
        seen = JUMP.sub("", "".join(r.text for r in runs)) + result.overset_text
        expected = "".join(story.summary) + story.author
        if story.editor_note:
            expected += "编者按：" + "".join(story.editor_note) + story.editor_note_signature
        expected += story.dateline + "".join(p.text for p in story.paragraphs)
        expected += (story.byline if story.byline_place != "top" else "") + story.signature
        expected += story.tagline
        assert re.sub(r"\s", "", seen) == re.sub(r"\s", "", expected), result.story


def test_every_headline_is_set(sample):
    text = "".join(i.text for p in sample.document.pages for i in p.items
                   if isinstance(i, GlyphRun))
    for story in sample.edition.stories.values():
        if story.headline:
            assert story.headline.headline.replace(" ", "").replace("\n", "") in text.replace(" ", "")


def test_photo_credits_sit_under_their_photos(sample):
    for frame in sample.document.pages:
        images = [i for i in frame.items if isinstance(i, ImageItem)]
        credits = [i for i in frame.items if isinstance(i, GlyphRun) and i.role == "credit"]
        assert credits and images
        for credit in credits:
            above = [im for im in images if im.x - 1 <= credit.x <= im.x + im.width + 1
                     and im.y + im.height <= credit.y]
            assert above, f"credit {credit.text} has no photo above it"
            nearest = max(above, key=lambda im: im.y)
            assert credit.y - (nearest.y + nearest.height) < 4 * 13.5


def test_running_heads_name_the_page_section_and_editor(sample):
    p2 = page(sample, 2)
    heads = "".join(i.text for i in p2.items if isinstance(i, GlyphRun)
                    and i.role in ("running-head", "folio"))
    spec = sample.edition.page(2)
    assert "第2版" in heads and spec.section in heads and spec.editor in heads
    assert sample.edition.paper in heads


def test_the_front_page_carries_the_masthead(sample):
    p1 = page(sample, 1)
    mast = [i for i in p1.items if isinstance(i, GlyphRun) and i.role == "masthead"]
    assert "".join(m.text for m in mast) == sample.edition.paper
    assert max(m.size for m in mast) > max(i.size for i in p1.items
                                            if isinstance(i, GlyphRun) and i.role != "masthead")
