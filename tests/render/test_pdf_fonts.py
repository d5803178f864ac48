"""CID font embedding checked on real output: pdffonts, pdftotext, pikepdf and glyph origins."""

from __future__ import annotations

import ctypes
import io
import re
import subprocess

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont

from typeset.render.pdf import write_pdf

TEXT = "新华社北京5月1日电“引号”‘单引’……——·《书名》Latin run, 2024年。"


def _fonts(pdf):
    found = {}
    for page in pdf.pages:
        for _name, font in page.obj.Resources.Font.items():
            found[str(font.BaseFont)] = font
    return found


def test_pdffonts_lists_only_embedded_subset_cid_fonts(tmp_path, make_doc, run, serif, kai):
    path = tmp_path / "fonts.pdf"
    write_pdf(make_doc([run(serif, TEXT, 10, 30, 9), run(kai, "楷体「测试」ABC", 10, 60, 12)]),
              path)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.strip().splitlines()[2:]
    assert len(rows) == 2
    types = set()
    for row in rows:
        assert re.match(r"^[A-Z]{6}\+", row)
        assert re.search(r"Identity-H\s+yes\s+yes\s+yes", row)
        types.add("TrueType" if "CID TrueType" in row else "Type 0C")
    assert types == {"TrueType", "Type 0C"}
    assert "Helvetica" not in out


def test_pdftotext_gives_back_the_text_exactly(tmp_path, make_doc, run, serif, kai):
    path = tmp_path / "text.pdf"
    write_pdf(make_doc([run(serif, TEXT, 10, 30, 9), run(kai, "楷体“引号”……——·ABC", 10, 60, 12)],
                       width=500),
              path)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0] == TEXT
    assert lines[1] == "楷体“引号”……——·ABC"


def test_compressed_punctuation_lands_exactly_where_the_composer_put_it(
        tmp_path, make_doc, run, serif):
    text = "中文。“引号”，排版"
    size = 10.0
    # Half-width punctuation: every punctuation mark and the glyph after it moved left.
    xs, pen = [], 0.0
    for ch in text:
        xs.append(round(pen, 3))
        pen += size * (0.5 if ch in "。“”，" else 1.0)
    doc = make_doc([run(serif, text, 20, 50, size, positions=xs)], bleed=0)
    path = tmp_path / "place.pdf"
    write_pdf(doc, path)
    pdf = pdfium.PdfDocument(str(path))
    textpage = pdf[0].get_textpage()
    height = 200.0
    origins = []
    for i in range(textpage.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(x), ctypes.byref(y))
        origins.append((x.value, height - y.value))
    assert len(origins) == len(text)
    for (ox, oy), want in zip(origins, xs):
        assert abs(ox - (20 + want)) < 0.01
        assert abs(oy - 50) < 0.01


def test_widths_descriptor_and_programs_match_the_faces(tmp_path, make_doc, run, serif, kai):
    path = tmp_path / "w.pdf"
    cjk = run(serif, "中文排版“测试”", 10, 30, 9)
    latin = run(kai, "楷体ABC", 10, 60, 9)
    write_pdf(make_doc([cjk, latin]), path)
    with pikepdf.open(path) as pdf:
        for font in _fonts(pdf).values():
            assert font.Subtype == "/Type0" and font.Encoding == "/Identity-H"
            cid = font.DescendantFonts[0]
            desc = cid.FontDescriptor
            for key in ("/Flags", "/FontBBox", "/Ascent", "/Descent", "/CapHeight", "/StemV",
                        "/ItalicAngle"):
                assert key in desc
            assert float(desc.Ascent) > 0 > float(desc.Descent)
            widths = {}
            w = list(cid.W)
            i = 0
            while i < len(w):
                start, arr = int(w[i]), w[i + 1]
                for j, value in enumerate(arr):
                    widths[start + j] = float(value)
                i += 2
            if cid.Subtype == "/CIDFontType0":
                assert desc.FontFile3.Subtype == "/CIDFontType0C"
                cff = CFFFontSet()
                cff.decompile(io.BytesIO(desc.FontFile3.read_bytes()), None)
                top = cff[0]
                # Identity charset: CID n is glyph n, so codes written in content select it.
                assert top.charset[:3] == [".notdef", "cid00001", "cid00002"]
                charstrings = top.CharStrings
                for name in top.charset:
                    charstrings[name].calcBounds(charstrings)
                face, source_run = serif, cjk
            else:
                assert cid.CIDToGIDMap == "/Identity"
                tt = TTFont(io.BytesIO(desc.FontFile2.read_bytes()))
                assert "glyf" in tt and "GSUB" not in tt
                face, source_run = kai, latin
            # Every drawn glyph's /W width equals the face's advance (1/1000 em).
            content = b"".join(p.Contents.read_bytes() for p in [pdf.pages[0].obj])
            codes = {int(h, 16) for h in re.findall(rb"<([0-9A-F]{4})>", content)}
            for g in source_run.glyphs:
                expected = round(face.advance(g.gid) * 1000 / face.upem, 3)
                assert any(abs(widths.get(c, 1000) - expected) < 1e-6 for c in codes)


def test_no_unembedded_font_resources_anywhere(tmp_path, make_doc, run, serif):
    path = tmp_path / "r.pdf"
    write_pdf(make_doc([run(serif, "一", 10, 30, 9)], [run(serif, "二", 10, 30, 9)]), path)
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for _, font in page.obj.Resources.Font.items():
                assert font.Subtype == "/Type0"
            assert b"/F1 " not in page.obj.Contents.read_bytes()
        fonts = {f.objgen for p in pdf.pages for _, f in p.obj.Resources.Font.items()}
        assert len(fonts) == 1  # one Type0 font per face, shared by pages
