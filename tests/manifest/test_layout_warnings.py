"""Layout warnings reach the edition's diagnostics: with the layout file and line, once per
layout per load, and also when the layout comes from the in-process cache."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from click.testing import CliRunner

from manifest_kit import BASE, ROOT, STORY
from typeset.cli.main import main
from typeset.diagnostics import Severity
from typeset.manifest import load_edition, load_layout, load_layout_with_warnings

TIGHT = "leading: 0.7em"


def _project(tmp_path: Path) -> tuple[Path, int]:
    """A project whose broadsheet layout sets the kicker's leading far below its size;
    returns the root and the line of that leading in the layout file."""
    root = tmp_path / "project"
    (root / "layouts").mkdir(parents=True)
    shutil.copytree(ROOT / "fonts", root / "fonts", ignore=shutil.ignore_patterns("*.tt*"))
    text = (ROOT / "layouts" / "broadsheet-8col.yaml").read_text(encoding="utf-8")
    old = "kicker: {font: kai, latin: latin, size: 三号, leading: 1.3em"
    assert old in text
    text = text.replace(old, old.replace("leading: 1.3em", TIGHT), 1)
    (root / "layouts" / "broadsheet-8col.yaml").write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if TIGHT in ln)
    return root, line


def _edition(root: Path, manifest: str = BASE) -> Path:
    folder = root / "editions" / "e"
    (folder / "stories").mkdir(parents=True)
    (folder / "edition.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (folder / "stories" / "one.md").write_text(STORY, encoding="utf-8")
    return folder


def _tight(diagnostics) -> list:
    return [d for d in diagnostics if d.code == "tight-leading"]


def test_layout_warning_is_returned_with_file_and_line_also_from_the_cache(tmp_path):
    root, line = _project(tmp_path)
    first, warnings = load_layout_with_warnings("broadsheet-8col", root)
    again, cached = load_layout_with_warnings("broadsheet-8col", root)
    assert again is first                       # the cache answered …
    assert cached == warnings                   # … and still gave the warning
    [found] = _tight(warnings)
    assert found.severity is Severity.WARNING and "kicker" in found.message
    assert found.source.file == str(root / "layouts" / "broadsheet-8col.yaml")
    assert found.source.line == line
    assert load_layout("broadsheet-8col", root) is first   # the old signature still works


def test_load_edition_reports_the_layout_warning_once_on_every_load(tmp_path):
    root, line = _project(tmp_path)
    two_pages = BASE + "  - number: 2\n    slots: []\n"   # two pages, one layout
    folder = _edition(root, two_pages)
    for _ in range(2):                                     # second load: layout from cache
        _, warnings = load_edition(folder, project_root=root)
        [found] = _tight(warnings)
        assert found.source.file.endswith("layouts/broadsheet-8col.yaml")
        assert found.source.line == line


def test_layout_named_with_and_without_yaml_suffix_is_reported_once(tmp_path):
    root, _ = _project(tmp_path)
    manifest = BASE + "  - number: 2\n    layout: broadsheet-8col.yaml\n    slots: []\n"
    _, warnings = load_edition(_edition(root, manifest), project_root=root)
    assert len(_tight(warnings)) == 1


def test_typeset_check_shows_the_layout_warning_with_file_and_line(tmp_path):
    root, line = _project(tmp_path)
    folder = _edition(root)
    for _ in range(2):
        result = CliRunner().invoke(main, ["check", str(folder)])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.output
        assert f"broadsheet-8col.yaml:{line}:" in result.output, result.output
        assert "leading" in result.output


def test_shipped_layouts_have_no_warnings():
    for name in ("broadsheet-8col", "tabloid-6col"):
        assert load_layout_with_warnings(name, ROOT)[1] == []
