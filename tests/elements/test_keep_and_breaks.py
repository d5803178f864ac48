"""Keep-with-next in the column distribution (a crosshead with the lines under it), and forced
headline breaks from the story file to the page."""

from __future__ import annotations

import pytest

from typeset.flow import Column, LineKey, distribute

from elements_kit import COPY, HEAD, page, runs, story


def _keys(before: int, after: int) -> tuple[LineKey, ...]:
    """`before` lines of paragraph 0, a crosshead (space line + head line, kept with the next)
    and `after` lines of paragraph 2, whose first line is kept with the second."""
    keys = [LineKey(0, i == 0, i == before - 1) for i in range(before)]
    keys += [LineKey(1, False, False, keep=True), LineKey(1, True, True, keep=True)]
    keys += [LineKey(2, i == 0, i == after - 1, keep=i == 0) for i in range(after)]
    return tuple(keys)


@pytest.mark.parametrize("before", range(3, 12))
@pytest.mark.parametrize("balance", [True, False])
def test_no_column_break_falls_inside_a_kept_group(before, balance):
    keys = _keys(before, 12)
    columns = (Column(0, 100, 0, 10), Column(110, 100, 0, 10), Column(220, 100, 0, 10))
    dist = distribute(keys, columns, balance=balance)
    assert dist.placed == len(keys)
    for start in dist.starts()[1:]:
        if 0 < start < len(keys):
            assert not keys[start - 1].keep, (before, dist.counts)
    assert dist.stranded == ()


def test_a_kept_group_that_cannot_move_is_reported_stranded():
    keys = (LineKey(0, True, False, keep=True), LineKey(0, False, False, keep=True),
            LineKey(0, False, True))
    dist = distribute(keys, (Column(0, 100, 0, 2), Column(110, 100, 0, 2)), balance=False)
    assert dist.stranded == (1,)


def test_the_break_into_a_continuation_keeps_the_group_together():
    keys = _keys(8, 30)
    dist = distribute(keys, (Column(0, 100, 0, 10),), balance=False)
    assert dist.placed == 8                      # the crosshead moves on with its lines


def test_a_newline_in_the_headline_breaks_the_line_there(maker):
    """End to end: story_file keeps the newline, the composer breaks there."""
    folder = maker.write(HEAD + page(1, "- story: one\n  at: {column: 1, span: 4, top: 10, "
                                        "bottom: 90}"),
                         {"one": story('headline: "北山新材料\\n产业园二期全面开工"\n'
                                       'kicker: "春日开新局\\n项目建设正当时"', COPY + "\n")})
    result = maker.compose(folder)
    for role, want in (("headline-1", ["北山新材料", "产业园二期全面开工"]),
                       ("kicker", ["春日开新局", "项目建设正当时"])):
        lines: dict[float, str] = {}
        for run in runs(result, 1, role):
            lines[run.y] = lines.get(run.y, "") + run.text
        assert [t.strip() for _, t in sorted(lines.items())] == want


def test_space_lines_take_no_room_at_the_top_of_a_column():
    """A crosshead's space line that opens a column is dropped there: that column still holds
    its full number of printed lines."""
    keys = [LineKey(0, i == 0, i == 7) for i in range(8)]
    keys += [LineKey(1, False, False, keep=True, space=True), LineKey(1, True, True, keep=True)]
    keys += [LineKey(2, i == 0, i == 19, keep=i == 0) for i in range(20)]
    columns = (Column(0, 100, 0, 9), Column(110, 100, 0, 9))
    dist = distribute(tuple(keys), columns, balance=False)
    assert dist.counts == (8, 10)        # column 2: the space line (dropped) + 9 printed lines
    assert dist.placed == 18
