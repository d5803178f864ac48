"""`output: pdfx: PDF/X-4` writes the same content marked as PDF/X-4 (PDF 1.6, XMP
identification and the xmpMM IDs X-4 asks for); a newspaper plant on the Ghent Workgroup's
2015 specification accepts it (`newsprint-x4`), an X-1a plant does not."""

from __future__ import annotations

import re

import pikepdf

from typeset.frame import BLACK, Document, DocumentInfo, GlyphRun, PageFrame, PlacedGlyph, Rule
from typeset.fonts import load_face
from typeset.preflight import preflight
from typeset.render.pdf import PdfOptions, write_pdf

SERIF = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2)


def _document(title: str = "测试日报") -> Document:
    face = load_face(*SERIF)
    glyphs, pen = [], 0.0
    for g in face.shape("新华社北京电　正文测试"):
        glyphs.append(PlacedGlyph(g.gid, round(pen, 3), "新华社北京电　正文测试"[g.cluster]))
        pen += g.advance * 9 / face.upem
    run = GlyphRun(20, 40, face.ref, 9, tuple(glyphs), "新华社北京电　正文测试", BLACK)
    return Document((PageFrame(1, 300, 200, 8.5, (run, Rule(20, 50, 250, 50, 0.5))),),
                    DocumentInfo(title, "测试日报", "2024-05-01", 1714521600))


def _xmp(path) -> str:
    with pikepdf.open(path) as pdf:
        return pdf.Root.Metadata.read_bytes().decode("utf-8")


def test_x4_marking_version_and_ids(tmp_path):
    x4, x1a = tmp_path / "x4.pdf", tmp_path / "x1a.pdf"
    assert write_pdf(_document(), x4, PdfOptions(pdfx="PDF/X-4")) == []
    assert write_pdf(_document(), x1a) == []
    with pikepdf.open(x4) as pdf:
        assert pdf.pdf_version == "1.6" and str(pdf.trailer.Info.GTS_PDFXVersion) == "PDF/X-4"
    meta = _xmp(x4)
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in meta
    ids = re.findall(r"<xmpMM:(DocumentID|VersionID|RenditionClass)>([^<]+)<", meta)
    assert [k for k, _ in ids] == ["DocumentID", "VersionID", "RenditionClass"]
    assert re.fullmatch(r"uuid:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", ids[0][1])
    # The same document gets the same ID (deterministic output); another document another.
    write_pdf(_document(), tmp_path / "again.pdf", PdfOptions(pdfx="PDF/X-4"))
    write_pdf(_document("另一份报纸"), tmp_path / "other.pdf", PdfOptions(pdfx="PDF/X-4"))
    assert x4.read_bytes() == (tmp_path / "again.pdf").read_bytes()
    assert ids[0][1] not in _xmp(tmp_path / "other.pdf")
    with pikepdf.open(x1a) as pdf:  # the content is the same, only the marking differs
        assert pdf.pdf_version == "1.4"


def test_plants_accept_x4_by_their_specification(tmp_path):
    path = tmp_path / "x4.pdf"
    write_pdf(_document(), path, PdfOptions(pdfx="PDF/X-4"))
    assert preflight(path, "newsprint-x4", ink=False).passed
    statuses = preflight(path, "newsprint", ink=False).statuses()
    assert statuses["pdfx_marker"] == "fail" and statuses["pdf_version"] == "fail"
    # X-4 names itself in the XMP: a file without the Info key is still recognised.
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.trailer.Info["/GTS_PDFXVersion"]
        pdf.save(path)
    assert preflight(path, "newsprint-x4", ink=False).statuses()["pdfx_marker"] == "pass"
