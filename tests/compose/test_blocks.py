"""Headline groups and photo blocks: size ladder, whole grid lines, crop maths, caption/credit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from compose_builders import make_edition
from typeset.compose.context import ComposeContext
from typeset.compose.headline import set_headline_group
from typeset.compose.photo import crop_box, photo_block
from typeset.frame import GlyphRun, ImageItem
from typeset.model.edition import Photo
from typeset.model.story import Headline
from typeset.text import CompositionRules


@pytest.fixture()
def ctx(layout, fonts, photo_file):
    edition = make_edition(layout, photo_file.parent, {}, [(1, [])])
    return ComposeContext(layout, fonts, CompositionRules(), edition,
                          {str(photo_file): (1200, 800)})


def headline_sizes(block):
    return {i.size for i in block.items if isinstance(i, GlyphRun) and i.role.startswith("headline")}


def test_a_headline_that_fits_keeps_its_style_size(ctx, layout):
    block = set_headline_group(Headline("短标题"), 50.0, 10, 500.0, ctx)
    assert headline_sizes(block) == {layout.style("headline-1").size}
    assert block.diagnostics == ()


def test_a_long_headline_steps_down_the_size_ladder_to_fit_its_lines(ctx, layout):
    style = layout.style("headline-1")
    text = "全市新建公共充电桩一千二百个"
    block = set_headline_group(Headline(text), 50.0, 10, 400.0, ctx, max_lines=1)
    (size,) = headline_sizes(block)
    assert size < style.size and size in style.size_ladder
    lines = {i.y for i in block.items if isinstance(i, GlyphRun) and i.role == "headline-1"}
    assert len(lines) == 1


def test_a_headline_too_long_for_any_size_is_reported(ctx):
    block = set_headline_group(Headline("很长的标题" * 12), 50.0, 10, 200.0, ctx, max_lines=1,
                               story="s1")
    assert [d.code for d in block.diagnostics] == ["headline-too-long"]
    assert block.diagnostics[0].story == "s1"


def test_the_headline_group_occupies_whole_grid_lines_with_kicker_above_and_deck_below(
        ctx, layout):
    block = set_headline_group(Headline("主题", kicker="引题", deck="副题"), 50.0, 10, 500.0, ctx)
    runs = {i.role: i for i in block.items if isinstance(i, GlyphRun)}
    assert runs["kicker"].y < runs["headline-1"].y < runs["deck"].y
    top = layout.margins.top + 10 * layout.line_pitch
    bottom = top + block.lines * layout.line_pitch
    assert all(top < i.y < bottom for i in block.items if isinstance(i, GlyphRun))
    assert isinstance(block.lines, int) and block.lines >= 4


@pytest.mark.parametrize("frame, expected", [
    ((300.0, 200.0), (0, 0, 1200, 800)),      # same aspect: whole image
    ((200.0, 200.0), (200, 0, 1000, 800)),    # square frame: sides cut, centred
    ((400.0, 100.0), (0, 250, 1200, 550)),    # wide frame: top and bottom cut
])
def test_crop_box_keeps_the_frame_aspect_around_the_focus(frame, expected):
    assert crop_box((1200, 800), frame, Photo("p.jpg")) == expected


def test_crop_focus_is_clamped_inside_the_image():
    left_focus = crop_box((1200, 800), (200.0, 200.0), Photo("p.jpg", focus=(0.0, 0.5)))
    assert left_focus == (0, 0, 800, 800)


def test_explicit_crop_box_is_applied_first():
    box = crop_box((1000, 1000), (100.0, 100.0), Photo("p.jpg", crop=(0.5, 0.0, 1.0, 0.5)))
    assert box == (500, 0, 1000, 500)


def test_photo_block_sets_caption_and_credit_under_the_picture(ctx, layout, photo_file):
    photo = Photo(photo_file.name, caption="3月6日，工人们在园区进行钢结构吊装作业。",
                  credit="记者 沈一帆 摄", lines=12)
    block = photo_block(photo, 53.29, 20, 243.0, 40, ctx)
    (image,) = [i for i in block.items if isinstance(i, ImageItem)]
    assert image.height == 12 * layout.line_pitch and image.width == 243.0
    caption = [i for i in block.items if isinstance(i, GlyphRun) and i.role == "caption"]
    credit = [i for i in block.items if isinstance(i, GlyphRun) and i.role == "credit"]
    assert caption and credit
    assert all(c.y > image.y + image.height for c in caption + credit)
    assert "".join(c.text for c in credit).replace(" ", "") == "记者沈一帆摄"
    right = max(c.x + c.glyphs[-1].x + c.size for c in credit)
    assert abs(right - (53.29 + 243.0)) < 1.0  # flush right
    assert block.lines > 12


def test_photo_height_follows_the_aspect_ratio_when_not_given(ctx, layout, photo_file):
    block = photo_block(Photo(photo_file.name), 53.29, 20, 369.0, 60, ctx)
    (image,) = [i for i in block.items if isinstance(i, ImageItem)]
    assert abs(image.height - 369.0 * 800 / 1200) <= layout.line_pitch / 2


def test_a_photo_taller_than_its_room_is_shortened_and_reported(ctx, photo_file):
    block = photo_block(replace(Photo(photo_file.name), lines=50), 53.29, 20, 243.0, 10, ctx)
    assert [d.code for d in block.diagnostics] == ["photo-too-tall"]
    assert block.lines <= 10


def test_a_two_line_headline_breaks_between_phrases_not_inside_a_word(ctx):
    block = set_headline_group(Headline("让创新的“活水”奔涌不息"), 50.0, 10, 300.0, ctx)
    lines: dict[float, str] = {}
    for run in (i for i in block.items if isinstance(i, GlyphRun)):
        lines[run.y] = lines.get(run.y, "") + run.text
    assert [lines[y] for y in sorted(lines)] == ["让创新的“活水”", "奔涌不息"]


def test_phrase_breaks_are_after_pauses_and_closing_marks_and_before_opening_marks():
    from typeset.compose.headline import phrase_breaks

    assert phrase_breaks("看“新”，再看 旧") == [1, 4, 5, 8]


def test_a_photo_with_no_room_is_an_error_and_not_drawn(ctx, photo_file):
    photo = Photo(photo_file.name, caption="图片说明" * 10, credit="某某 摄")
    block = photo_block(photo, 53.29, 20, 117.0, 2, ctx)
    assert [d.code for d in block.diagnostics] == ["photo-no-room"]
    assert block.diagnostics[0].severity.value == "error"
    assert block.items == () and block.lines == 0


def test_the_ladder_steps_down_once_to_break_a_two_line_headline_between_phrases(ctx, layout):
    """At 小初 (36 pt) in 243 pt, 让创新的“活水” does not fit a line, so two lines would break
    inside 活水; one step down (一号) the same two lines break after the closing quote."""
    from typeset.compose.headline import fit_headline

    style = layout.style("headline-1")
    para, chosen, fitted = fit_headline("让创新的“活水”奔涌不息", style, 243.0, 2, ctx)
    assert fitted and len(para.lines) == 2
    assert chosen.size == style.size_ladder[0] < style.size
    block = set_headline_group(Headline("让创新的“活水”奔涌不息"), 50.0, 10, 243.0, ctx)
    lines: dict[float, str] = {}
    for run in (i for i in block.items if isinstance(i, GlyphRun)):
        lines[run.y] = lines.get(run.y, "") + run.text
    assert [lines[y] for y in sorted(lines)] == ["让创新的“活水”", "奔涌不息"]


def test_section_folios_in_jump_lines_and_running_heads(layout, fonts, tmp_path):
    """12.16: pages numbered A1, A2 (叠): the jump reads 转A2版 / 上接A1版, the running head A2版."""
    from compose_builders import Continue, continuation_slot, make_story, story_slot
    from typeset.compose import compose_edition
    from typeset.model.folio import SectionFolio

    a1, a2 = SectionFolio("A", 1), SectionFolio("A", 2)
    story = make_story("a", 12)
    edition = make_edition(layout, tmp_path, {"a": story}, [
        (a1, [story_slot("a", 1, 3, 10, 40, continue_to=Continue(a2, "a-cont"))]),
        (a2, [continuation_slot("a-cont", 1, 4, 0, 60)]),
    ])
    doc, diags, results = compose_edition(edition, fonts, pages={a2, a1})
    assert [f.number for f in doc.pages] == ["A1", "A2"]
    texts = ["".join(i.text for i in f.items if isinstance(i, GlyphRun)) for f in doc.pages]
    jump = "".join(i.text for i in doc.pages[0].items
                   if isinstance(i, GlyphRun) and i.role == "jump")
    assert jump == "（转A2版）"
    assert "（上接A1版）" in texts[1] and "第A" not in "".join(texts)
    assert texts[1].startswith("A2版")
    assert any(d.code == "jump" and d.page == "A1" for d in diags)
