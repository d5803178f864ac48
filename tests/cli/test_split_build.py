"""`paiban build --split`: the edition is composed once and each page written from that one
composition (it used to be composed again for every page)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf

from cli_kit import run

from typeset import pipeline
from typeset.manifest import load_edition

ROOT = Path(__file__).resolve().parents[2]


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True)
    return "".join(done.stdout.split())


def _pages(folder: Path) -> int:
    """How many pages the edition's manifest names."""
    return len(load_edition(folder)[0].pages)


def test_split_composes_once_and_writes_each_page_from_it(tmp_path, monkeypatch):
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "editions" / "sample", folder)
    calls = []
    real = pipeline.compose_edition

    def counted(*args, **kwargs):      # the real composer, counted
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "compose_edition", counted)
    out = tmp_path / "plates"
    result = run("build", folder, "--split", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(calls) == 1, f"the edition was composed {len(calls)} times for {len(names)} pages"
    assert len(names) == _pages(folder) >= 2, names
    first, second = out / names[0], out / names[1]
    for pdf in (out / name for name in names):
        with pikepdf.open(pdf) as doc:
            assert len(doc.pages) == 1
    assert "北山新材料产业园二期全面开工" in _text(first)
    assert "北山新材料产业园二期全面开工" not in _text(second)
    assert "奔涌不息" in _text(second)
    assert f"wrote {first} (page 1)" in result.output


def test_split_of_an_edition_with_errors_writes_no_page(tmp_path):
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "editions" / "sample", folder)
    story = folder / "stories" / "a10-lead.md"
    story.write_text(story.read_text(encoding="utf-8")
                     + ("\n\n" + "超长的稿件正文需要被报告为超版。" * 30) * 12, encoding="utf-8")
    out = tmp_path / "plates"
    result = run("build", folder, "--split", out)
    assert result.exit_code == 1 and "overset" in result.output
    assert not out.exists() or not any(out.iterdir())
    allowed = run("build", folder, "--split", out, "--allow-overset")
    assert allowed.exit_code == 0, allowed.output
    assert len(list(out.iterdir())) == _pages(folder)
