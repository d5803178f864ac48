"""Boxes, colour and overprint, PDF/X identity, determinism and tool checks on written PDFs."""

from __future__ import annotations

import subprocess

import pikepdf
import pytest

from typeset.frame import CMYK, WHITE, Box, Marker, Rule
from typeset.render.pdf import PdfOptions, write_pdf
from typeset.render.pdf.profiles import find_output_profile


def _page_ops(pdf, index=0):
    return [(str(i.operator), list(i.operands))
            for i in pikepdf.parse_content_stream(pdf.pages[index])]


def _sample(make_doc, run, serif):
    return make_doc([
        run(serif, "正文黑字", 10, 30, 9),
        run(serif, "白字", 10, 60, 9, color=WHITE),
        run(serif, "红字", 10, 90, 9, color=CMYK(0, 1, 1, 0)),
        Rule(10, 100, 200, 100, 0.5),
        Box(10, 110, 50, 20, fill=CMYK(0, 0, 0, 0.3)),
    ])


def test_boxes_nest_with_the_bleed_and_marks_grow_the_media_box(tmp_path, make_doc, run, serif):
    plain, marked = tmp_path / "p.pdf", tmp_path / "m.pdf"
    doc = make_doc([run(serif, "版", 10, 30, 9)], width=300, height=200, bleed=8.5)
    write_pdf(doc, plain)
    write_pdf(doc, marked, PdfOptions(marks=True, slug="测试日报 第{page}版 2024-05-01 22:10"))
    with pikepdf.open(plain) as pdf:
        page = pdf.pages[0].obj
        assert [float(v) for v in page.TrimBox] == [8.5, 8.5, 308.5, 208.5]
        assert [float(v) for v in page.BleedBox] == [0, 0, 317, 217]
        assert [float(v) for v in page.MediaBox] == [0, 0, 317, 217]
    with pikepdf.open(marked) as pdf:
        page = pdf.pages[0].obj
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
        media = [float(v) for v in page.MediaBox]
        assert trim[2] - trim[0] == pytest.approx(300) and trim[3] - trim[1] == pytest.approx(200)
        assert bleed[0] == pytest.approx(trim[0] - 8.5)
        assert media[0] < bleed[0] and media[2] > bleed[2]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(marked), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "测试日报 第1版 2024-05-01 22:10" in out


def test_only_cmyk_and_pure_black_overprints(tmp_path, make_doc, run, serif):
    path = tmp_path / "c.pdf"
    write_pdf(_sample(make_doc, run, serif), path)
    with pikepdf.open(path) as pdf:
        ops = _page_ops(pdf)
        gstates = pdf.pages[0].obj.Resources.ExtGState
        assert not any(op in ("rg", "RG", "g", "G", "cs", "CS") for op, _ in ops)
        state = {"op": False, "OP": False, "OPM": 0}
        fill = None
        shows = []
        for op, args in ops:
            if op == "gs":
                for key, value in gstates[args[0]].items():
                    state[key[1:]] = value if key == "/OPM" else bool(value)
            elif op == "k":
                fill = tuple(float(a) for a in args)
            elif op == "TJ":
                shows.append((fill, state["op"], int(state["OPM"])))
        assert shows[0] == ((0, 0, 0, 1), True, 1)  # black text overprints with OPM 1
        assert shows[1][0] == (0, 0, 0, 0) and shows[1][1] is False  # white knocks out
        assert shows[2][1] is False  # colour knocks out


def test_pdfx_identity_info_and_xmp(tmp_path, make_doc, run, serif):
    path = tmp_path / "x.pdf"
    diags = write_pdf(_sample(make_doc, run, serif), path)
    assert [d for d in diags if d.severity.value == "error"] == []
    profile = find_output_profile()
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.4"
        info = pdf.trailer.Info
        assert str(info.GTS_PDFXVersion) == "PDF/X-1a:2003"
        assert str(info.Title) == "测试日报"
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.CreationDate) == "D:20240501000000+00'00'"
        assert "/ID" in pdf.trailer
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == profile.condition
        icc = intent.DestOutputProfile.read_bytes()
        assert icc[12:20] == b"prtrCMYK" and int(intent.DestOutputProfile.N) == 4
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-1a:2003</pdfxid:GTS_PDFXVersion>" in xmp
        assert "2024-05-01T00:00:00" in xmp
    raw = path.read_bytes()
    assert b"/ObjStm" not in raw and b"/Type /XRef" not in raw


def test_qpdf_clean_and_ghostscript_renders(tmp_path, make_doc, run, serif, photo):
    from typeset.frame import ImageItem

    path = tmp_path / "t.pdf"
    doc = make_doc([*_sample(make_doc, run, serif).pages[0].items,
                    ImageItem(100, 20, 144, 96, str(photo), (0, 0, 600, 400), (600, 400))])
    write_pdf(doc, path, PdfOptions(marks=True))
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    gs = subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=nullpage",
                         str(path)], capture_output=True, text=True)
    assert gs.returncode == 0 and "Error" not in gs.stdout + gs.stderr


def test_two_writes_are_byte_identical_and_source_date_epoch_is_used(
        tmp_path, make_doc, run, serif, monkeypatch):
    doc = _sample(make_doc, run, serif)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_pdf(doc, a, PdfOptions(marks=True))
    write_pdf(doc, b, PdfOptions(marks=True))
    assert a.read_bytes() == b.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    undated = make_doc([run(serif, "版", 10, 30, 9)], timestamp=0)
    write_pdf(undated, a)
    with pikepdf.open(a) as pdf:
        assert str(pdf.trailer.Info.CreationDate) == "D:20231114221320+00'00'"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]  # no temp files


def test_proof_overlay_draws_markers_and_watermark_without_pdfx_marker(
        tmp_path, make_doc, run, serif):
    path = tmp_path / "proof.pdf"
    doc = make_doc([run(serif, "正文", 10, 30, 9),
                    Marker("slot", 5, 5, 150, 100, "头条"), Marker("overset", 5, 100, 150, 10,
                                                                   "超版 3 行")])
    diags = write_pdf(doc, path, PdfOptions(proof=True))
    assert any(d.code == "pdf-proof" for d in diags)
    with pikepdf.open(path) as pdf:
        assert "/GTS_PDFXVersion" not in pdf.trailer.Info
        strokes = [args for op, args in _page_ops(pdf) if op == "re"]
        assert len(strokes) == 2
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "校样" in out and "头条" in out and "超版 3 行" in out


def test_a_non_cmyk_profile_is_reported_not_raised(tmp_path, make_doc, run, serif):
    path = tmp_path / "n.pdf"
    diags = write_pdf(make_doc([run(serif, "版", 10, 30, 9)]), path,
                      PdfOptions(icc_profile="/usr/share/color/icc/ghostscript/srgb.icc"))
    assert [d.code for d in diags] == ["pdf-no-profile"]
    assert "prtr" in diags[0].message
    with pikepdf.open(path) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "/GTS_PDFXVersion" not in pdf.trailer.Info


def test_layout_output_settings_fill_options_left_at_default(tmp_path, make_doc, run, serif):
    from dataclasses import replace

    path = tmp_path / "o.pdf"
    doc = make_doc([run(serif, "版", 10, 30, 9)])
    doc = replace(doc, output={"output_condition": "ISOnewspaper26v4"})
    write_pdf(doc, path)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "ISOnewspaper26v4"
