"""`paiban epaper` as the desk runs it: what it writes, what it refuses, and that it never
touches an input file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_kit import run

from typeset.outputs import FolderOutput, edition_inputs, refused_outputs

pytestmark = pytest.mark.slow  # whole editions: see tests/conftest.py

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"


@pytest.fixture()
def edition(tmp_path) -> Path:
    """A copy of the sample edition in a project of its own (layouts and fonts beside it)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "layouts", project / "layouts")
    shutil.copytree(ROOT / "fonts", project / "fonts")
    shutil.copytree(SAMPLE, project / "editions" / "sample")
    return project / "editions" / "sample"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_the_command_writes_the_site_and_replaces_an_earlier_one(edition, tmp_path):
    out = tmp_path / "site"
    first = run("epaper", edition, "-o", out)
    assert first.exit_code == 0, first.output
    assert "wrote the e-paper" in first.output and "3 pages" in first.output
    assert (out / "index.html").is_file() and (out / "epaper.json").is_file()
    (out / "articles" / "stale.html").write_text("left from before", encoding="utf-8")
    again = run("epaper", edition, "-o", out)
    assert again.exit_code == 0, again.output
    assert not (out / "articles" / "stale.html").exists()  # replaced whole
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no leftovers


@pytest.mark.parametrize("where", ["edition", "inside-edition", "story-file", "project",
                                   "layouts"])
def test_an_output_that_would_touch_the_inputs_is_refused(edition, where):
    project = edition.parents[1]
    target = {"edition": edition, "inside-edition": edition / "epaper",
              "story-file": edition / "stories" / "a10-lead.md", "project": project,
              "layouts": project / "layouts" / "site"}[where]
    before = snapshot(project)
    result = run("epaper", edition, "-o", target)
    assert result.exit_code == 1
    assert "cannot write the e-paper" in result.output and "hint:" in result.output
    assert snapshot(project) == before


def test_the_current_folder_is_refused(edition, tmp_path, monkeypatch):
    here = tmp_path / "empty"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("epaper", edition, "-o", ".")
    assert result.exit_code == 1 and "current folder" in result.output
    assert run("epaper", edition, "-o", "..").exit_code == 1  # (it holds the inputs, too)
    assert here.is_dir() and not any(here.iterdir())


def test_a_folder_with_other_files_is_refused(edition, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "letter.txt").write_text("keep me", encoding="utf-8")
    result = run("epaper", edition, "-o", out)
    assert result.exit_code == 1 and "holds other files" in result.output
    assert (out / "letter.txt").read_text(encoding="utf-8") == "keep me"
    file_out = tmp_path / "a-file"
    file_out.write_text("x", encoding="utf-8")
    assert "not a folder" in run("epaper", edition, "-o", file_out).output


def test_overset_text_is_refused_unless_allowed(edition, tmp_path):
    story = edition / "stories" / "b03-drill.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n\n" + "补充的段落文字。" * 200,
                     encoding="utf-8")
    out = tmp_path / "site"
    refused = run("epaper", edition, "-o", out)
    assert refused.exit_code == 1 and "overset" in refused.output
    assert not out.exists()
    allowed = run("epaper", edition, "-o", out, "--allow-overset")
    assert allowed.exit_code == 0, allowed.output
    data = json.loads((out / "epaper.json").read_text(encoding="utf-8"))
    drill = next(a for a in data["articles"] if a["id"] == "b03-drill")
    assert drill["text"].endswith("补充的段落文字。" * 200 + "\n（郑小川）")  # the overset too


def test_an_edition_with_errors_writes_nothing(edition, tmp_path):
    manifest = edition / "edition.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "story: a10-lead", "story: no-such-story"), encoding="utf-8")
    out = tmp_path / "site"
    result = run("epaper", edition, "-o", out)
    assert result.exit_code == 1 and "error" in result.output
    assert not out.exists()


def test_a_missing_edition_is_a_usage_error(tmp_path):
    result = run("epaper", tmp_path / "nowhere", "-o", tmp_path / "site")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_a_symlink_to_an_input_folder_is_refused_by_the_one_output_rule(edition, tmp_path):
    """The e-paper's folder goes through typeset.outputs.refused_outputs like every output:
    compared by the path it resolves to, so a link to the photos folder is the photos folder."""
    link = tmp_path / "site"
    link.symlink_to(edition / "photos", target_is_directory=True)
    before = snapshot(edition)
    result = run("epaper", edition, "-o", link)
    assert result.exit_code == 1 and "it would replace" in result.output
    assert snapshot(edition) == before


def test_file_and_folder_outputs_are_checked_by_one_call(edition, tmp_path):
    project = edition.parents[1]
    inputs = edition_inputs(edition)
    folders = (edition, project / "layouts", project / "fonts")
    story = edition / "stories" / "a10-lead.md"
    codes = [d.code for d in refused_outputs(
        {"-o": story, "the e-paper": FolderOutput(edition / "photos", "epaper.json"),
         "--report": tmp_path / "r.json"}, inputs, folders)]
    assert sorted(codes) == ["output-holds-input", "output-is-input"]
    inside = refused_outputs({"the e-paper": FolderOutput(project / "fonts" / "x", "m")},
                             inputs, folders)
    assert [d.code for d in inside] == ["output-in-input"]
    assert refused_outputs({"the e-paper": FolderOutput(tmp_path / "new", "m"),
                            "-o": tmp_path / "a.pdf"}, inputs, folders) == []
