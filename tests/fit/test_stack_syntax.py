"""Reading stacks and rows (issue 18 syntax): the tree, the slots, errors at file:line."""

from __future__ import annotations

from editions_kit import PAGE_ONE
from manifest_kit import STORY, EditionMaker, line_of

from typeset.model.stack import Leaf, Row, Stack, leaves

STACK = """\
      - at: {column: 1, span: 5, top: 10, bottom: 100}
        stack:
          - story: a
            columns: 3
          - row:
              - span: 2
                stack:
                  - {story: b, headline: vertical}
                  - {story: c}
              - span: 3
                stack: [{story: d}, {story: e, continue: {page: 1, slot: cont}}]
          - label: 聚焦安全生产
          - ad: {text: 福运相伴 益起出彩}
            lines: 8
      - id: cont
        at: {column: 6, span: 3, top: 10, bottom: 100}
"""


def _stories(*names):
    return {n: STORY for n in names}


def test_a_stack_with_a_row_reads_into_a_tree_and_one_slot_per_item(tmp_path):
    maker = EditionMaker(tmp_path)
    edition, _ = maker.load(maker.write(PAGE_ONE + STACK, _stories(*"abcde")))
    page = edition.pages[0]
    (container,) = page.containers
    assert (container.column, container.span, container.top, container.bottom) == (1, 5, 10,
                                                                                    100)
    root = container.root
    assert isinstance(root, Stack) and len(root.children) == 4
    row = root.children[1]
    assert isinstance(row, Row) and [c.span for c in row.children] == [2, 3]
    assert [c.column for c in row.children] == [1, 3]
    ids = [leaf.slot_id for leaf in leaves(root)]
    assert ids[:5] == ["a", "b", "c", "d", "e"]
    by_id = {s.id: s for s in page.slots}
    assert by_id["a"].text_columns == 3 and by_id["b"].headline_vertical == "right"
    e = next(leaf for leaf in leaves(root) if leaf.slot_id == "e")
    assert e.elastic and not next(x for x in leaves(root) if x.slot_id == "d").elastic
    ad = leaves(root)[-1]
    assert isinstance(ad, Leaf) and ad.lines == 8 and by_id[ad.slot_id].kind == "ad"
    # provisional areas: inside the box, none overlapping (the loader's checks passed)
    for leaf in leaves(root):
        area = by_id[leaf.slot_id].area
        assert 10 <= area.top < area.bottom <= 100
        assert (area.column, area.span) == (leaf.column, leaf.span)


def test_row_spans_must_add_up_to_the_parents_width(tmp_path):
    maker = EditionMaker(tmp_path)
    bad = STACK.replace("              - span: 3\n", "              - span: 2\n")
    folder = maker.write(PAGE_ONE + bad, _stories(*"abcde"))
    diag = maker.one(folder, "row-span")
    assert "add up to 4" in diag.message and "5 wide" in diag.message
    assert diag.source.line == line_of(folder, "- row:") + 1
    assert "add up to 5" in diag.hint


def test_an_item_of_a_stack_takes_no_at(tmp_path):
    maker = EditionMaker(tmp_path)
    slots = """\
      - at: {column: 1, span: 4, top: 10, bottom: 60}
        stack:
          - story: a
            at: {column: 1, span: 4, top: 10, bottom: 30}
"""
    folder = maker.write(PAGE_ONE + slots, _stories("a"))
    diag = maker.one(folder, "not-here")
    assert diag.source.line == line_of(folder, "at: {column: 1, span: 4, top: 10, bottom: 30}")
    assert "lines:" in diag.hint


def test_unknown_keys_in_items_are_reported_where_they_are(tmp_path):
    maker = EditionMaker(tmp_path)
    slots = """\
      - at: {column: 1, span: 4, top: 10, bottom: 60}
        stack:
          - story: a
            headlin: vertical
"""
    folder = maker.write(PAGE_ONE + slots, _stories("a"))
    diag = maker.one(folder, "unknown-key")
    assert diag.source.line == line_of(folder, "headlin:") and "headline" in diag.hint


def test_a_row_item_without_span_is_an_error(tmp_path):
    maker = EditionMaker(tmp_path)
    slots = """\
      - at: {column: 1, span: 4, top: 10, bottom: 60}
        stack:
          - row:
              - {story: a}
              - {span: 2, story: b}
"""
    folder = maker.write(PAGE_ONE + slots, _stories("a", "b"))
    diag = maker.one(folder, "row-span")
    assert diag.source.line == line_of(folder, "- {story: a}")


def test_bottom_auto_on_a_plain_slot_is_a_container_of_one(tmp_path):
    maker = EditionMaker(tmp_path)
    slots = """\
      - story: a
        at: {column: 1, span: 4, top: 10, bottom: auto}
"""
    edition, _ = maker.load(maker.write(PAGE_ONE + slots, _stories("a")))
    (container,) = edition.pages[0].containers
    assert container.auto and container.top == 10
    assert [leaf.slot_id for leaf in leaves(container.root)] == ["a"]
    assert edition.pages[0].slots[0].story == "a"


def test_a_stack_overlapping_a_plain_slot_is_refused(tmp_path):
    maker = EditionMaker(tmp_path)
    slots = STACK + """\
      - story: f
        at: {column: 2, span: 2, top: 90, bottom: 100}
"""
    folder = maker.write(PAGE_ONE + slots, _stories(*"abcdef"))
    assert maker.one(folder, "overlap")


def test_a_stack_without_at_takes_the_type_area_below_the_masthead_on_page_one(tmp_path):
    maker = EditionMaker(tmp_path)
    slots = """\
      - stack:
          - story: a
          - story: b
"""
    edition, _ = maker.load(maker.write(PAGE_ONE + slots, _stories("a", "b")))
    (container,) = edition.pages[0].containers
    assert (container.column, container.span, container.top, container.bottom) == (1, 8, 10,
                                                                                    100)


def test_the_same_photo_twice_in_a_stack_gets_two_ids(tmp_path):
    maker = EditionMaker(tmp_path)
    slots = """\
      - at: {column: 1, span: 4, top: 10, bottom: 100}
        stack:
          - photo: {file: photos/p.jpg}
          - story: a
          - photo: {file: photos/p.jpg, caption: 又一张。}
"""
    from stack_pages_kit import jpeg

    folder = maker.write(PAGE_ONE + slots, _stories("a"), {"photos/p.jpg": jpeg(800, 600)})
    edition, _ = maker.load(folder)
    ids = [leaf.slot_id for leaf in leaves(edition.pages[0].containers[0].root)]
    assert ids == ["photo-p", "a", "photo-p-2"]
