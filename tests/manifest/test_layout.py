"""Layout templates: the two shipped layouts load; broken ones report file:line and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from typeset.model.output import OutputSettings
from typeset.diagnostics import InputError
from typeset.manifest.layout_file import load_layout
from typeset.manifest.styles import REQUIRED_STYLES
from typeset.model.grid import PageGrid
from typeset.units import MM

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name,columns,chars,lines", [
    ("broadsheet-8col", 8, 13, 100), ("tabloid-6col", 6, 11, 72)])
def test_shipped_layouts_load(name, columns, chars, lines):
    layout = load_layout(name, ROOT)
    assert (layout.columns, layout.column_chars, layout.lines) == (columns, chars, lines)
    assert layout.body_size == 9.0 and layout.line_pitch == 13.5
    for style in REQUIRED_STYLES:
        assert layout.style(style).size > 0
    # right and bottom margins are derived from the grid and are sane
    assert layout.margins.right > 3 * MM and layout.margins.bottom > 3 * MM
    total = layout.margins.left + layout.type_width + layout.margins.right
    assert total == pytest.approx(layout.trim_width, abs=0.01)
    grid = PageGrid(layout)
    assert grid.column_x(2) - grid.column_x(1) == pytest.approx(
        (chars + 1) * layout.body_size)
    assert layout.styles["headline-1"].size_ladder
    assert layout.styles["body"].indent == 2
    assert isinstance(layout.composition, dict) and isinstance(layout.output, OutputSettings)


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "layouts").mkdir(parents=True)
    shutil.copytree(ROOT / "fonts", tmp_path / "fonts", ignore=shutil.ignore_patterns("*.tt*"))
    (tmp_path / "layouts" / "x.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _broken(tmp_path: Path, old: str, new: str) -> list:
    text = (ROOT / "layouts" / "broadsheet-8col.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace("name: broadsheet-8col", "name: x").replace(old, new, 1)
    root = _project(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_layout("x", root)
    return info.value.diagnostics


def test_grid_wider_than_trim(tmp_path):
    diags = _broken(tmp_path, "column_chars: 13", "column_chars: 15")
    assert [d.code for d in diags] == ["grid-too-wide"]
    assert diags[0].source.file.endswith("x.yaml") and diags[0].source.line > 0


def test_unknown_font_role_and_key_with_suggestion(tmp_path):
    diags = _broken(tmp_path, "caption: {font: kai,", "caption: {font: kia, colour: [0, 0, 0, 9],")
    codes = {d.code: d for d in diags}
    assert "unknown-font-role" in codes and "'kai'" in codes["unknown-font-role"].hint
    assert "did you mean 'color'" in codes["unknown-key"].hint
    line = next(i for i, ln in enumerate((tmp_path / "layouts/x.yaml").read_text().splitlines(), 1)
                if ln.startswith("  caption:"))
    assert codes["unknown-key"].source.line == line


def test_missing_style_and_bad_size(tmp_path):
    diags = _broken(tmp_path, "  ad: {", "  ads: {")
    assert any(d.code == "missing-style" and "ad" in d.message for d in diags)


def test_negative_zero_and_huge_sizes(tmp_path):
    for n, (old, new, code) in enumerate([
            ("size: 小四", "size: -3pt", "out-of-range"),
            ("size: 小四", "size: 0", "out-of-range"),
            ("lines: 100", "lines: 99999999999999999999999999999", "number-too-large"),
            ("size: 小四", "size: 1e308mm", "bad-length"),
            ("bleed: 3mm", "bleed: huge", "bad-length"),
            ("columns: 8", "columns: eight", "wrong-type")]):
        folder = tmp_path / str(n)
        folder.mkdir()
        diags = _broken(folder, old, new)
        assert code in {d.code for d in diags}, (new, diags)


def test_unknown_layout_suggests_closest(tmp_path):
    with pytest.raises(InputError) as info:
        load_layout("broadsheet-8cols", ROOT)
    assert "broadsheet-8col" in info.value.diagnostics[0].hint
    with pytest.raises(InputError):
        load_layout("../fonts/fonts", ROOT)


def test_composition_settings_are_checked_with_file_and_line(tmp_path):
    diags = _broken(tmp_path, "  kinsoku: strict", "  kinsokuu: strict")
    assert [d.code for d in diags] == ["unknown-key"]
    assert "did you mean 'kinsoku'" in diags[0].hint and diags[0].source.line > 0
    diags = _broken(tmp_path / "again", "  kinsoku: strict", "  kinsoku: medium")
    assert [d.code for d in diags] == ["bad-composition"]
    assert "basic, strict" in diags[0].message
