"""Issue 12.2 / 12.10: one verdict, shared by check, proof and build, in the desk's units."""

from __future__ import annotations

import json
import re
from pathlib import Path


from typeset import pipeline
from cli_kit import new_edition as _edition
from cli_kit import overset as _overset
from cli_kit import run


def _slot_line(folder: Path) -> int:
    """The manifest line of the slot where the example story ends (its continuation)."""
    lines = (folder / "edition.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "id: example-cont" in line)


def test_check_refuses_what_build_refuses_at_the_slots_manifest_line(tmp_path):
    folder = _edition(tmp_path)
    _overset(folder)
    checked = run("check", folder, "--json")
    assert checked.exit_code == 1
    data = json.loads(checked.stdout)
    assert data["ok"] is False
    over = [d for d in data["diagnostics"] if d["code"] == "overset"]
    assert over and over[0]["severity"] == "error"
    assert over[0]["source"]["file"].endswith("edition.yaml")
    assert over[0]["source"]["line"] == _slot_line(folder)
    built = run("build", folder, "-o", tmp_path / "x.pdf")
    assert built.exit_code == 1 and not (tmp_path / "x.pdf").exists()


def test_the_verdict_is_the_same_for_check_and_build(tmp_path):
    folder = _edition(tmp_path)
    _overset(folder)
    checked = pipeline.compose(folder)
    built = pipeline.build(folder, tmp_path / "y.pdf")
    assert not checked.ok and not built.ok and not built.outputs
    assert [d.to_json() for d in checked.diagnostics] == [d.to_json() for d in built.diagnostics]


def test_allowed_overset_is_a_warning_and_the_pdf_is_written(tmp_path):
    folder = _edition(tmp_path)
    _overset(folder)
    assert run("check", folder, "--allow-overset").exit_code == 0
    result = pipeline.build(folder, tmp_path / "z.pdf", allow_overset=True)
    assert result.outputs and result.ok


def test_overset_is_told_in_zi_and_grid_lines_with_the_manifest_fix(tmp_path):
    folder = _edition(tmp_path)
    _overset(folder)
    text = run("check", folder).output
    found = re.search(r"overset (\d+) 字 .*give (\d+) more lines \(bottom: (\d+)\) or cut (\d+) 字",
                      text)
    assert found, text
    assert found.group(1) == found.group(4)
    # the fix works: with the suggested bottom the story is no longer overset
    manifest = folder / "edition.yaml"
    line = _slot_line(folder)
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i in range(line - 1, line + 3) if "bottom:" in lines[i])
    lines[at] = re.sub(r"bottom: \d+", f"bottom: {found.group(3)}", lines[at])
    manifest.write_text("".join(lines), encoding="utf-8")
    fixed = pipeline.compose(folder)
    assert not any(d.code == "overset" for d in fixed.diagnostics), [
        d.format() for d in fixed.diagnostics]


def test_check_json_gives_per_story_characters_and_lines(tmp_path):
    folder = _edition(tmp_path)
    _overset(folder)
    data = json.loads(run("check", folder, "--json").stdout)
    story = next(s for s in data["stories"] if s["story"] == "example")
    assert story["characters"] > story["overset_characters"] > 0
    assert story["lines_needed"] > story["lines_given"] > 0
