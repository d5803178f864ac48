"""Distribution of body lines over a slot's columns: fill order, balance, widows, overflow."""

from typeset.flow import Column, LineKey, balance_level, distribute, reserve_last_line


def keys_for(*paragraph_lengths: int) -> tuple[LineKey, ...]:
    return tuple(LineKey(p, i == 0, i == n - 1)
                 for p, n in enumerate(paragraph_lengths) for i in range(n))


def columns(n: int, top: int = 0, bottom: int = 10) -> tuple[Column, ...]:
    return tuple(Column(i * 126.0, 117.0, top, bottom) for i in range(n))


def test_text_that_fits_is_balanced_with_the_remainder_in_the_last_column():
    dist = distribute(keys_for(7, 5, 2), columns(3))
    assert dist.placed == 14
    assert dist.counts == (5, 5, 4)
    assert dist.level == 5


def test_equal_columns_when_lines_divide_evenly():
    dist = distribute(keys_for(3, 3, 3), columns(3))
    assert dist.counts == (3, 3, 3)


def test_a_column_never_starts_with_a_paragraphs_single_last_line():
    # 4 + 3 lines in 3 columns would balance 3/3/1 with line 3 (paragraph 0's last) atop column 2.
    keys = keys_for(4, 3)
    dist = distribute(keys, columns(3))
    starts = dist.starts()
    for column, start in enumerate(starts[1:], 1):
        if dist.counts[column]:
            key = keys[start]
            assert not (key.last and not key.first), (dist, column)
    assert dist.placed == 7
    assert dist.widows == ()


def test_overflowing_text_fills_every_column_and_reports_what_was_placed():
    dist = distribute(keys_for(20, 20), columns(3))
    assert dist.placed < 40
    assert sum(dist.counts) == dist.placed
    assert dist.placed >= 29  # at most one line given up per column to avoid a widow


def test_columns_with_different_tops_end_level():
    cols = (Column(0, 117, 5, 10), Column(126, 117, 5, 10), Column(252, 117, 0, 10))
    level = balance_level(cols, 9)
    assert sum(c.capacity_to(level) for c in cols) >= 9
    assert sum(c.capacity_to(level - 1) for c in cols) < 9


def test_unbalanced_fill_goes_to_the_bottom_of_each_column():
    dist = distribute(keys_for(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), columns(2), balance=False)
    assert dist.counts == (10, 2)


def test_reserving_the_last_line_takes_it_from_the_last_column():
    cols, taken = reserve_last_line(columns(2))
    assert taken == Column(126.0, 117.0, 9, 10)
    assert cols[1].bottom == 9 and cols[0].bottom == 10


def test_reserving_in_full_empty_columns_gives_nothing():
    cols, taken = reserve_last_line((Column(0, 117, 4, 4),))
    assert taken is None


def test_a_column_never_ends_with_a_paragraphs_single_first_line():
    # 2 + 4 lines in 2 columns balance 3/3, leaving paragraph 1's first line alone at the foot
    # of column 0; it moves over so the paragraph starts at the top of column 1.
    keys = keys_for(2, 4)
    dist = distribute(keys, columns(2))
    end_of_first = dist.counts[0] - 1
    assert not (keys[end_of_first].first and not keys[end_of_first].last)
    assert dist.placed == 6


def test_an_overflowing_slot_does_not_end_on_a_lone_first_line():
    keys = keys_for(9, 5)      # 14 lines, 10 fit: line 9 (first of paragraph 1) would end it
    dist = distribute(keys, (Column(0, 117, 0, 10),))
    assert dist.placed == 9


def test_a_forced_orphan_is_reported():
    # Two columns of 2 lines, paragraphs of 1 and 3 lines: the only fill leaves paragraph 1's
    # first line at the foot of column 0, and column 0 cannot give up a line (it has only 2).
    keys = keys_for(1, 3)
    dist = distribute(keys, columns(2, 0, 2))
    assert dist.placed == 4
    assert dist.orphans == (1,)
