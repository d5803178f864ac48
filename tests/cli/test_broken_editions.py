"""Broken editions, as a desk would break them, each give the intended message and exit code
through the command line — never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from typeset.cli.main import main


def scaffold(tmp_path: Path) -> Path:
    folder = tmp_path / "ed"
    result = CliRunner().invoke(main, ["new", str(folder), "--date", "2026-12-01", "--pages", "2"])
    assert result.exit_code == 0, result.output
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BREAKAGES = {
    "bad-yaml": (lambda f: edit(f / "edition.yaml", "issue: 【待填】1", "issue: [1"),
                 "edition.yaml:", 1),
    "unknown-key": (lambda f: edit(f / "edition.yaml", "issue: 【待填】1", "isue: 1"),
                    "issue", 1),
    "wrong-type": (lambda f: edit(f / "edition.yaml", "issue: 【待填】1", "issue: first"),
                   "edition.yaml:", 1),
    "missing-story": (lambda f: (f / "stories" / "example.md").unlink(),
                      "example", 1),
    "missing-image": (lambda f: edit(f / "edition.yaml",
                                     "      - ad: {text: 【待填】广告语}\n        at: {column: 5, span: 4, top: 0, bottom: 10}",
                                     "      - photo: {file: photos/none.jpg}\n        at: {column: 5, span: 4, top: 0, bottom: 10}"),
                      "none.jpg", 1),
    "overlapping-slots": (lambda f: edit(f / "edition.yaml",
                                         "at: {column: 1, span: 8, top: 55, bottom: 58}",
                                         "at: {column: 1, span: 8, top: 50, bottom: 58}"),
                          "overlap", 1),
    "off-the-grid": (lambda f: edit(f / "edition.yaml",
                                    "at: {column: 1, span: 8, top: 55, bottom: 58}",
                                    "at: {column: 1, span: 9, top: 55, bottom: 58}"),
                     "column", 1),
    "jump-to-nowhere": (lambda f: edit(f / "edition.yaml", "slot: example-cont",
                                       "slot: no-such-slot"),
                        "no-such-slot", 1),
    "path-escape": (lambda f: edit(f / "edition.yaml",
                                   "      - ad: {text: 【待填】广告语}\n        at: {column: 5, span: 4, top: 0, bottom: 10}",
                                   "      - photo: {file: ../../etc/passwd}\n        at: {column: 5, span: 4, top: 0, bottom: 10}"),
                    "steps out of the edition folder", 1),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_a_broken_edition_is_refused_with_a_clear_message(tmp_path, name):
    folder = scaffold(tmp_path)
    breakage, expected, code = BREAKAGES[name]
    breakage(folder)
    runner = CliRunner()
    check = runner.invoke(main, ["check", str(folder)])
    assert check.exit_code == code, check.output
    assert expected in check.output, check.output
    assert "Traceback" not in check.output
    out = tmp_path / "final.pdf"
    build = runner.invoke(main, ["build", str(folder), "-o", str(out)])
    assert build.exit_code == code and not out.exists(), build.output
    assert "Traceback" not in build.output


def test_a_jump_loop_is_refused_before_layout(tmp_path):
    folder = scaffold(tmp_path)
    edit(folder / "edition.yaml", "      - id: example-cont         # the rest of 'example' (上接第1版)\n"
         "        at: {column: 1, span: 4, top: 0, bottom: 20}",
         "      - id: example-cont\n        at: {column: 1, span: 4, top: 0, bottom: 20}\n"
         "        continue: {page: 1, slot: example}")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert "loop" in result.output or "holds" in result.output, result.output
