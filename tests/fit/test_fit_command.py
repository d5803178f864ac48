"""`paiban fit`: the report per story, and --write turning stacks into plain slots."""

from __future__ import annotations

from click.testing import CliRunner
from fit_kit import manifest, story_text
from manifest_kit import EditionMaker

from typeset.cli.main import main
from typeset.manifest import load_edition

SLOTS = """\
      # the lead column, fitted by the engine
      - at: {column: 1, span: 3, top: 10, bottom: auto}
        stack:
          - story: a        # the short one first
          - story: b
            headline: {span: 3}
      - story: c
        at: {column: 4, span: 3, top: 10, bottom: 30}
"""


def _edition(tmp_path):
    stories = {"a": story_text(400), "b": story_text(700, "消防演练进社区"),
               "c": story_text(1500, "志愿服务暖人心")}
    return EditionMaker(tmp_path).write(manifest(SLOTS), stories)


def test_the_report_gives_characters_lines_and_the_change_per_story(tmp_path):
    folder = _edition(tmp_path)
    result = CliRunner().invoke(main, ["fit", str(folder)])
    assert result.exit_code == 1                     # c is overset in its plain slot
    lines = {line.split()[1]: line for line in result.output.splitlines()[1:]
             if line.strip() and line.split()[0].isdigit()}
    assert " 400 " in lines["a"] and "at: {column: 1, span: 3, top: 10," in lines["a"]
    assert "overset" in lines["c"] and "bottom:" in lines["c"] and "字" in lines["c"]
    before = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert "stack:" in before                        # nothing written without --write


def test_write_replaces_stacks_by_plain_slots_keeping_comments(tmp_path):
    folder = _edition(tmp_path)
    edition, _ = load_edition(folder)
    original = (folder / "edition.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["fit", str(folder), "--write"])
    assert "wrote" in result.output, result.output
    text = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert "stack:" not in text and "auto" not in text
    assert "# the lead column, fitted by the engine" in text
    assert "# the short one first" in text
    assert (folder / "edition.yaml.bak").read_text(encoding="utf-8") == original
    again, _ = load_edition(folder)
    page = again.pages[0]
    assert not page.containers
    a, b = (next(s for s in page.slots if s.id == x) for x in ("a", "b"))
    assert a.area.top == 10 and b.area.top >= a.area.bottom
    assert b.headline_span == 3


def test_an_overset_story_is_over_by_the_grid_lines_and_characters_the_composer_reports(
        tmp_path):
    import json

    folder = _edition(tmp_path)
    rows = {r["slot"]: r for r in json.loads(CliRunner().invoke(
        main, ["fit", str(folder), "--json"]).output)}
    check = CliRunner().invoke(main, ["check", str(folder)]).output
    c = rows["c"]
    # the composer: "overset N 字 (k lines at 13 字): give L more lines (bottom: B)"
    assert f"overset {c['over_chars']} 字" in check
    assert f"give {c['over_lines']} more lines (bottom: {30 + c['over_lines']})" in check
