"""Issue 13.4 / 13.9 / 12.12 / 14.3: preflight and ad checks are bounded (stream bombs, huge
declared images, damaged files, 100,000-page reports), name photos by file and give pages;
findings are Diagnostics."""

from __future__ import annotations

import json
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from typeset.cli.main import main
from typeset.diagnostics import Diagnostic, Severity
from typeset.preflight import get_profile, preflight
from typeset.preflight.ad_artwork import inspect_ad
from typeset.preflight.bounds import TooLarge, bounded_bytes
from typeset.preflight.result import Report, failed, status, summarised

ROOT = Path(__file__).resolve().parents[2]


def _bomb_pdf(path: Path, megabytes: int, *, filters=("/FlateDecode",), image: bool = False
              ) -> Path:
    """One page whose content inflates to `megabytes` MB of spaces (a few hundred kB stored)."""
    pack = zlib.compressobj(9)
    parts = [pack.compress(b"0 0 0 1 k 0 0 10 10 re f\n")]
    block = b" " * (1 << 20)
    parts += [pack.compress(block) for _ in range(megabytes)]
    parts.append(pack.flush())
    data = b"".join(parts)
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    page = pdf.pages[0]
    stream = pikepdf.Stream(pdf, data)
    stream.Filter = pikepdf.Array([pikepdf.Name(f) for f in filters]) if len(filters) > 1 \
        else pikepdf.Name(filters[0])
    page.obj.Contents = stream
    if image:
        img = pikepdf.Stream(pdf, b"\0" * 16)
        img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        img.Width, img.Height, img.BitsPerComponent = 60000, 60000, 8
        img.ColorSpace = pikepdf.Name.DeviceCMYK
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=img))
    pdf.save(path, compress_streams=False)
    return path


@pytest.mark.parametrize("megabytes", [40, 200, 1024])
def test_a_content_stream_bomb_is_reported_quickly_not_inflated(tmp_path, megabytes):
    pdf = _bomb_pdf(tmp_path / "bomb.pdf", megabytes)
    start = time.monotonic()
    report = preflight(pdf, get_profile("newsprint"), ink=True)
    took = time.monotonic() - start
    found = [f for f in report.findings if f.code == "content_stream"]
    assert found and status(found[0]) == "fail" and found[0].page == 1
    assert "inflates" in found[0].message
    assert not report.passed
    assert took < 30  # (uncapped: about a minute and gigabytes for 1 GB)


def test_bounded_bytes_stops_at_the_limit(tmp_path):
    pdf = pikepdf.open(_bomb_pdf(tmp_path / "b.pdf", 8))
    stream = pdf.pages[0].obj.Contents
    with pytest.raises(TooLarge):
        bounded_bytes(stream, 4 * 1024 * 1024)
    assert len(bounded_bytes(stream, 16 * 1024 * 1024)) > 8 * 1024 * 1024


def test_an_ad_whose_content_inflates_past_the_limit_is_an_error_for_check(tmp_path):
    ad = _bomb_pdf(tmp_path / "ad.pdf", 200, image=True)
    art = inspect_ad(ad, name="ad.pdf")
    codes = {f.code: f for f in art.findings}
    assert "ad-too-large" in codes and codes["ad-too-large"].severity is Severity.ERROR
    assert "60000×60000" in codes["ad-too-large"].message
    assert all(isinstance(f, Diagnostic) for f in art.findings)


def test_an_image_declared_huge_is_flagged(tmp_path):
    pdf = _bomb_pdf(tmp_path / "img.pdf", 0, image=True)
    report = preflight(pdf, get_profile("newsprint"), ink=False)
    assert any(f.code == "image_size" and status(f) == "fail" for f in report.findings)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_preflight_of_a_cut_off_pdf_fails_cleanly(tmp_path, keep):
    whole = tmp_path / "sample.pdf"
    result = CliRunner().invoke(main, ["build", str(ROOT / "editions" / "sample"), "-o",
                                       str(whole)])
    assert result.exit_code == 0, result.output
    data = whole.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[:int(len(data) * keep)])
    run = CliRunner().invoke(main, ["preflight", str(cut), "--no-ink"])
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output and "internal error" not in run.output


def test_preflight_names_photos_by_their_file(tmp_path):
    pdf = tmp_path / "sample.pdf"
    assert CliRunner().invoke(main, ["build", str(ROOT / "editions" / "sample"), "-o",
                                     str(pdf)]).exit_code == 0
    from typeset.preflight.content import page_marks

    with pikepdf.open(pdf) as doc:
        names = {img.name for page in doc.pages for img in page_marks(page).images}
    assert names and all(name.endswith((".jpg", ".png", ".tif")) for name in names), names


def test_a_report_of_many_pages_is_summed_up():
    findings = [failed("page_boxes", "no TrimBox", page) for page in range(1, 100_001)]
    findings.append(failed("info_keys", "Title missing"))
    report = Report("big.pdf", "newsprint", findings)
    assert len(report.table().splitlines()) < 30
    short = summarised(findings)
    assert len(short) == 12
    assert "99,990 more" in short[10].message and "(pages 11–100000)" in short[10].message
    data = report.to_json()
    json.dumps(data)
    assert data["counts"]["fail"] == 100_001


def test_a_many_page_pdf_gives_a_short_report(tmp_path):
    pdf = pikepdf.new()
    for _ in range(300):
        pdf.add_blank_page(page_size=(200, 100))
    path = tmp_path / "many.pdf"
    pdf.save(path)
    result = CliRunner().invoke(main, ["preflight", str(path), "--no-ink"])
    assert result.exit_code == 1
    assert len(result.output.splitlines()) < 60
    assert "more like these" in result.output
