"""Stories on the grid: columns, baselines, balance, jump lines, continuation, overset, no loss."""

from __future__ import annotations

import re
from dataclasses import replace

from compose_builders import (Continue, continuation_slot, make_edition, make_story,
                              story_slot)
from typeset.compose import compose_edition
from typeset.frame import GlyphRun, Marker
from typeset.model.grid import PageGrid

BODY_ROLES = {"body", "byline", "signature"}


def body_runs(result, page):
    """Body glyph runs of one story part, in the order they were placed."""
    return [i for o in result.slots if o.page == page for i in o.items
            if isinstance(i, GlyphRun) and i.role in BODY_ROLES]


def story_body_text(story) -> str:
    text = story.dateline + "\u3000" + "".join(p.text for p in story.paragraphs)
    return text + story.byline


def strip_jumps(text: str) -> str:
    return re.sub(r"（(转|上接)第\d+版）", "", text)


def test_body_lines_sit_on_the_baseline_grid_in_the_slot_columns(layout, fonts, tmp_path):
    story = make_story("a", 6)
    edition = make_edition(layout, tmp_path, {"a": story},
                           [(1, [story_slot("a", 2, 3, 10, 60)])])
    doc, diags, results = compose_edition(edition, fonts)
    grid = PageGrid(layout)
    baselines = {grid.baseline(line) for line in range(layout.lines)}
    column_xs = [grid.column_x(c) for c in (2, 3, 4)]
    runs = body_runs(results[0], 1)
    assert runs
    for run in runs:
        assert run.y in baselines
        assert 10 * layout.line_pitch + layout.margins.top <= run.y
        column = max(x for x in column_xs if x <= run.x + 0.001)
        assert run.x + max(g.x for g in run.glyphs) < column + layout.column_width
    assert {max(x for x in column_xs if x <= r.x + 0.001) for r in runs} == set(column_xs)


def test_columns_of_a_story_that_fits_end_level(layout, fonts, tmp_path):
    story = make_story("a", 5, headline=None)
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [story_slot("a", 1, 3, 10, 90)])])
    _, _, results = compose_edition(edition, fonts)
    runs = body_runs(results[0], 1)
    by_column: dict[float, list[float]] = {}
    for run in runs:
        by_column.setdefault(round(run.x // (layout.column_width + layout.gutter)), []).append(run.y)
    lasts = sorted(max(ys) for ys in by_column.values())
    # Balanced: every column but the last ends on the same grid line, the last no lower.
    assert len(set(lasts[1:])) == 1 and lasts[0] <= lasts[-1]


def test_overflow_jumps_with_both_jump_lines_and_loses_nothing(layout, fonts, tmp_path):
    story = make_story("a", 12)
    edition = make_edition(layout, tmp_path, {"a": story}, [
        (1, [story_slot("a", 1, 3, 10, 40, continue_to=Continue(2, "a-cont"))]),
        (2, [continuation_slot("a-cont", 1, 4, 0, 60)]),
    ])
    doc, diags, results = compose_edition(edition, fonts)
    assert not [d for d in diags if d.code == "overset"]
    page1 = [i for i in doc.pages[0].items if isinstance(i, GlyphRun)]
    jump_out = [i for i in page1 if i.role == "jump"]
    assert "".join(j.text for j in jump_out) == "（转第2版）"
    assert len({j.y for j in jump_out}) == 1
    first_part = body_runs(results[0], 1)
    assert jump_out[0].y >= max(r.y for r in first_part)
    cont = body_runs(results[0], 2)
    assert "".join(r.text for r in cont).startswith("（上接第1版）")
    seen = strip_jumps("".join(r.text for r in first_part + cont))
    assert seen.replace(" ", "") == story_body_text(story).replace(" ", "")
    assert any(d.code == "jump" and d.page == 1 for d in diags)


def test_a_story_that_fits_sets_no_jump_lines_and_reports_the_empty_continuation(
        layout, fonts, tmp_path):
    story = make_story("a", 2)
    edition = make_edition(layout, tmp_path, {"a": story}, [
        (1, [story_slot("a", 1, 3, 10, 40, continue_to=Continue(2, "a-cont"))]),
        (2, [continuation_slot("a-cont", 1, 4, 0, 60)]),
    ])
    doc, diags, _ = compose_edition(edition, fonts)
    texts = "".join(i.text for p in doc.pages for i in p.items if isinstance(i, GlyphRun))
    assert "转第" not in texts and "上接第" not in texts
    assert [d.slot for d in diags if d.code == "empty-continuation"] == ["a-cont"]


def test_jumps_chain_across_three_pages(layout, fonts, tmp_path):
    story = make_story("a", 16)
    edition = make_edition(layout, tmp_path, {"a": story}, [
        (1, [story_slot("a", 1, 2, 10, 40, continue_to=Continue(2, "a2"))]),
        (2, [replace(continuation_slot("a2", 1, 2, 0, 20), continue_to=Continue(3, "a3"))]),
        (3, [continuation_slot("a3", 1, 4, 0, 80)]),
    ])
    doc, diags, results = compose_edition(edition, fonts)
    jumps = ["".join(i.text for i in p.items if isinstance(i, GlyphRun) and i.role == "jump")
             for p in doc.pages]
    assert jumps == ["（转第2版）", "（转第3版）", ""]
    p3 = "".join(r.text for r in body_runs(results[0], 3))
    assert p3.startswith("（上接第2版）")
    all_text = strip_jumps("".join(r.text for pg in (1, 2, 3) for r in body_runs(results[0], pg)))
    assert all_text.replace(" ", "") == story_body_text(story).replace(" ", "")


def test_continuation_into_a_wider_column_rebreaks_the_rest(layout, fonts, tmp_path):
    wide = replace(layout, column_chars=18)
    story = make_story("a", 10)
    edition = make_edition(layout, tmp_path, {"a": story}, [
        (1, [story_slot("a", 1, 2, 10, 40, continue_to=Continue(2, "a-cont"))]),
        (2, [continuation_slot("a-cont", 1, 3, 0, 80)]),
    ])
    edition = replace(edition, pages=(edition.pages[0], replace(edition.pages[1], layout=wide)))
    doc, diags, results = compose_edition(edition, fonts)
    cont = body_runs(results[0], 2)
    widest = max(r.x + r.glyphs[-1].x + r.size for r in cont) - min(r.x for r in cont)
    assert widest > 14 * 9  # lines longer than 13 字: the rest was set again at 18 字


def test_overset_without_continuation_is_reported_with_its_size_and_last_words(
        layout, fonts, tmp_path):
    story = make_story("a", 10)
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [story_slot("a", 1, 2, 10, 30)])])
    doc, diags, results = compose_edition(edition, fonts)
    overset = [d for d in diags if d.code == "overset"]
    assert len(overset) == 1
    data = dict(overset[0].data)
    assert data["characters"] == len(results[0].overset_text) > 100
    assert data["lines"] >= data["characters"] // 13
    placed = strip_jumps("".join(r.text for r in body_runs(results[0], 1)))
    assert data["last_words"] and placed.endswith(data["last_words"])
    assert (placed + results[0].overset_text).replace(" ", "") == \
        story_body_text(story).replace(" ", "")
    assert any(isinstance(i, Marker) and i.kind == "overset" for i in doc.pages[0].items)


def test_the_dateline_runs_in_bold_at_the_start_and_the_byline_closes_the_story(
        layout, fonts, tmp_path):
    story = make_story("a", 2)
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [story_slot("a", 1, 2, 10, 60)])])
    _, _, results = compose_edition(edition, fonts)
    runs = body_runs(results[0], 1)
    assert runs[0].text == "本报讯"
    assert "Bold" in runs[0].face.name
    assert runs[-1].text.endswith("（于健、付磊）")
    grid = PageGrid(layout)
    right_edge = grid.column_x(2) + layout.column_width
    last = runs[-1]
    assert abs(last.x + last.glyphs[-1].x + last.size - right_edge) < last.size * 0.6


def test_a_byline_placed_at_the_top_opens_the_body_on_its_own_line(layout, fonts, tmp_path):
    story = replace(make_story("a", 2), byline="本报记者　王勇", byline_place="top")
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [story_slot("a", 1, 2, 10, 60)])])
    _, _, results = compose_edition(edition, fonts)
    runs = body_runs(results[0], 1)
    assert runs[0].role == "byline" and runs[0].text == "本报记者　王勇"
    assert runs[1].text == "本报讯" and runs[1].y > runs[0].y
    assert not any(r.role == "byline" for r in runs[1:])


def test_a_boxed_story_keeps_its_text_clear_of_the_frame_on_the_character_grid(
        layout, fonts, tmp_path):
    from typeset.compose.context import ComposeContext
    from typeset.compose.story import text_columns
    from typeset.frame import Box
    from typeset.text import CompositionRules

    story = make_story("a", 4)
    slot = replace(story_slot("a", 1, 3, 10, 80), box=True)
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [slot])])
    doc, _, results = compose_edition(edition, fonts)
    (frame,) = [i for i in results[0].slots[0].items if isinstance(i, Box)]
    ctx = ComposeContext(layout, fonts, CompositionRules(), edition)
    xs, width = text_columns(slot, ctx)
    em = layout.body_size
    assert abs(width / em - round(width / em)) < 1e-6        # whole characters wide
    assert xs[0] >= frame.x + em - 1e-6                      # 1 em clear of the frame
    assert xs[-1] + width <= frame.x + frame.width - em + 1e-6
    runs = body_runs(results[0], 1)
    assert {max(x for x in xs if x <= r.x + 1e-3) for r in runs} == set(xs)


def test_a_dateline_with_the_reporter_in_brackets_runs_straight_into_the_text(
        layout, fonts, tmp_path):
    story = replace(make_story("a", 1), dateline="本报讯（记者 韩雪松）")
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [story_slot("a", 1, 2, 10, 60)])])
    _, _, results = compose_edition(edition, fonts)
    text = "".join(r.text for r in body_runs(results[0], 1))
    assert text.startswith("本报讯（记者 韩雪松）" + story.paragraphs[0].text[:3])
    plain = make_edition(layout, tmp_path, {"a": make_story("a", 1)},
                         [(1, [story_slot("a", 1, 2, 10, 60)])])
    _, _, results = compose_edition(plain, fonts)
    assert "".join(r.text for r in body_runs(results[0], 1)).startswith("本报讯\u3000")


def test_biancolumns_set_three_base_columns_as_two_wider_ones(layout, fonts, tmp_path):
    """变栏 三破二: 3 × 13 字 + 2 gutters = 41 字 → two columns of 20 字 and one gutter."""
    from typeset.compose.context import ComposeContext
    from typeset.compose.story import text_columns
    from typeset.text import CompositionRules

    story = make_story("a", 6)
    slot = replace(story_slot("a", 1, 3, 10, 80), text_columns=2)
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [slot])])
    _, diags, results = compose_edition(edition, fonts)
    em, grid = layout.body_size, PageGrid(layout)
    xs, width = text_columns(slot, ComposeContext(layout, fonts, CompositionRules(), edition))
    assert width == 20 * em
    assert xs == [grid.column_x(1), grid.column_x(1) + 21 * em]
    runs = body_runs(results[0], 1)
    assert {max(x for x in xs if x <= r.x + 1e-3) for r in runs} == set(xs)
    full = [r for r in runs if r.x == xs[1] and r.text[-1] not in "，。、；：”）"]
    ends = {round(r.x + r.glyphs[-1].x + r.size, 2) for r in full}
    assert round(xs[1] + width, 2) in ends  # justified lines end at the column's right edge
    assert not [d for d in diags if d.code == "overset"]


def test_a_headline_taller_than_its_slot_is_reported(layout, fonts, tmp_path):
    story = make_story("a", 1)
    edition = make_edition(layout, tmp_path, {"a": story}, [(1, [story_slot("a", 1, 1, 10, 13)])])
    _, diags, _ = compose_edition(edition, fonts)
    codes = {d.code for d in diags}
    assert "headline-overflows-slot" in codes and "overset" in codes
    overset = next(d for d in diags if d.code == "overset")
    assert "no body line fits" in overset.message


def test_recomposing_reuses_unchanged_stories_and_sets_changed_ones_again(
        layout, fonts, tmp_path):
    a, b = make_story("a", 3), make_story("b", 3)
    pages = [(1, [story_slot("a", 1, 2, 10, 60), story_slot("b", 3, 2, 10, 60)])]
    _, _, first = compose_edition(make_edition(layout, tmp_path, {"a": a, "b": b}, pages), fonts)
    edited = replace(b, paragraphs=b.paragraphs[:1])
    _, _, second = compose_edition(make_edition(layout, tmp_path, {"a": a, "b": edited}, pages),
                                   fonts)
    assert second[0] is first[0]                    # story a: the same result, not set again
    assert second[1] is not first[1]
    assert len(body_runs(second[1], 1)) < len(body_runs(first[1], 1))
    moved = [(1, [story_slot("a", 1, 2, 12, 60), story_slot("b", 3, 2, 10, 60)])]
    _, _, third = compose_edition(make_edition(layout, tmp_path, {"a": a, "b": b}, moved), fonts)
    assert third[0] is not first[0]                 # a moved slot is set again


def test_a_label_longer_than_its_slot_is_reported(layout, fonts, tmp_path):
    from typeset.model.edition import GridArea, Slot

    label = Slot("label-1", "label", GridArea(1, 1, 10, 11), label="聚焦安全生产" * 6,
                 style="label")
    edition = make_edition(layout, tmp_path, {}, [(1, [label])])
    _, diags, _ = compose_edition(edition, fonts)
    assert [(d.code, d.slot) for d in diags if d.code == "text-overflows-slot"] == [
        ("text-overflows-slot", "label-1")]


def test_a_photo_placed_at_the_bottom_ends_at_the_slot_foot_with_text_above(
        layout, fonts, photo_file):
    from typeset.frame import ImageItem
    from typeset.model.edition import Photo

    story = make_story("a", 3)
    photo = Photo(photo_file.name, caption="图片说明。", credit="某某 摄", span=2, lines=10,
                  place="bottom")
    slot = replace(story_slot("a", 1, 3, 10, 70), photo=photo)
    edition = make_edition(layout, photo_file.parent, {"a": story}, [(1, [slot])])
    _, _, results = compose_edition(edition, fonts)
    items = results[0].slots[0].items
    (image,) = [i for i in items if isinstance(i, ImageItem)]
    foot = PageGrid(layout).line_top(70)
    credit = [i for i in items if isinstance(i, GlyphRun) and i.role == "credit"]
    assert image.y > PageGrid(layout).line_top(40) and credit and max(c.y for c in credit) < foot
    body_left = [r for r in body_runs(results[0], 1) if r.x < image.x + image.width]
    assert body_left and max(r.y for r in body_left) < image.y
