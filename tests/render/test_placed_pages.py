"""Advertisements delivered as PDF: placed as form XObjects, scaled to their slot, checked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from reportlab.pdfgen.canvas import Canvas

from typeset.cli.main import main
from editions_kit import fill_in


def make_ad(path: Path, width: float = 200.0, height: float = 100.0) -> Path:
    """A small CMYK vector ad (no fonts, 100 % K overprinting nothing), as an agency's PDF."""
    pdf = pikepdf.new()
    content = (f"0 0.9 0.9 0 k 10 10 {width - 20} {height - 20} re f "
               f"0 0 0 1 k {width / 2 - 20} {height / 2 - 20} 40 40 re f").encode()
    page = pdf.add_blank_page(page_size=(width, height))
    page.obj.Contents = pdf.make_stream(content)
    pdf.save(path)
    return path


def make_helvetica_ad(path: Path) -> Path:
    """An ad that is not print-ready: reportlab's default, un-embedded Helvetica."""
    c = Canvas(str(path), pagesize=(200, 100))
    c.drawString(20, 40, "LOTTERY")
    c.showPage()
    c.save()
    return path


@pytest.fixture()
def ad_edition(tmp_path) -> Path:
    folder = tmp_path / "ed"
    assert CliRunner().invoke(main, ["new", str(folder), "--date", "2026-12-01",
                                     "--pages", "2"]).exit_code == 0
    fill_in(folder)
    (folder / "ads").mkdir()
    make_ad(folder / "ads" / "lottery.pdf")
    manifest = folder / "edition.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "      - ad: {text: 广告语}" in text
    manifest.write_text(text.replace("      - ad: {text: 广告语}",
                                     "      - ad: {file: ads/lottery.pdf}", 1), encoding="utf-8")
    return folder


def test_a_pdf_ad_is_placed_as_a_form_xobject_inside_its_slot(ad_edition, tmp_path):
    out = tmp_path / "final.pdf"
    result = CliRunner().invoke(main, ["build", str(ad_edition), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pikepdf.open(out) as pdf:
        forms = {}
        for number, page in enumerate(pdf.pages, 1):
            xobjects = page.obj.Resources.get("/XObject", {})
            for name, obj in xobjects.items():
                if name.startswith("/TSPg"):
                    forms[number] = obj
        assert list(forms) == [2]
        assert forms[2].Subtype == "/Form"
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    checked = CliRunner().invoke(main, ["preflight", str(out), "--no-ink"])
    assert checked.exit_code == 0, checked.output


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused_at_load(ad_edition):
    (ad_edition / "ads" / "lottery.pdf").write_bytes(b"GIF89a not a pdf")
    result = CliRunner().invoke(main, ["check", str(ad_edition)])
    assert result.exit_code == 1
    assert "is not a PDF file" in result.output


def test_a_damaged_pdf_ad_is_an_error_and_the_final_pdf_is_not_replaced(ad_edition, tmp_path):
    (ad_edition / "ads" / "lottery.pdf").write_bytes(b"%PDF-1.4\n garbage without objects")
    out = tmp_path / "final.pdf"
    out.write_bytes(b"previous")
    result = CliRunner().invoke(main, ["build", str(ad_edition), "-o", str(out)])
    assert result.exit_code == 1
    assert "ad-unreadable" in result.output or "cannot be opened" in result.output
    assert out.read_bytes() == b"previous"


def test_an_ad_that_is_not_print_ready_fails_preflight_like_any_page(ad_edition, tmp_path):
    make_helvetica_ad(ad_edition / "ads" / "lottery.pdf")
    out = tmp_path / "final.pdf"
    assert CliRunner().invoke(main, ["build", str(ad_edition), "-o", str(out)]).exit_code == 0
    checked = CliRunner().invoke(main, ["preflight", str(out), "--no-ink"])
    assert checked.exit_code == 1
    assert "Helvetica" in checked.output
