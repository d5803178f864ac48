"""Automatic make-up (issue 19) on the synthetic test font: the desk's rules of 版面."""

from __future__ import annotations

from editions_kit import PAGE_ONE
from fit_kit import story_text
from manifest_kit import EditionMaker

from typeset.compose import compose_edition
from typeset.fit import fit_edition
from typeset.makeup import make_up_edition
from typeset.pipeline import image_sizes

BAD = {"overset", "underset", "fit-over", "fit-short", "make-up-over", "make-up-short",
       "overlap", "headline-overflows-slot", "empty-continuation"}

ITEMS = """\
    make_up: auto
    items:
      - story: lead
      - story: second
      - story: third
        box: true
      - label: 聚焦平安澄川
        over: [brief1, brief2]
      - story: brief1
      - story: brief2
      - story: fourth
      - story: fifth
        box: true
"""

STORIES = {
    "lead": story_text(2000, "全市重点项目集中开工"),
    "second": story_text(1200, "港口航线再添新班"),
    "third": story_text(900, "让创新的活水奔涌不息"),
    "brief1": story_text(300, "消防演练进社区"),
    "brief2": story_text(320, "志愿服务暖人心"),
    "fourth": story_text(1000, "老街区焕新颜"),
    "fifth": story_text(700, "春耕备耕正当时"),
}


def _levels(stories: dict, lead_level: int = 1) -> dict:
    out = {}
    for name, text in stories.items():
        level = lead_level if name == "lead" else 2
        out[name] = text.replace("---\nheadline:", f"---\nlevel: {level}\nheadline:", 1)
    return out


def made(tmp_path, fonts, items: str = ITEMS, stories: dict | None = None,
         levels: bool = True):
    """(edition after make-up and fit, compose diagnostics, make-up result) of page 1; the
    lead at level 1 and the others at 2 unless `levels` is False (all at 1 then)."""
    maker = EditionMaker(tmp_path)
    manifest = PAGE_ONE.replace("    slots:\n", items)
    stories = stories or STORIES
    folder = maker.write(manifest, _levels(stories) if levels else stories)
    edition, _ = maker.load(folder)
    sizes, _ = image_sizes(edition)
    mu = make_up_edition(edition, fonts, sizes)
    fit = fit_edition(mu.edition, fonts, sizes)
    _doc, diags, _ = compose_edition(fit.edition, fonts, sizes)
    return fit.edition, diags + mu.diagnostics + fit.diagnostics, mu


def _stories(edition):
    return [s for s in edition.pages[0].slots if s.kind == "story"]


def test_the_page_is_full_and_nothing_is_overset_or_underset(tmp_path, test_fonts):
    edition, diags, _ = made(tmp_path, test_fonts)
    assert not BAD & {d.code for d in diags}, [d.format() for d in diags if d.code in BAD]
    page = edition.pages[0]
    used = sum(s.area.span * s.area.lines for s in page.slots)
    free = page.layout.columns * (page.layout.lines - 10)
    assert used >= 0.9 * free


def test_the_lead_is_at_the_top_widest_with_the_largest_headline(tmp_path, test_fonts):
    edition, _, _ = made(tmp_path, test_fonts)
    stories = {s.id: s for s in _stories(edition)}
    lead = stories["lead"]
    assert lead.area.top == 10                                  # below the masthead
    assert lead.area.top < 10 + (100 - 10) // 4                 # in the top quarter
    assert all(lead.area.span >= s.area.span for s in stories.values())
    level = edition.stories["lead"].headline.level
    assert all(edition.stories[s.story].headline.level >= level for s in stories.values())


def test_no_two_horizontal_headlines_stand_side_by_side(tmp_path, test_fonts):
    edition, _, _ = made(tmp_path, test_fonts)
    heads = [s for s in _stories(edition) if not s.headline_vertical]
    for a in heads:
        for b in heads:
            if a is b or b.area.column != a.area.column + a.area.span:
                continue
            assert abs(a.area.top - b.area.top) >= 3, (a.id, b.id)   # 撞题


def test_modules_are_rectangles_that_tile_without_overlap_and_spans_are_two_or_more(
        tmp_path, test_fonts):
    edition, _, _ = made(tmp_path, test_fonts)
    slots = edition.pages[0].slots
    cells = set()
    for s in slots:
        assert s.area.span >= 2 or s.kind not in ("story",)
        for c in range(s.area.column, s.area.column + s.area.span):
            for line in range(s.area.top, s.area.bottom):
                assert (c, line) not in cells, s.id
                cells.add((c, line))


def test_boxed_items_do_not_touch_and_a_label_stays_over_its_stories(tmp_path, test_fonts):
    edition, _, _ = made(tmp_path, test_fonts)
    by_id = {s.id: s for s in edition.pages[0].slots}
    third, fifth = by_id["third"].area, by_id["fifth"].area
    side = third.column + third.span == fifth.column or fifth.column + fifth.span == third.column
    rows = max(third.top, fifth.top) < min(third.bottom, fifth.bottom)
    stacked = third.bottom in (fifth.top, fifth.top - 1) or fifth.bottom in (third.top,
                                                                            third.top - 1)
    cols = max(third.column, fifth.column) < min(third.column + third.span,
                                                 fifth.column + fifth.span)
    assert not (side and rows) and not (stacked and cols)
    label = next(s for s in edition.pages[0].slots if s.kind == "label")
    for brief in ("brief1", "brief2"):
        area = by_id[brief].area
        assert area.top >= label.area.bottom
        assert label.area.column <= area.column < label.area.column + label.area.span


def test_the_same_items_give_the_same_page(tmp_path, test_fonts):
    one, _, _ = made(tmp_path / "a", test_fonts)
    two, _, _ = made(tmp_path / "b", test_fonts)
    assert [(s.id, s.area) for s in one.pages[0].slots] == [
        (s.id, s.area) for s in two.pages[0].slots]


def test_too_much_copy_is_reported_per_story_in_characters_and_lines(tmp_path, test_fonts):
    stories = dict(STORIES, lead=story_text(9000, "全市重点项目集中开工"),
                   second=story_text(6000, "港口航线再添新班"))
    _, diags, mu = made(tmp_path, test_fonts, stories=stories)
    over = [d for d in diags if d.code == "make-up-over"]
    assert over and "字" in over[0].hint and "lines" in over[0].hint
    assert "lead:" in over[0].hint and "continue" in over[0].hint


def test_a_pinned_item_stays_where_it_is(tmp_path, test_fonts):
    items = ITEMS + """\
      - ad: {text: 澄川福彩 公益同行}
        at: {column: 1, span: 2, top: 86, bottom: 100}
"""
    edition, diags, _ = made(tmp_path, test_fonts, items)
    ad = next(s for s in edition.pages[0].slots if s.kind == "ad")
    assert (ad.area.column, ad.area.span, ad.area.top, ad.area.bottom) == (1, 2, 86, 100)
    assert "overlap" not in {d.code for d in diags}


def test_a_story_may_continue_on_a_page_that_only_receives_continuations(tmp_path, test_fonts):
    items = ITEMS.replace("      - story: second\n",
                          "      - story: second\n        continue: {page: 2}\n")
    pages = """\
  - number: 2
    section: 综合
    make_up: auto
"""
    stories = dict(STORIES, second=story_text(4000, "港口航线再添新班"))
    maker = EditionMaker(tmp_path)
    manifest = PAGE_ONE.replace("    slots:\n", items) + pages
    folder = maker.write(manifest, _levels(stories))
    edition, _ = maker.load(folder)
    target = edition.page(2)
    assert [s.id for s in target.slots] == ["second-cont"] and target.makeup[0].made
    sizes, _ = image_sizes(edition)
    mu = make_up_edition(edition, test_fonts, sizes)
    fit = fit_edition(mu.edition, test_fonts, sizes)
    _doc, diags, results = compose_edition(fit.edition, test_fonts, sizes)
    second = next(r for r in results if r.story == "second")
    assert len(second.slots) == 2 and not second.overset_text
    assert any(d.code == "jump" and d.story == "second" for d in diags)
