"""Sharing a box out (typeset.fit.share): exact heights, rows of one height, cheapest levers."""

from __future__ import annotations

from typeset.fit.share import SHORT_WEIGHT, Choice, choose, options, place
from typeset.model.stack import Leaf, Row, Stack


def offers(table: dict[str, dict[int, float]]):
    """leaf_options from {slot id: {height: cost}}."""
    def leaf_options(leaf: Leaf, cap: int):
        return {h: Choice(h, h, cost=c) for h, c in table[leaf.slot_id].items()}
    return leaf_options


def test_a_stack_takes_the_cheapest_heights_that_add_up_to_the_box():
    root = Stack(1, 3, (Leaf("a", 1, 3), Leaf("b", 1, 3)))
    leaf_options = offers({"a": {10: 0, 11: 1, 12: 2}, "b": {20: 0, 21: 5}})
    table = options(root, 40, leaf_options, 0, 1.0)
    height, how = choose(table, 32)
    assert (height, how) == (32, "exact")
    out = {}
    place(root, table[height][1], 5, height, out)
    assert (out["a"][0].top, out["a"][0].bottom) == (5, 17)      # a +2 (cost 2) beats b +1 (5)
    assert (out["b"][0].top, out["b"][0].bottom) == (17, 37)


def test_gaps_between_modules_are_a_lever_with_their_own_cost():
    root = Stack(1, 3, (Leaf("a", 1, 3), Leaf("b", 1, 3)))
    table = options(root, 40, offers({"a": {10: 0}, "b": {20: 0}}), 1, 3.0)
    assert table[31][0] == 3.0 and 32 not in table
    out = {}
    place(root, table[31][1], 0, 31, out)
    assert out["b"][0].top == 11                                   # one empty line between


def test_a_row_takes_a_height_every_child_can_take():
    row = Row(1, 4, (Stack(1, 2, (Leaf("a", 1, 2),)), Stack(3, 2, (Leaf("b", 3, 2),
                                                                   Leaf("c", 3, 2)))))
    table = options(Stack(1, 4, (row,)), 50,
                    offers({"a": {18: 0, 19: 1, 20: 2}, "b": {8: 0, 9: 1}, "c": {10: 0}}), 0, 1)
    assert sorted(h for h in table if table[h][0] < SHORT_WEIGHT) == [18, 19]
    height, how = choose(table, None)
    assert (height, how) == (18, "auto")
    out = {}
    place(Stack(1, 4, (row,)), table[18][1], 0, 18, out)
    assert out["a"][0].lines == 18 and out["b"][0].lines + out["c"][0].lines == 18


def test_no_exact_height_takes_the_nearest_shorter_then_reports_it():
    table = options(Stack(1, 2, (Leaf("a", 1, 2),)), 100, offers({"a": {10: 0, 30: 0}}), 0, 1)
    assert choose(table, 20) == (10, "short")
    assert choose(table, 5) == (10, "over")
    assert choose({}, 5) == (None, "none")


def test_a_row_whose_children_share_no_height_leaves_the_shorter_one_short():
    row = Row(1, 4, (Leaf("a", 1, 2), Leaf("b", 3, 2)))
    table = options(Stack(1, 4, (row,)), 50, offers({"a": {30: 0}, "b": {10: 0, 11: 1}}), 0, 1)
    assert sorted(table) == [30] and table[30][0] == 1 + 19 * SHORT_WEIGHT
    out = {}
    place(Stack(1, 4, (row,)), table[30][1], 0, 30, out)
    assert out["a"][0].lines == 30 and out["b"][0].lines == 11
