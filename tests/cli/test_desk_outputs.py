"""Issue 12.3–12.7, 12.11, 12.12, 12.15: what the desk's commands write and print."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pikepdf
import pytest

from typeset.compose.proof_marks import NOTE_KINDS, note_text, wrap
from typeset.diagnostics import SourceRef, error, warning
from cli_kit import new_edition, run
from cli_kit import overset as _overset

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"


@pytest.fixture()
def edition(tmp_path) -> Path:
    return new_edition(tmp_path)


def _xmp(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        return bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8")


# 12.3 — every diagnostic on the proof, beside its slot, in a box that holds it

def _notes(pdf_path: Path) -> list[str]:
    """The PDF's text as pdftotext reads it, line by line."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.splitlines()


def test_the_proof_carries_every_diagnostic_of_the_verdict(edition, tmp_path):
    from typeset import pipeline

    _overset(edition)
    out = tmp_path / "p.pdf"
    result = pipeline.build(edition, out, proof=True)
    shown = [d for d in result.diagnostics if d.severity.value != "info"]
    assert shown
    notes = [m for f in result.document.pages for m in f.items
             if getattr(m, "kind", "") in NOTE_KINDS]
    assert len(notes) == len(shown)
    over = next(m for m in notes if m.kind == "overset-note")
    assert "溢出" in over.label and "overset" in over.label
    text = "".join(_notes(out))
    assert "溢出" in text


def test_margin_notes_are_wrapped_to_their_box_and_stay_on_the_page(edition):
    from typeset import pipeline

    result = pipeline.compose(edition)
    page = result.edition.pages[0]
    from typeset.compose.proof_marks import diagnostic_markers

    long = [warning("underset", "underset 28 lines " + "很长的说明文字" * 40, page=1,
                    slot=page.slots[0].id, data=(("lines", 28),)) for _ in range(100)]
    markers = diagnostic_markers(page, long)
    assert markers
    for m in markers:
        lines = m.label.split("\n")
        assert m.height >= len(lines) * 6.0  # the box holds its lines
        assert 0 <= m.x and m.x + m.width <= page.layout.trim_width
        assert 0 <= m.y and m.y + m.height <= page.layout.trim_height
    assert "28行" in markers[0].label  # 'underset 28行' is never cut
    assert "另有" in markers[-1].label  # what did not fit is counted, not dropped


def test_wrap_keeps_every_character_of_a_short_note():
    text = note_text(error("overset", "overset 12 字", slot="a1", data=(("characters", 12),)))
    lines = wrap(text, 40.0)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(len(line) <= 8 for line in lines if all(ord(c) > 0x2e80 for c in line))


# 12.4 — modes

def test_outputs_honour_the_umask_and_keep_the_mode_they_replace(edition, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "o.pdf"
        assert run("build", edition, "-o", out).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        os.chmod(out, 0o664)
        assert run("build", edition, "-o", out).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o664
        proof = tmp_path / "p.pdf"
        report = tmp_path / "r.json"
        assert run("proof", edition, "-o", proof, "--report", report).exit_code == 0
        assert stat.S_IMODE(proof.stat().st_mode) == 0o644
        assert stat.S_IMODE(report.stat().st_mode) == 0o644
        fresh = tmp_path / "fresh"
        assert run("new", fresh, "--date", "2026-12-01").exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o755
        os.umask(0o077)
        other = tmp_path / "private.pdf"
        assert run("build", edition, "-o", other).exit_code == 0
        assert stat.S_IMODE(other.stat().st_mode) == 0o600
    finally:
        os.umask(old)


# 12.5 — release time from the input, versions from the content

def test_release_time_comes_from_the_input_and_versions_from_the_content(edition, tmp_path):
    story = edition / "stories" / "example.md"
    stamp = 1_764_579_600  # 2025-12-01 09:00 UTC = 17:00 in Shanghai
    for path in edition.rglob("*"):
        os.utime(path, (stamp - 100, stamp - 100))
    os.utime(story, (stamp, stamp))
    one, two = tmp_path / "1.pdf", tmp_path / "2.pdf"
    assert run("build", edition, "-o", one).exit_code == 0
    assert run("build", edition, "-o", two).exit_code == 0
    assert one.read_bytes() == two.read_bytes()  # unchanged input: byte-identical
    with pikepdf.open(one) as pdf:
        assert str(pdf.trailer.Info.ModDate).startswith("D:20251201090000")
    text = "\n".join(_notes(one))
    assert "付印 2025-12-01 17:00 CST" in text
    first = _xmp(one)
    story.write_text(story.read_text(encoding="utf-8").replace("正文", "改过的正文", 1),
                     encoding="utf-8")
    os.utime(story, (stamp + 60, stamp + 60))
    three = tmp_path / "3.pdf"
    assert run("build", edition, "-o", three).exit_code == 0
    second = _xmp(three)
    ids = lambda x, key: re.search(f"<xmpMM:{key}>(.*?)</xmpMM:{key}>", x).group(1)  # noqa
    assert ids(first, "DocumentID") == ids(second, "DocumentID")
    assert ids(first, "InstanceID") != ids(second, "InstanceID")
    assert ids(first, "VersionID") != ids(second, "VersionID")


def test_source_date_epoch_and_the_edition_time_zone(edition, tmp_path):
    manifest = edition / "edition.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "issue: 1", "issue: 1\ntimezone: Asia/Tokyo"), encoding="utf-8")
    out = tmp_path / "t.pdf"
    env = {"SOURCE_DATE_EPOCH": "1764579600"}
    assert run("build", edition, "-o", out, env=env).exit_code == 0
    assert "付印 2025-12-01 18:00 JST" in "\n".join(_notes(out))
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "Asia/Tokyo", "Mars/Olympus"), encoding="utf-8")
    bad = run("check", edition)
    assert bad.exit_code == 1 and "Mars/Olympus" in bad.output


# 12.6 — names after the edition folder

def test_outputs_are_named_after_the_edition_folder(edition, tmp_path, monkeypatch):
    monkeypatch.chdir(edition)
    assert run("build", ".").exit_code == 0
    assert (edition / "out" / "ed.pdf").exists()
    assert run("proof", ".").exit_code == 0
    assert (edition / "out" / "ed-proof.pdf").exists()
    for _ in range(2):  # out/ and its PNGs are outputs, never inputs
        assert run("preview", ".", "--dpi", "20").exit_code == 0
    assert (edition / "out" / "page-02.png").exists()
    monkeypatch.chdir(tmp_path)
    assert run("build", edition / "edition.yaml").exit_code == 0
    assert (tmp_path / "out" / "ed.pdf").exists()


# 12.7 — preview --pdf maps pages to folios

def test_preview_of_a_pdf_holding_only_page_2(edition, tmp_path):
    pdf = tmp_path / "p2.pdf"
    assert run("build", edition, "--pages", "2", "-o", pdf).exit_code == 0
    ok = run("preview", edition, "--pdf", pdf, "--pages", "2", "--dpi", "20",
             "-o", tmp_path / "a")
    assert ok.exit_code == 0, ok.output
    assert [p.name for p in (tmp_path / "a").glob("*.png")] == ["page-02.png"]
    missing = run("preview", edition, "--pdf", pdf, "--pages", "1", "--dpi", "20",
                  "-o", tmp_path / "b")
    assert missing.exit_code == 2
    assert "no page 1" in missing.output
    assert not list((tmp_path / "b").glob("*.png"))


def test_preview_refuses_a_pdf_of_another_edition_and_a_file_that_is_no_pdf(edition, tmp_path):
    other = tmp_path / "sample.pdf"
    assert run("build", SAMPLE, "-o", other).exit_code == 0
    result = run("preview", edition, "--pdf", other, "-o", tmp_path / "c")
    assert result.exit_code == 2 and "another edition" in result.output
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"GIF89a not a pdf at all")
    result = run("preview", edition, "--pdf", junk, "-o", tmp_path / "d")
    assert result.exit_code == 2 and "not a PDF" in result.output


def test_preview_renders_the_final_page_by_default(edition, tmp_path):
    final = run("preview", edition, "--pages", "1", "--dpi", "20", "-o", tmp_path / "f")
    proof = run("preview", edition, "--pages", "1", "--dpi", "20", "-o", tmp_path / "p",
                "--proof")
    assert final.exit_code == 0 and proof.exit_code == 0
    assert (tmp_path / "f" / "page-01.png").read_bytes() != (
        tmp_path / "p" / "page-01.png").read_bytes()
    assert "字" in final.output and "needs" in final.output  # per story 字数 and lines


# 12.11 — formats

def test_short_format_is_one_line_each_and_human_quotes_the_source(edition):
    manifest = edition / "edition.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("issue: 1", "isue: 1"),
                        encoding="utf-8")
    short = run("check", edition, "--diagnostic-format", "short")
    errors = [line for line in short.output.splitlines() if "error[" in line]
    assert errors and all("edition.yaml:" in line and "hint:" in line for line in errors)
    human = run("check", edition, "--diagnostic-format", "human")
    lines = human.output.splitlines()
    quoted = next(i for i, line in enumerate(lines) if "isue: 1" in line and "|" in line)
    caret = lines[quoted + 1]
    assert caret.rstrip().endswith("^")
    assert caret.index("^") == lines[quoted].index("isue")


def test_control_characters_are_never_echoed_raw():
    from typeset.cli.diagnostic_text import render

    diag = error("unknown-slot", "slot 'a\x1b[31mb\x07' is not on the page", slot="a\x1b]0;x\x07",
                 source=SourceRef("/nonexistent.yaml", 3, 2), hint="rename \x1b")
    for fmt in ("human", "short", "plain"):
        text = render(diag, fmt)
        assert "\x1b" not in text and "\x07" not in text
        assert "\\x1b" in text


# 12.12 — one shape

def test_build_report_has_the_shape_of_check_json(edition, tmp_path):
    report = tmp_path / "r.json"
    out = tmp_path / "b.pdf"
    assert run("build", edition, "-o", out, "--report", report).exit_code == 0
    built = json.loads(report.read_text(encoding="utf-8"))
    checked = json.loads(run("check", edition, "--json").stdout)
    assert set(built) == set(checked) == {"ok", "written", "output", "pages", "diagnostics",
                                          "stories"}
    assert built["written"] is True and built["output"] == str(out)
    assert checked["written"] is False
    assert built["pages"] == checked["pages"] == [1, 2]
    assert built["stories"] == checked["stories"]
    for diag in checked["diagnostics"]:
        if diag["slot"] or diag["story"]:
            assert diag["source"] and diag["source"]["file"], diag


# 12.15 — help

def test_commands_are_listed_in_workflow_order_with_whole_summaries():
    text = run("--help").output
    names = re.findall(r"^  (\w+)\s{2,}", text.split("Commands:")[1], re.M)
    assert names[:5] == ["new", "check", "proof", "build", "preview"]
    assert "..." not in text.split("Commands:")[1]
    assert "broadsheet-8col" in run("new", "--help").output
    assert run("--version").exit_code == 0


# 12.13 — watch

def test_a_failed_rebuild_says_so_and_names_the_last_good_pdf(edition, tmp_path):
    from typeset import pipeline
    from typeset.cli.edition_cmds import rebuild_line

    out = tmp_path / "w.pdf"
    kept: list = []
    good = pipeline.build(edition, out)
    assert "wrote" in rebuild_line(good, 0.2, kept, "12:00:00") and kept == [out]
    _overset(edition)
    bad = pipeline.build(edition, out)
    line = rebuild_line(bad, 0.3, kept, "12:00:05")
    assert "FAILED" in line and f"last good PDF stays: {out}" in line
    assert "[12:00:05]" in line and "1 error" in line
    assert out.read_bytes().startswith(b"%PDF")


def test_watch_shows_only_the_current_diagnostics(edition, tmp_path, monkeypatch):
    from typeset.cli import edition_cmds

    shown = []
    monkeypatch.setattr(edition_cmds, "echo_diagnostics",
                        lambda diags, verbose=False: shown.append(list(diags)))
    monkeypatch.setattr(edition_cmds, "is_tty", lambda: True)
    monkeypatch.setattr(edition_cmds.click, "clear", lambda: shown.append("clear"))
    from typeset import pipeline

    with pytest.raises(SystemExit):
        edition_cmds._watch(edition, lambda: pipeline.build(edition, tmp_path / "x.pdf"),
                            None, False, max_rebuilds=1)
    assert shown[0] == "clear" and isinstance(shown[1], list)


# 13.5 — preview and a full or missing TMPDIR

def test_preview_needs_no_tmpdir_and_says_why_when_it_cannot_write(edition, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "no-such-tmp"))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    ok = run("preview", edition, "--pages", "1", "--dpi", "20", "-o", tmp_path / "png")
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "png" / "page-01.png").exists()

    import errno

    from typeset.render import preview as preview_module

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(preview_module, "render_png", full)
    failed = run("preview", edition, "--pages", "1", "--dpi", "20", "-o", tmp_path / "png2")
    assert failed.exit_code == 1
    assert "No space left on device" in failed.output and "png2" in failed.output


def test_a_diagnostic_the_writer_finds_is_on_the_proof_too(edition, tmp_path):
    """A photo at 17 ppi as placed is found while the PDF is written: the proof still has it
    as a margin note (12.3: the proof printed the error but had no mark for it)."""
    from PIL import Image

    from typeset import pipeline

    Image.new("RGB", (120, 90), (200, 50, 50)).save(edition / "photos" / "small.jpg")
    manifest = edition / "edition.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "      - label: 栏目名称",
        "      - photo: {file: photos/small.jpg, caption: 图片说明, credit: 某某 摄}\n"
        "        at: {column: 1, span: 4, top: 60, bottom: 90}\n      - label: 栏目名称", 1),
        encoding="utf-8")
    result = pipeline.build(edition, tmp_path / "lr.pdf", proof=True)
    codes = {d.code for d in result.diagnostics if d.severity.value != "info"}
    notes = " ".join(m.label.replace("\n", "") for f in result.document.pages for m in f.items
                     if getattr(m, "kind", "") in NOTE_KINDS)
    assert codes and all(code in notes for code in codes), (codes, notes)
