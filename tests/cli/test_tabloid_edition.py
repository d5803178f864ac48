"""The tabloid (四开, 6 columns × 11 字) template works end to end: new → check → build → preflight."""

from __future__ import annotations

import json

from click.testing import CliRunner

from typeset.cli.main import main
from editions_kit import fill_in


def test_a_new_tabloid_edition_builds_a_pdf_that_passes_preflight(tmp_path):
    runner = CliRunner()
    folder = tmp_path / "tab"
    made = runner.invoke(main, ["new", str(folder), "--layout", "tabloid-6col",
                                "--date", "2026-12-01", "--pages", "2"])
    assert made.exit_code == 0, made.output
    fill_in(folder)
    check = runner.invoke(main, ["check", str(folder), "--json"])
    assert check.exit_code == 0, check.output
    assert json.loads(check.output)["ok"] is True
    pdf = tmp_path / "tab.pdf"
    built = runner.invoke(main, ["build", str(folder), "-o", str(pdf)])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(main, ["preflight", str(pdf), "--no-ink", "--json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.output)
    assert report["passed"] is True
