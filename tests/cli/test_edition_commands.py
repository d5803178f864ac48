"""The desk's commands run as a user runs them: build, proof, check, preview, new, --watch."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from typeset.cli.main import EXIT_INTERNAL, main
from typeset.cli.watch import watch, watched_files
from cli_kit import run
from editions_kit import fill_in

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"


@pytest.fixture()
def new_edition(tmp_path) -> Path:
    folder = tmp_path / "ed"
    result = run("new", folder, "--date", "2026-12-01", "--pages", "2")
    assert result.exit_code == 0, result.output
    return fill_in(folder)


def make_overset(folder: Path) -> None:
    story = folder / "stories" / "example.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text + ("\n\n" + "超长的稿件正文需要被报告为超版。" * 30) * 12, encoding="utf-8")


def test_build_writes_a_three_page_pdf_of_the_sample(tmp_path):
    out = tmp_path / "sample.pdf"
    result = run("build", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "3 pages" in result.output
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 3
        assert "/TrimBox" in pdf.pages[0].obj


def test_build_refuses_overset_and_leaves_the_previous_pdf_untouched(new_edition, tmp_path):
    out = tmp_path / "final.pdf"
    out.write_bytes(b"previous build")
    make_overset(new_edition)
    result = run("build", new_edition, "-o", out)
    assert result.exit_code == 1
    assert "overset" in result.output and "not written" in result.output
    assert out.read_bytes() == b"previous build"
    allowed = run("build", new_edition, "-o", out, "--allow-overset")
    assert allowed.exit_code == 0, allowed.output
    assert out.read_bytes().startswith(b"%PDF")


def test_proof_is_written_even_with_overset_and_marks_it(new_edition, tmp_path):
    make_overset(new_edition)
    out = tmp_path / "proof.pdf"
    result = run("proof", new_edition, "-o", out)
    assert result.exit_code == 1, result.output  # the verdict (as check's) has an error
    assert out.read_bytes().startswith(b"%PDF")
    assert "overset" in result.output


def test_check_reports_overset_with_its_size(new_edition):
    make_overset(new_edition)
    result = run("check", new_edition)
    assert result.exit_code == 1  # build refuses overset, so check reports it as an error
    assert "overset" in result.output and "字" in result.output


def test_check_json_is_data(tmp_path):
    result = run("check", SAMPLE, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["ok"] is True
    assert {s["story"] for s in data["stories"]} >= {"a11-digital", "a12-renewal"}
    codes = {d["code"] for d in data["diagnostics"]}
    assert "jump" in codes


def test_check_of_a_broken_manifest_names_file_and_line(new_edition):
    manifest = new_edition / "edition.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("issue: 1", "isue: 1"),
                        encoding="utf-8")
    result = run("check", new_edition)
    assert result.exit_code == 1
    assert "edition.yaml:" in result.output and "isue" in result.output
    assert "issue" in result.output  # the closest valid key is suggested


def test_preview_writes_one_png_per_page_named_by_folio(tmp_path):
    result = run("preview", SAMPLE, "--dpi", "20", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["page-01.png", "page-02.png",
                                                               "page-03.png"]
    assert "page 3:" in result.output and "story parts" in result.output


def test_preview_of_a_built_pdf_renders_the_pages_asked_for(tmp_path):
    pdf = tmp_path / "sample.pdf"
    assert run("build", SAMPLE, "-o", pdf).exit_code == 0
    for page in ("1", "2"):
        out = tmp_path / f"only-{page}"
        result = run("preview", SAMPLE, "--pdf", pdf, "--page", page, "--dpi", "20", "-o", out)
        assert result.exit_code == 0, result.output
        assert [p.name for p in out.glob("*.png")] == [f"page-0{page}.png"]
    # The page asked for is the page rendered: page 2's PNG is the PDF's second page.
    from PIL import Image, ImageChops

    whole = tmp_path / "whole"
    assert run("preview", SAMPLE, "--pdf", pdf, "--dpi", "20", "-o", whole).exit_code == 0
    with Image.open(whole / "page-02.png") as a, Image.open(tmp_path / "only-2" / "page-02.png") as b:
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def test_new_refuses_an_existing_folder(new_edition):
    result = run("new", new_edition, "--date", "2026-12-01")
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_usage_errors_exit_2(tmp_path):
    assert run("build", tmp_path / "missing").exit_code == 2
    assert run("build", SAMPLE, "--pages", "x-y").exit_code == 2


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch):
    from typeset import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "compose", broken)
    result = CliRunner().invoke(main, ["check", str(SAMPLE)])
    assert result.exit_code == EXIT_INTERNAL
    assert "internal error: RuntimeError: boom" in result.output
    assert "Traceback" not in result.output


def test_watch_rebuilds_after_a_story_changes(new_edition):
    story = new_edition / "stories" / "example.md"
    assert story in watched_files(new_edition)
    calls = []

    def rebuild():
        calls.append(time.monotonic())
        if len(calls) == 1:
            def touch():
                time.sleep(0.05)
                story.write_text(story.read_text(encoding="utf-8") + "\n\n新增一段。",
                                 encoding="utf-8")
            threading.Thread(target=touch).start()

    builds = watch(new_edition, rebuild, interval=0.02, max_rebuilds=2, echo=lambda _: None)
    assert builds == 2 and len(calls) == 2



def test_asking_for_a_page_the_edition_does_not_have_is_an_error(tmp_path):
    result = run("preview", SAMPLE, "--page", "99", "-o", tmp_path)
    assert result.exit_code == 1
    assert "no page 99" in result.output
