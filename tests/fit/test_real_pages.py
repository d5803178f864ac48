"""Integration: dense pages given as stack/row trees with no line numbers, on the real fonts
through `paiban check` and `paiban build` — no overset, no underset, the PDF has every
character of every story (pdftotext, tests/reliability/textcheck.py) and embeds its fonts
(pdffonts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_kit import run
from stack_pages_kit import PAGES, write_page

from typeset import pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability"))
from textcheck import story_losses  # noqa: E402

NOT_EVEN = ("overset", "underset", "fit-over", "fit-short", "fit-impossible")


@pytest.mark.parametrize("name", ["front", "briefs", "review"])
def test_a_page_of_stacks_checks_even_builds_and_loses_nothing(tmp_path, name):
    folder = write_page(tmp_path / name, PAGES[name])
    checked = run("check", folder)
    assert checked.exit_code == 0, checked.output
    assert not any(code in checked.output for code in NOT_EVEN), checked.output
    out = tmp_path / f"{name}.pdf"
    built = run("build", folder, "-o", out)
    assert built.exit_code == 0 and out.exists(), built.output
    result = pipeline.build(folder, tmp_path / "again.pdf")
    assert story_losses(result, tmp_path / "again.pdf") == []
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)    # every font embedded
    assert (tmp_path / "again.pdf").read_bytes() == out.read_bytes()  # deterministic


@pytest.mark.parametrize("name", ["inside", "review"])
def test_fit_write_turns_a_dense_page_into_plain_slots_that_check_the_same(tmp_path, name):
    folder = write_page(tmp_path / name, PAGES[name])
    before = pipeline.compose(folder)
    written = run("fit", folder, "--write")
    assert written.exit_code == 0 and "wrote" in written.output, written.output
    text = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert "stack:" not in text and "row:" not in text
    after = pipeline.compose(folder)
    assert not after.edition.pages[-1].containers
    slots = {s.id: (s.area, s.tracking, s.headline_spacing) for s in after.edition.pages[-1].slots}
    assert slots == {s.id: (s.area, s.tracking, s.headline_spacing)
                     for s in before.fit.edition.pages[-1].slots}
    assert not [d.format() for d in after.diagnostics if d.code in NOT_EVEN]
