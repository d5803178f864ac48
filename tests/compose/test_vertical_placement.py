"""A vertical headline (竖题) in a story slot: at the right or left edge, the body beside it
and never under it, columns read right to left, size ladder and overflow reported, photos,
boxes and jumps still working."""

from __future__ import annotations

import pytest

from compose_builders import (Continue, Photo, continuation_slot, make_edition, make_story,
                              story_slot)
from typeset.compose import compose_edition
from typeset.fonts import load_face
from typeset.frame import GlyphRun, Marker
from typeset.model.grid import PageGrid
from typeset.model.story import Headline

HEAD_ROLES = {"kicker", "deck", "headline-1", "headline-2", "headline-3"}
BODY_ROLES = {"body", "byline", "signature", "dateline"}


def compose_one(layout, fonts, tmp_path, story, slot, extra=()):
    edition = make_edition(layout, tmp_path, {story.id: story}, [(1, [slot]), *extra])
    doc, diags, results = compose_edition(edition, fonts)
    return doc, diags, results[0]


def items_of(result, page=1):
    return [i for o in result.slots if o.page == page for i in o.items]


def head_box(result):
    return next(i for i in items_of(result) if isinstance(i, Marker)
                and i.kind == "vertical-headline")


def extent(run: GlyphRun) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of a run's ink on the page (y down), from the glyphs' ink boxes."""
    face = load_face(run.face.path, run.face.index)
    scale = run.size / face.upem
    boxes = []
    for g in run.glyphs:
        x0, y0, x1, y1 = face.ink_box(g.gid)
        if x1 > x0:
            boxes.append((run.x + g.x + x0 * scale, run.y + g.y - y1 * scale,
                          run.x + g.x + x1 * scale, run.y + g.y - y0 * scale))
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def overlaps(a, b) -> bool:
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


@pytest.mark.parametrize("side", ["right", "left"])
def test_body_sits_beside_the_headline_never_under_it(layout, fonts, tmp_path, side):
    story = make_story("a", 6)
    slot = story_slot("a", 2, 3, 10, 60, headline_vertical=side)
    _, diags, result = compose_one(layout, fonts, tmp_path, story, slot)
    box = head_box(result)
    strip = (box.x, box.y, box.x + box.width, box.y + box.height)
    grid = PageGrid(layout)
    rect = grid.area_rect(slot.area)
    runs = [i for i in items_of(result) if isinstance(i, GlyphRun)]
    body = [r for r in runs if r.role in BODY_ROLES]
    heads = [r for r in runs if r.role in HEAD_ROLES]
    assert body and heads
    for run in body:
        e = extent(run)
        assert not overlaps(e, strip), run.text
        # ink may overhang its em box a little (Noto Serif's 源 by 0.015 em at a line end)
        assert rect.x - 0.2 <= e[0] and e[2] <= rect.right + 0.2
    for run in heads:
        e = extent(run)
        assert strip[0] - 0.01 <= e[0] and e[2] <= strip[2] + 0.01, run.text
    body_x = [extent(r)[0] for r in body]
    if side == "right":
        assert max(extent(r)[2] for r in body) < box.x
        assert abs(box.x + box.width - rect.right) < 0.01
    else:
        assert min(body_x) > box.x + box.width
        assert abs(box.x - rect.x) < 0.01
    # every body line starts on the baseline grid, from the slot's top line
    baselines = {grid.baseline(n) for n in range(slot.area.top, slot.area.bottom)}
    assert all(r.y in baselines for r in body)
    assert grid.baseline(slot.area.top) in {r.y for r in body}
    assert not [d for d in diags if d.code in ("overset", "headline-too-long")]


@pytest.mark.parametrize("span, strip, count", [(3, 80.0, 2), (4, 80.0, 3), (6, 60.0, 5),
                                                (2, 50.0, 2), (1, 30.0, 1)])
def test_text_columns_beside_the_strip_are_whole_characters_wide(layout, fonts, span, strip,
                                                                 count):
    from typeset.compose.context import ComposeContext
    from typeset.compose.vertical_head import beside
    from typeset.model.composition import CompositionRules

    ctx = ComposeContext(layout, fonts, CompositionRules(), None)
    slot = story_slot("a", 1, span, 10, 60, headline_vertical="right")
    xs, width, strip_x, strip_w, chars = beside(slot, ctx, strip, "right")
    rect = PageGrid(layout).area_rect(slot.area)
    em, gutter = layout.body_size, layout.gutter
    assert abs(width - chars * em) < 1e-6 and chars >= 8
    assert xs[0] == rect.x
    assert all(b - (a + width) >= gutter - 1e-3 for a, b in zip(xs, xs[1:]))
    assert strip_w >= strip - 1e-3                                   # the group fits
    assert abs(strip_x - (xs[-1] + width + gutter)) < 1e-3           # one gutter apart
    assert abs(strip_x + strip_w - rect.right) < 1e-3                # flush with the slot
    assert len(xs) == count         # about as many as base columns fit beside the strip


def test_all_headline_text_is_set_and_reads_right_to_left(layout, fonts, tmp_path):
    headline = Headline("春耕备耕正当时 智慧农机下田来", kicker="惊蛰过后春回大地",
                        deck="全市春播面积稳定在168万亩", level=2)
    story = make_story("a", 5, headline=headline)
    _, diags, result = compose_one(layout, fonts, tmp_path, story,
                                   story_slot("a", 3, 6, 83, 100, headline_vertical="left"))
    runs = [i for i in items_of(result) if isinstance(i, GlyphRun) and i.role in HEAD_ROLES]
    by_role: dict[str, list[GlyphRun]] = {}
    for run in runs:
        by_role.setdefault(run.role, []).append(run)
    main = by_role["headline-2"]
    columns: dict[float, str] = {}
    for run in main:
        columns[run.x] = columns.get(run.x, "") + run.text
    assert len(columns) == 2
    right_to_left = [columns[x] for x in sorted(columns, reverse=True)]
    assert right_to_left == ["春耕备耕正当时", "智慧农机下田来"]
    # 引题 right of the 主题, 副题 left of it; nothing is lost
    assert min(r.x for r in by_role["kicker"]) > max(columns)
    assert max(r.x for r in by_role["deck"]) < min(columns)
    assert "".join(r.text for r in by_role["kicker"]) == headline.kicker
    assert "".join(r.text for r in by_role["deck"]) == headline.deck
    assert not [d for d in diags if d.code == "headline-too-long"]


def test_size_steps_down_the_ladder_to_fit_the_slot_height(layout, fonts, tmp_path):
    style = layout.style("headline-1")
    text = "北山新材料产业园二期全面开工建设"     # 16 字
    story = make_story("a", 3, headline=Headline(text, level=1))
    # 20 grid lines: 270 pt; at 36 pt two columns hold about 14 字, at 28 pt about 18
    _, diags, result = compose_one(layout, fonts, tmp_path, story,
                                   story_slot("a", 1, 4, 10, 30, headline_vertical="right"))
    sizes = {r.size for r in items_of(result) if isinstance(r, GlyphRun) and r.role == "headline-1"}
    assert len(sizes) == 1
    size = sizes.pop()
    assert size < style.size and size in style.size_ladder
    assert not [d for d in diags if d.code == "headline-too-long"]


def test_headline_too_long_for_the_slot_is_reported_not_cut(layout, fonts, tmp_path):
    text = "全市上下要进一步提高站位统一思想以更大力度更实举措推动数字经济做大做强"
    story = make_story("a", 2, headline=Headline(text, level=1))
    _, diags, result = compose_one(layout, fonts, tmp_path, story,
                                   story_slot("a", 1, 4, 10, 20, headline_vertical="right"))
    found = [d for d in diags if d.code == "headline-too-long"]
    assert len(found) == 1 and found[0].slot == "a" and found[0].page == 1
    assert "column(s)" in found[0].message
    assert not [d for d in diags if d.code == "headline-overflows-slot"]   # said once
    runs = [r for r in items_of(result) if isinstance(r, GlyphRun) and r.role == "headline-1"]
    assert "".join(r.text for r in sorted(runs, key=lambda r: -r.x)) == text
    assert {r.size for r in runs} == {layout.style("headline-1").size_ladder[-1]}
    # in the columns allowed (max_lines 2), running past the slot's foot rather than cut
    assert len({r.x for r in runs}) == 2 == dict(found[0].data)["columns"]
    foot = PageGrid(layout).line_top(20)
    assert max(r.y + g.y for r in runs for g in r.glyphs) > foot
    # the body keeps readable columns
    assert not [d for d in diags if d.code == "vertical-headline-narrow"]


def test_photo_and_box_keep_working_beside_a_vertical_headline(layout, fonts, tmp_path,
                                                              photo_file):
    story = make_story("a", 4)
    photo = Photo(str(photo_file), caption="3月6日，工人们正在作业。", credit="记者 沈一帆 摄",
                  lines=12)
    slot = story_slot("a", 1, 4, 10, 80, headline_vertical="right", photo=photo, box=True)
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [slot])])
    _, diags, results = compose_edition(edition, fonts, {str(photo_file): (1200, 800)})
    items = items_of(results[0])
    box = head_box(results[0])
    strip = (box.x, box.y, box.x + box.width, box.y + box.height)
    pic = next(i for i in items if isinstance(i, Marker) and i.kind == "photo")
    assert not overlaps((pic.x, pic.y, pic.x + pic.width, pic.y + pic.height), strip)
    rect = PageGrid(layout).area_rect(slot.area)
    assert rect.x + layout.body_size - 0.01 <= pic.x                  # inside the box inset
    assert box.x + box.width <= rect.right - layout.body_size + 0.01
    assert not [d for d in diags if d.severity.value == "error"]


def test_jump_from_a_slot_with_a_vertical_headline(layout, fonts, tmp_path):
    story = make_story("a", 12)
    first = story_slot("a", 1, 3, 10, 40, headline_vertical="right",
                       continue_to=Continue(2, "a-cont"))
    edition = make_edition(layout, tmp_path, {"a": story},
                           [(1, [first]), (2, [continuation_slot("a-cont", 1, 3, 0, 60)])])
    _, diags, results = compose_edition(edition, fonts)
    result = results[0]
    assert any(d.code == "jump" for d in diags)
    page1 = items_of(result, 1)
    page2 = items_of(result, 2)
    assert any(isinstance(i, Marker) and i.kind == "jump-out" for i in page1)
    assert not any(isinstance(i, Marker) and i.kind == "vertical-headline" for i in page2)
    assert any(isinstance(i, GlyphRun) and i.role == "continued" for i in page2)
    assert result.overset_text == ""


def test_a_banner_runs_across_the_slot_top_and_the_group_starts_below(layout, fonts, tmp_path):
    headline = Headline("老厂房变身文创园", banner="看临江区高质量发展", level=2)
    story = make_story("a", 4, headline=headline)
    _, _, result = compose_one(layout, fonts, tmp_path, story,
                               story_slot("a", 3, 4, 50, 90, headline_vertical="right"))
    items = items_of(result)
    banner = [i for i in items if isinstance(i, GlyphRun) and i.role == "banner"]
    assert banner and "".join(r.text for r in banner) == headline.banner
    box = head_box(result)
    assert box.y > max(r.y for r in banner)
    body = [i for i in items if isinstance(i, GlyphRun) and i.role == "body"]
    assert min(r.y for r in body) > max(r.y for r in banner)
