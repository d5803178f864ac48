"""The levers the fit uses last, applied on real type: the kicker/deck spacing (题间), the
empty line between modules, tracking (压字/拉字) of one story, and `paiban fit --write`
writing them back."""

from __future__ import annotations

from dataclasses import replace

from cli_kit import run
from fit_kit import codes, fitted, manifest, story_text
from manifest_kit import EditionMaker

from typeset.compose import compose_edition
from typeset.fit import fit_edition
from typeset.manifest import load_edition

BAD = {"overset", "underset", "fit-over", "fit-short", "headline-overflows-slot"}


def _story(chars: int, kicker: bool = False) -> str:
    text = story_text(chars, "城乡公交一体化提速")
    if kicker:
        text = text.replace("headline:", "kicker: 春日开新局 项目建设正当时\ndeck: 总投资86.5亿元 "
                            "建成后年产值预计突破120亿元\nheadline:", 1)
    return text


def _box(bottom) -> str:
    return f"""\
      - at: {{column: 1, span: 2, top: 10, bottom: {bottom}}}
        stack:
          - story: a
"""


def _natural(tmp_path, fonts, story: str) -> int:
    result, _diags, _ = fitted(tmp_path / "auto", _box("auto"), {"a": story}, fonts)
    (item,) = result.items
    return item.natural


def _item(result):
    (item,) = result.items
    return item


def test_a_story_one_line_too_long_for_its_box_is_set_closer(tmp_path, fonts):
    story = _story(1100)
    natural = _natural(tmp_path, fonts, story)
    result, diags, _ = fitted(tmp_path / "tight", _box(10 + natural - 1), {"a": story}, fonts)
    assert not BAD & set(codes(diags + result.diagnostics)), [d.format() for d in diags]
    item = _item(result)
    assert item.tracking is not None and -0.08 - 1e-9 <= item.tracking < 0 and "压字" in item.note
    slot = result.edition.pages[0].slots[0]
    assert slot.tracking == item.tracking and slot.area.bottom == 10 + natural - 1
    (grid,) = [d for d in result.diagnostics if d.code == "fit-tracking"]
    assert "字 grid" in grid.message and grid.slot == "a"
    assert "cut about" in grid.hint and "字 (" in grid.hint   # the copy that keeps the grid


def test_a_story_short_of_its_box_beyond_the_foot_is_set_looser(tmp_path, fonts):
    story = _story(1100)
    natural = _natural(tmp_path, fonts, story)
    result, diags, _ = fitted(tmp_path / "loose", _box(10 + natural + 4), {"a": story}, fonts)
    assert not BAD & set(codes(diags + result.diagnostics)), [d.format() for d in diags]
    item = _item(result)
    assert item.tracking is not None and 0 < item.tracking <= 0.08 and "拉字" in item.note


def test_the_spacing_of_kicker_and_deck_comes_before_tracking(tmp_path, fonts):
    story = _story(300, kicker=True)
    natural = _natural(tmp_path, fonts, story)
    result, diags, _ = fitted(tmp_path / "spacing", _box(10 + natural - 1), {"a": story}, fonts)
    assert not BAD & set(codes(diags + result.diagnostics)), [d.format() for d in diags]
    item = _item(result)
    assert item.spacing == -1 and not item.tracking and "题间紧1行" in item.note
    assert result.edition.pages[0].slots[0].headline_spacing == -1
    folder = next((tmp_path / "spacing").glob("ed*"))
    assert "wrote" in run("fit", folder, "--write").output
    assert "headline: {spacing: -1}" in (folder / "edition.yaml").read_text(encoding="utf-8")
    (slot,) = load_edition(folder)[0].pages[0].slots
    assert slot.headline_spacing == -1 and slot.area.bottom == 10 + natural - 1


def test_write_keeps_the_tracking_and_spacing_the_fit_chose(tmp_path, fonts):
    story = _story(1100)
    natural = _natural(tmp_path, fonts, story)
    result, _diags, folder = fitted(tmp_path / "write", _box(10 + natural - 1), {"a": story},
                                    fonts)
    tracking = _item(result).tracking
    out = run("fit", folder, "--write")
    assert "wrote" in out.output, out.output
    text = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert "stack:" not in text and f"tracking: {tracking}" in text
    again, _ = load_edition(folder)
    (slot,) = again.pages[0].slots
    assert slot.tracking == tracking and slot.area.bottom == 10 + natural - 1
    assert run("check", folder).exit_code == 0


def test_tracking_on_a_slot_other_than_a_story_is_refused_at_its_line(tmp_path):
    from editions_kit import PAGE_ONE
    from manifest_kit import line_of

    maker = EditionMaker(tmp_path)
    folder = maker.write(PAGE_ONE + """\
      - label: 聚焦平安澄川
        tracking: 0.02
        at: {column: 1, span: 2, top: 10, bottom: 13}
""", {})
    diag = maker.one(folder, "not-here")
    assert "tracking" in diag.message and diag.source.line == line_of(folder, "tracking: 0.02")


def _two(bottom) -> str:
    return f"""\
      - at: {{column: 1, span: 3, top: 10, bottom: {bottom}}}
        stack:
          - story: a
          - story: b
"""


def test_an_empty_line_between_modules_comes_before_a_foot(tmp_path, fonts):
    stories = {"a": _story(500), "b": _story(600)}
    auto, _d, _f = fitted(tmp_path / "auto", _two("auto"), stories, fonts)
    need = {i.slot: i.natural for i in auto.items}
    result, diags, _ = fitted(tmp_path / "gap", _two(10 + need["a"] + need["b"] + 1), stories,
                              fonts)
    assert not BAD & set(codes(diags + result.diagnostics)), [d.format() for d in diags]
    a, b = (next(s for s in result.edition.pages[0].slots if s.id == x) for x in "ab")
    assert a.area.lines == need["a"] and b.area.top == a.area.bottom + 1   # the gap lever
    assert b.area.lines == need["b"]


def test_a_layout_without_the_gap_lever_ends_a_story_higher_instead(tmp_path, fonts):
    stories = {"a": _story(500), "b": _story(600)}
    auto, _d, _f = fitted(tmp_path / "auto", _two("auto"), stories, fonts)
    need = {i.slot: i.natural for i in auto.items}
    maker = EditionMaker(tmp_path / "nogap")
    edition, _ = maker.load(maker.write(manifest(_two(10 + sum(need.values()) + 1)), stories))
    page = edition.pages[0]
    layout = replace(page.layout, fit={"order": ("photo", "headline", "foot")})
    edition = replace(edition, pages=(replace(page, layout=layout),))
    result = fit_edition(edition, fonts, {})
    _doc, diags, _ = compose_edition(result.edition, fonts, {})
    assert not BAD & set(codes(diags + result.diagnostics))
    a, b = (next(s for s in result.edition.pages[0].slots if s.id == x) for x in "ab")
    assert b.area.top == a.area.bottom and a.area.lines + b.area.lines == sum(need.values()) + 1
    assert any("脚空1行" in i.note for i in result.items)
