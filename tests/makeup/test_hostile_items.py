"""Hostile item lists on a make-up page: a clear error at the manifest line, never a
traceback (the makeup-sample edition, edited)."""

from __future__ import annotations

from pathlib import Path

from cli_kit import run
from editions_kit import edited_copy

SAMPLE = Path(__file__).resolve().parents[2] / "editions" / "makeup-sample"
PINNED_AD = "at: {column: 1, span: 2, top: 76, bottom: 100}"


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    return edited_copy(SAMPLE, tmp_path / "ed", (old, new))


def test_a_pinned_item_covering_the_whole_page_is_an_error_not_a_crash(tmp_path):
    folder = _edited(tmp_path, PINNED_AD, "at: {column: 1, span: 8, top: 0, bottom: 100}")
    result = run("check", folder)
    assert result.exit_code == 1, result.output
    assert "the pinned items leave no room for modules" in result.output
    assert "edition.yaml:" in result.output


def test_a_label_over_a_story_not_on_the_page_is_an_error_at_its_line(tmp_path):
    folder = _edited(tmp_path, "over: [b02-charging, b03-drill, b04-volunteers]",
                     "over: [b02-charging, nosuch]")
    text = (folder / "edition.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(text, 1) if "nosuch" in row)
    result = run("check", folder)
    assert result.exit_code == 1, result.output
    assert f"edition.yaml:{line}:" in result.output
    assert "'over' names 'nosuch'" in result.output and "b03-drill" in result.output
