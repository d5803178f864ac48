"""The free space around pinned items, and the headline lever (the lead's 主题 largest)."""

from __future__ import annotations

from test_makeup_rules import ITEMS, STORIES, made

from typeset.makeup.regions import free_boxes


def _cells(way):
    return {(c, line) for col, span, top, bottom in way for c in range(col, col + span)
            for line in range(top, bottom)}


def test_the_boxes_tile_the_space_around_a_pinned_item_anywhere():
    for pinned in [(7, 2, 0, 16), (6, 3, 44, 72), (1, 8, 86, 100), (1, 2, 76, 100)]:
        ways = free_boxes(8, 100, 0, [pinned])
        assert ways, pinned
        c, s, t, b = pinned
        ad = {(x, y) for x in range(c, c + s) for y in range(t, b)}
        for way in ways:
            cells = _cells(way)
            assert not cells & ad
            assert len(cells) == 8 * 100 - len(ad)                  # no overlap, no hole
            assert sum(span * (bottom - top) for _c, span, top, bottom in way) == len(cells)


def test_a_pinned_item_leaving_only_slivers_gives_no_way():
    assert free_boxes(8, 100, 0, [(2, 7, 0, 100)]) == []              # one column left


def test_stories_as_large_as_the_lead_are_set_a_level_below(tmp_path, test_fonts):
    plain = {k: v for k, v in STORIES.items()}                        # every story level 1
    edition, diags, _mu = made(tmp_path, test_fonts, ITEMS, plain, levels=False)
    changed = {d.story for d in diags if d.code == "make-up-headline"}
    assert changed == set(STORIES) - {"lead"}
    levels = {k: s.headline.level for k, s in edition.stories.items()}
    assert levels["lead"] == 1 and all(levels[k] == 2 for k in changed)
