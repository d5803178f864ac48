"""The sample edition loads cleanly and holds what the brief asks of it."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from typeset.manifest import load_edition
from typeset.model.stack import leaves

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"


def _cjk_chars(story) -> int:
    return len(re.sub(r"\s", "", "".join(p.text for p in story.paragraphs)))


def test_sample_loads_without_warnings():
    edition, warnings = load_edition(SAMPLE)
    assert warnings == []
    assert edition.paper and edition.weekday == "星期六" and edition.issue.isdigit()
    assert [p.number for p in edition.pages] == [1, 2, 3]
    assert edition.timestamp > 0


def test_sample_structure():
    edition, _ = load_edition(SAMPLE / "edition.yaml")
    page1, page2, page3 = edition.pages
    # page 1: masthead lines free, a lead with a photo, two stories that jump to page 2
    assert min(s.area.top for s in page1.slots) >= 10
    lead = page1.slots[0]
    assert lead.photo is not None and lead.photo.credit.endswith("摄")
    assert 1000 <= _cjk_chars(edition.stories[lead.story]) <= 1300
    jumps = [s for s in page1.slots if s.continue_to]
    assert len(jumps) == 2 and all(j.continue_to.page == 2 for j in jumps)
    targets = {s.id: s for s in page2.slots if s.kind == "continuation"}
    assert {j.continue_to.slot for j in jumps} == set(targets)
    for j in jumps:
        assert 1500 <= _cjk_chars(edition.stories[j.story]) <= 2400
    # a jump chain 1 → 2 → 3: a11-digital's middle part on page 2 jumps on to page 3
    middle = targets["digital-cont"]
    assert middle.continue_to.page == 3
    ends = {s.id: s for s in page3.slots if s.kind == "continuation"}
    assert set(ends) == {middle.continue_to.slot}
    # page 2: boxed commentary with series kicker and signature, label over three briefs
    commentary = next(s for s in page2.slots if s.box)
    story = edition.stories[commentary.story]
    assert "系列评论之二" in story.headline.kicker and story.signature
    assert any(s.kind == "label" for s in page2.slots)
    briefs = [edition.stories[s.story] for s in page2.slots
              if s.story and edition.stories[s.story].kind == "brief"]
    assert len(briefs) == 3
    for brief in briefs:
        assert brief.dateline == "本报讯" and brief.byline.startswith("（")
    feature = next(st for st in edition.stories.values() if st.kind == "feature")
    assert feature.headline.banner and feature.author.startswith("本报记者")
    assert any(s.kind == "ad" for s in page2.slots)
    # page 3 (文化): one stack of rows, the end of the chain, a photo with caption and credit
    assert page3.section == "文化" and len(page3.containers) == 1
    held = {leaf.slot_id for leaf in leaves(page3.containers[0].root)}
    assert held == {s.id for s in page3.slots}
    photos = [s.photo for s in page3.slots if s.photo is not None]
    assert len(photos) == 2 and all(p.caption and p.credit.endswith("摄") for p in photos)
    assert [s.label for s in page3.slots if s.kind == "label"] == ["书香澄川", "澄江副刊"]


def test_sample_slots_fill_the_pages():
    """No big holes: the slots cover the type area below the masthead lines."""
    edition, _ = load_edition(SAMPLE)
    for page in edition.pages:
        lay = page.layout
        first = 10 if page.number == 1 else 0
        covered = sum(s.area.span * s.area.lines for s in page.slots)
        assert covered == lay.columns * (lay.lines - first)


def test_sample_photos_are_real_jpegs_with_exif_and_enough_pixels():
    edition, _ = load_edition(SAMPLE)
    for page in edition.pages:
        grid_w = page.layout.column_width
        for slot in page.slots:
            if slot.photo is None:
                continue
            path = Path(edition.folder) / slot.photo.file
            assert path.stat().st_size < 300_000
            with Image.open(path) as image:
                assert image.format == "JPEG" and image.mode == "RGB"
                assert image.getexif().get(0x013B)        # Artist
                span = slot.photo.span or slot.area.span
                width_in = (span * grid_w + (span - 1) * page.layout.gutter) / 72
                assert image.width / width_in >= 200
