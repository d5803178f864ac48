"""Preflight: our own output passes; PDFs broken in one way each fail with the right check id."""

from __future__ import annotations

import io
import json

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from typeset.cli.preflight_cmd import preflight as preflight_cli
from typeset.fonts import load_face
from typeset.frame import BLACK, Document, DocumentInfo, GlyphRun, PageFrame, PlacedGlyph, Rule
from typeset.preflight import preflight
from typeset.preflight.result import facts, status
from typeset.render.pdf import write_pdf

SERIF = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2)


def _run(text: str, x: float, y: float, size: float, color=BLACK) -> GlyphRun:
    face = load_face(*SERIF)
    glyphs, pen = [], 0.0
    for _i, g in enumerate(face.shape(text)):
        glyphs.append(PlacedGlyph(g.gid, round(pen, 3), text[g.cluster]))
        pen += g.advance * size / face.upem
    return GlyphRun(x, y, face.ref, size, tuple(glyphs), text, color)


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "good.pdf"
    items = (_run("新华社北京电　正文测试“引号”……——", 20, 40, 9), Rule(20, 50, 250, 50, 0.5))
    doc = Document((PageFrame(1, 300, 200, 8.5, items),),
                   DocumentInfo("测试日报", "测试日报", "2024-05-01", 1714521600))
    assert write_pdf(doc, path) == []
    return path.read_bytes()


def _statuses(path, **kw):
    return preflight(path, **kw).statuses()


def _modified(tmp_path, good_pdf, change) -> str:
    path = tmp_path / "bad.pdf"
    with pikepdf.open(io.BytesIO(good_pdf)) as pdf:
        change(pdf)
        pdf.save(path)
    return path


def test_our_output_passes_every_check(tmp_path, good_pdf):
    path = tmp_path / "good.pdf"
    path.write_bytes(good_pdf)
    report = preflight(path)
    assert report.passed, report.table()
    statuses = report.statuses()
    assert set(statuses.values()) == {"pass"}, report.table()
    for check in ("qpdf_check", "output_intent", "pdfx_marker", "info_keys", "page_boxes",
                  "fonts_embedded", "fonts_subset", "colour_rgb", "black_text_overprint",
                  "white_overprint", "tac", "text_extract", "text_size", "line_width"):
        assert check in statuses


def _canvas_pdf(path, draw, trim=True):
    c = Canvas(str(path), pagesize=(300, 200), invariant=1)
    if trim:
        c.setTrimBox((0, 0, 300, 200))
    draw(c)
    c.showPage()
    c.save()
    return path


def test_rgb_colour_unembedded_font_and_missing_identity_fail(tmp_path):
    def draw(c):
        c.setFillColorRGB(1, 0, 0)
        c.drawString(20, 100, "Hello")
    report = preflight(_canvas_pdf(tmp_path / "rgb.pdf", draw), ink=False)
    statuses = report.statuses()
    assert not report.passed
    assert statuses["colour_rgb"] == "fail"
    assert statuses["fonts_embedded"] == "fail"
    assert statuses["output_intent"] == "fail"
    assert statuses["pdfx_marker"] == "fail"
    assert "Helvetica" in next(f.message for f in report.findings if f.code == "fonts_embedded")


def test_rgb_image_fails_colour_check(tmp_path):
    im = Image.new("RGB", (400, 400), (255, 0, 0))
    buf = io.BytesIO()
    im.save(buf, "PNG")

    def draw(c):
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 10, 10, 144, 144)
    statuses = _statuses(_canvas_pdf(tmp_path / "img.pdf", draw), ink=False)
    assert statuses["colour_rgb"] == "fail"
    assert statuses["image_ppi"] == "pass"


def test_missing_trim_box_fails(tmp_path):
    statuses = _statuses(_canvas_pdf(tmp_path / "t.pdf", lambda c: None, trim=False), ink=False)
    assert statuses["page_boxes"] == "fail"


def test_trim_outside_bleed_fails(tmp_path, good_pdf):
    def change(pdf):
        pdf.pages[0].obj.BleedBox = pikepdf.Array([10, 10, 20, 20])
    assert _statuses(_modified(tmp_path, good_pdf, change), ink=False)["page_boxes"] == "fail"


def test_no_output_intent_and_unknown_trapped_fail(tmp_path, good_pdf):
    def change(pdf):
        del pdf.Root.OutputIntents
        pdf.trailer.Info.Trapped = pikepdf.Name("/Unknown")
    statuses = _statuses(_modified(tmp_path, good_pdf, change), ink=False)
    assert statuses["output_intent"] == "fail"
    assert statuses["info_keys"] == "fail"


def test_knocked_out_black_text_and_overprinting_white_fail(tmp_path):
    def draw(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.rect(10, 10, 50, 50, fill=1, stroke=0)  # black fill, fine
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setFillOverprint(True)
        c.rect(70, 10, 50, 50, fill=1, stroke=0)  # white overprinting: vanishes on press

    def text(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFillOverprint(True)  # OPM stays 0: CMY still knock out
        c.drawString(20, 100, "black")
    statuses = _statuses(_canvas_pdf(tmp_path / "w.pdf", draw), ink=False)
    assert statuses["white_overprint"] == "fail"
    report = preflight(_canvas_pdf(tmp_path / "k.pdf", text), ink=False)
    finding = next(f for f in report.findings if f.code == "black_text_overprint")
    assert status(finding) == "fail" and "OPM 0" in finding.message


def test_too_much_ink_fails_the_tac_check(tmp_path):
    def draw(c):
        c.setFillColorCMYK(1, 1, 1, 1)
        c.rect(50, 50, 100, 100, fill=1, stroke=0)
    report = preflight(_canvas_pdf(tmp_path / "tac.pdf", draw))
    finding = next(f for f in report.findings if f.code == "tac")
    assert status(finding) == "fail"
    assert facts(finding)["max_tac"] == pytest.approx(400, abs=1)


def test_low_ppi_transparency_thin_and_zero_width_lines(tmp_path):
    im = Image.new("CMYK", (100, 100), (0, 0, 0, 128))
    buf = io.BytesIO()
    im.save(buf, "JPEG")

    def draw(c):
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 10, 10, 144, 144)  # 50 ppi
        c.setLineWidth(0.1)
        c.line(10, 180, 200, 180)
        c.setLineWidth(0)
        c.line(10, 190, 200, 190)
        c.setFillAlpha(0.5)
        c.rect(200, 10, 20, 20, fill=1, stroke=0)
    statuses = _statuses(_canvas_pdf(tmp_path / "l.pdf", draw), ink=False)
    assert statuses["image_ppi"] == "fail"
    assert statuses["line_width"] == "warn"
    assert statuses["zero_width_lines"] == "fail"
    assert statuses["transparency"] == "fail"


def test_small_text_warns_with_the_smallest_size(tmp_path):
    path = tmp_path / "small.pdf"
    doc = Document((PageFrame(1, 300, 200, 0, (_run("小字", 20, 40, 4.0),)),),
                   DocumentInfo("t", "p", "d", 1))
    write_pdf(doc, path)
    report = preflight(path, ink=False)
    finding = next(f for f in report.findings if f.code == "text_size")
    assert status(finding) == "warn" and "4.00 pt" in finding.message
    assert report.passed  # a warning does not fail the file


def test_cli_table_json_and_exit_codes(tmp_path, good_pdf):
    good = tmp_path / "good.pdf"
    good.write_bytes(good_pdf)
    runner = CliRunner()
    ok = runner.invoke(preflight_cli, [str(good), "--no-ink"])
    assert ok.exit_code == 0 and "PASSED" in ok.output
    bad = _modified(tmp_path, good_pdf, lambda pdf: pdf.Root.__delattr__("OutputIntents"))
    res = runner.invoke(preflight_cli, [str(bad), "--json", "--no-ink"])
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["passed"] is False and data["summary"]["output_intent"] == "fail"
    assert runner.invoke(preflight_cli, [str(tmp_path / "none.pdf")]).exit_code == 2
    assert runner.invoke(preflight_cli, [str(good), "--profile", "nope"]).exit_code == 2


def test_marks_and_slug_outside_the_bleed_do_not_count_as_page_text(tmp_path):
    from typeset.render.pdf import PdfOptions

    path = tmp_path / "marks.pdf"
    doc = Document((PageFrame(1, 300, 200, 8.5, (_run("正文", 20, 40, 9),)),),
                   DocumentInfo("测试日报", "测试日报", "2024-05-01", 1714521600))
    write_pdf(doc, path, PdfOptions(marks=True))
    report = preflight(path)
    assert set(report.statuses().values()) == {"pass"}, report.table()
