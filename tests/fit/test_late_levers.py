"""The levers the fit uses last, applied on real type: the kicker/deck spacing (题间) and
tracking (压字/拉字) of one story, and `paiban fit --write` writing them back."""

from __future__ import annotations

from cli_kit import run
from fit_kit import codes, fitted, story_text

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
    from manifest_kit import EditionMaker, line_of

    from editions_kit import PAGE_ONE

    maker = EditionMaker(tmp_path)
    folder = maker.write(PAGE_ONE + """\
      - label: 聚焦平安澄川
        tracking: 0.02
        at: {column: 1, span: 2, top: 10, bottom: 13}
""", {})
    diag = maker.one(folder, "not-here")
    assert "tracking" in diag.message and diag.source.line == line_of(folder, "tracking: 0.02")
