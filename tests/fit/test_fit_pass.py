"""The fitting pass on real type: every item of a stack ends on its text (issue 18)."""

from __future__ import annotations

from fit_kit import codes, fitted, story_text

from typeset.fit import measure
from typeset.fit.pass_ import contexts_for
from typeset.model.edition import GridArea

BAD = {"overset", "underset", "empty-continuation", "headline-overflows-slot", "fit-over",
       "fit-short", "overlap"}


def _areas(result):
    return {s.id: s.area for s in result.edition.pages[0].slots}


def test_a_stack_of_stories_and_a_label_fills_its_box_without_overset_or_underset(
        tmp_path, fonts):
    slots = """\
      - at: {column: 1, span: 3, top: 10, bottom: 100}
        stack:
          - label: 聚焦平安澄川
          - story: a
          - story: b
          - story: c
            continue: {page: 1, slot: rest}
      - id: rest
        at: {column: 4, span: 3, top: 10, bottom: auto}
"""
    stories = {"a": story_text(300), "b": story_text(500, "消防演练进社区"),
               "c": story_text(3000, "志愿服务暖人心")}
    result, diags, _ = fitted(tmp_path, slots, stories, fonts)
    assert not BAD & set(codes(diags + result.diagnostics)), [d.format() for d in diags]
    areas = _areas(result)
    label, a, b, c = areas["label-1-1001"], areas["a"], areas["b"], areas["c"]
    assert label.top == 10 and c.bottom == 100
    assert label.bottom <= a.top and a.bottom <= b.top and b.bottom <= c.top
    assert "jump" in codes(diags)
    by_slot = {i.slot: i for i in result.items}
    assert by_slot["a"].chars == 300 and by_slot["a"].given >= by_slot["a"].natural


def test_natural_height_is_the_least_height_that_sets_the_story(tmp_path, fonts):
    slots = """\
      - story: a
        at: {column: 2, span: 4, top: 20, bottom: auto}
"""
    result, diags, _ = fitted(tmp_path, slots, {"a": story_text(900)}, fonts)
    assert not BAD & set(codes(diags)), [d.format() for d in diags]
    area = _areas(result)["a"]
    assert area.top == 20
    edition = result.edition
    page = edition.pages[0]
    ctx = contexts_for(edition, fonts, {})[page.layout.name]
    slot = page.slots[0]
    from dataclasses import replace

    from typeset.compose.story import ChainLink, compose_story

    shorter = replace(slot, area=GridArea(2, 4, 20, area.bottom - 1))
    result2 = compose_story(edition.stories["a"], [ChainLink(page, shorter, ctx)])
    assert result2.overset_text                         # one line less does not hold it
    assert measure.story_height(edition.stories["a"], slot, page, ctx).lines == area.lines


def test_a_row_makes_its_children_one_height(tmp_path, fonts, photo_file):
    slots = """\
      - at: {column: 1, span: 6, top: 10, bottom: auto}
        stack:
          - row:
              - span: 3
                stack: [{story: a}, {story: b}]
              - span: 3
                story: c
                photo: {file: photos/photo.jpg, caption: 澄川港三期码头。, credit: 记者 摄}
"""
    stories = {"a": story_text(400), "b": story_text(420, "消防演练进社区"),
               "c": story_text(500, "港口航线再添新班")}
    result, diags, _ = fitted(tmp_path, slots, stories, fonts,
                              files={"photos/photo.jpg": photo_file.read_bytes()})
    assert not BAD & set(codes(diags + result.diagnostics)), [d.format() for d in diags]
    areas = _areas(result)
    assert areas["a"].top == areas["c"].top == 10
    assert areas["b"].bottom == areas["c"].bottom


def test_what_the_levers_cannot_absorb_is_reported_in_characters_and_lines(tmp_path, fonts):
    slots = """\
      - at: {column: 1, span: 2, top: 10, bottom: 40}
        stack:
          - story: a
          - story: b
"""
    stories = {"a": story_text(400), "b": story_text(900, "消防演练进社区")}
    result, diags, _ = fitted(tmp_path, slots, stories, fonts)
    (diag,) = [d for d in result.diagnostics if d.code == "fit-over"]
    # the lowest story gives way: a is set whole, b to the box's foot, its overset reported
    assert diag.slot == "b" and "'b' is given" in diag.message
    assert "字" in diag.hint and "lines at" in diag.hint and "continue" in diag.hint
    areas = _areas(result)
    assert areas["a"].top == 10 and areas["b"].bottom == 40
    assert [d.slot for d in diags if d.code == "overset"] == ["b"]



def test_a_stack_no_cut_can_fit_says_how_many_lines_it_needs(tmp_path, fonts):
    slots = """\
      - at: {column: 1, span: 2, top: 10, bottom: 40}
        stack:
          - {ad: {text: 福运相伴 益起出彩}, lines: 80}
          - story: a
          - {ad: {text: 公益同行}, lines: 80}
"""
    result, _diags, _ = fitted(tmp_path, slots, {"a": story_text(300)}, fonts)
    (diag,) = [d for d in result.diagnostics if d.code == "fit-impossible"]
    assert "more than 130 grid lines, the box has 30" in diag.message  # box + a page
    assert "move items out" in diag.hint and diag.source.line == 10


def test_a_bottom_auto_stack_past_the_foot_is_cut_as_a_box_over(tmp_path, fonts):
    slots = """\
      - at: {column: 1, span: 2, top: 60, bottom: auto}
        stack:
          - story: a
          - story: b
"""
    stories = {"a": story_text(500), "b": story_text(900, "消防演练进社区")}
    result, diags, _ = fitted(tmp_path, slots, stories, fonts)
    areas = _areas(result)
    assert areas["a"].top == 60 and areas["b"].bottom == 100     # down to the foot, no further
    assert areas["a"].bottom <= areas["b"].top
    (over,) = [d for d in result.diagnostics if d.code == "fit-over"]
    assert over.slot == "b" and "字" in over.hint
    assert [d.slot for d in diags if d.code == "overset"] == ["b"]
    assert not {"headline-overflows-slot", "headline-without-body"} & set(codes(diags))


def test_the_last_part_of_a_jump_chain_is_as_tall_as_what_the_parts_before_it_leave(
        tmp_path, fonts):
    """A → B → C: B is a fixed box that jumps on, C (in a stack, no lines:) gets the height of
    what A and B leave of the story — not nothing, not all of it."""
    slots = """\
      - story: long
        at: {column: 1, span: 3, top: 10, bottom: 40}
        continue: {page: 2, slot: middle}
"""
    pages = """\
  - number: 2
    section: 综合
    editor: 李明
    slots:
      - id: middle
        at: {column: 1, span: 3, top: 0, bottom: 30}
        continue: {page: 3, slot: end}
  - number: 3
    section: 文化
    editor: 李明
    slots:
      - at: {column: 1, span: 3, top: 0, bottom: 100}
        stack:
          - story: first
          - id: end
          - story: after
"""
    stories = {"long": story_text(2600, "澄川新建充电桩千余个"),
               "first": story_text(400, "消防演练进社区"),
               "after": story_text(1700, "志愿服务暖人心")}
    result, diags, _ = fitted(tmp_path, slots, stories, fonts, pages=pages)
    assert not BAD & set(codes(diags + result.diagnostics)), [d.format() for d in diags]
    areas = {s.id: s.area for s in result.edition.pages[2].slots}
    end, first, after = areas["end"], areas["first"], areas["after"]
    assert first.bottom <= end.top < end.bottom <= after.top and after.bottom == 100
    from typeset.compose.story import ChainLink, compose_story
    edition = result.edition
    ctxs = contexts_for(edition, fonts, {})
    chain = [ChainLink(page, slot, ctxs[page.layout.name]) for page, sid in
             ((edition.pages[0], "long"), (edition.pages[1], "middle"), (edition.pages[2], "end"))
             for slot in page.slots if slot.id == sid]
    composed = compose_story(edition.stories["long"], chain)
    assert not composed.overset_text
    assert 0 < composed.slots[2].lines_used <= end.bottom - end.top  # (no underset: BAD)
