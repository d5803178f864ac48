"""Issue 16: an edition's `composition:` (digit and Latin spacing …) over its layouts', key by
key, checked as a layout's is: a typo or a bad value is an error at its edition.yaml line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from manifest_kit import BASE, line_of
from typeset.cli.main import main
from typeset.fit.pass_ import contexts_for
from typeset.linebreak import set_paragraph
from typeset.model.story import Run
from typeset.text import CompositionRules


def _with(composition: str) -> str:
    return BASE.replace("layout: broadsheet-8col",
                        f"layout: broadsheet-8col\ncomposition: {composition}")


def test_the_edition_spacing_goes_over_the_layouts_and_reaches_the_composer(maker, book):
    plain, _ = maker.load(maker.write())
    spaced, _ = maker.load(maker.write(_with("{cjk_digit_space: 0.25, cjk_latin_space: 0.2}")))
    layout = plain.pages[0].layout
    assert layout.composition["cjk_digit_space"] == 0          # the shipped layout: 人民日报 style
    got = spaced.pages[0].layout.composition
    assert (got["cjk_digit_space"], got["cjk_latin_space"]) == (0.25, 0.2)
    assert got["kinsoku"] == layout.composition["kinsoku"]     # the rest from the layout
    before = contexts_for(plain, book, None)[layout.name].rules
    after = contexts_for(spaced, book, None)[layout.name].rules
    assert isinstance(after, CompositionRules) and after.cjk_digit_space == 0.25

    def natural(rules):
        para = set_paragraph((Run("1994年4月23日"),), layout.style("body"), book, 400.0, rules,
                             align="left")
        return para.lines[0].natural / layout.style("body").size

    # five Han–digit gaps (1994|年|4|月|23|日): none in the layout's style, ¼ em each here
    assert natural(after) - natural(before) == pytest.approx(5 * 0.25)


@pytest.mark.parametrize("setting,code,words", [
    ("{cjk_digit_spase: 0}", "unknown-key", "did you mean 'cjk_digit_space'"),
    ("{cjk_digit_space: wide}", "bad-composition", "from 0 to 1"),
    ("{cjk_latin_space: 0.75}", "bad-composition", "cjk_latin_min ≤ cjk_latin_space"),
])
def test_a_bad_edition_setting_is_an_error_at_its_line(maker, setting, code, words):
    folder = maker.write(_with(setting))
    found = maker.one(folder, code)
    assert words in found.message + " " + found.hint
    assert found.source.file.endswith("edition.yaml")
    assert found.source.line == line_of(folder, "composition:")


def test_check_reports_the_edition_setting_with_file_and_line(maker):
    folder = maker.write(BASE.replace("layout: broadsheet-8col",
                                      "layout: broadsheet-8col\ncomposition:\n  loose_limt: 0.2"))
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    line = line_of(folder, "loose_limt")
    assert f"edition.yaml:{line}:3" in result.output and "loose_limit" in result.output
