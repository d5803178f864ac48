"""`paiban make-up`: the tree as manifest YAML, and --write; the example edition builds clean."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from typeset import pipeline
from typeset.cli.main import main
from typeset.manifest import load_edition

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "editions" / "makeup-sample"


def test_the_example_page_builds_clean(tmp_path):
    result = pipeline.build(EXAMPLE, tmp_path / "page.pdf")
    assert result.outputs, [d.format() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.severity.value != "info"]
    page = result.edition.pages[0]
    lay = page.layout
    used = sum(s.area.span * s.area.lines for s in page.slots)
    assert used >= 0.9 * lay.columns * (lay.lines - 10)


def test_make_up_prints_the_tree_and_write_puts_it_in_the_manifest(tmp_path):
    folder = tmp_path / "ed"
    shutil.copytree(EXAMPLE, folder)
    shown = CliRunner().invoke(main, ["make-up", str(folder), "--page", "1"])
    assert shown.exit_code == 0, shown.output
    assert "# score" in shown.output and "stack:" in shown.output and "row:" in shown.output
    assert "items:" in (folder / "edition.yaml").read_text(encoding="utf-8")
    before = pipeline.compose(folder)
    written = CliRunner().invoke(main, ["make-up", str(folder), "--page", "1", "--write"])
    assert written.exit_code == 0, written.output
    text = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert "items:" not in text and "make_up" not in text and "stack:" in text
    assert "# pinned: kept where it is" in text              # the desk's comments stay
    edition, _ = load_edition(folder)
    assert edition.pages[0].containers and not edition.pages[0].makeup
    after = pipeline.compose(folder)
    areas = lambda r: sorted((s.kind, s.story or s.label, s.area) for s in r.edition.pages[0].slots)
    assert areas(after) == areas(before)
