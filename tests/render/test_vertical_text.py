"""Runs set top to bottom (竖题) are shown with the face's Identity-V font: the glyphs land where
the horizontal font put them, the font program is embedded once, and text extraction reads
each column down and the columns right to left."""

from __future__ import annotations

import subprocess
from dataclasses import replace

import numpy as np
import pikepdf
import pypdfium2 as pdfium

from typeset.frame import GlyphRun, PlacedGlyph
from typeset.render.pdf import write_pdf


def _column(face, text: str, x: float, size: float = 20.0) -> GlyphRun:
    """`text` down a column at `x`: each glyph upright, one em below the one before."""
    glyphs = []
    for n, char in enumerate(text):
        (shaped,) = face.shape(char)
        glyphs.append(PlacedGlyph(shaped.gid, 0.0, char, n * size))
    return GlyphRun(x, 40.0, face.ref, size, tuple(glyphs), text, vertical=True)


def _pixels(path):
    page = pdfium.PdfDocument(str(path))[0]
    return np.asarray(page.render(scale=2).to_pil().convert("L")).astype(int)


def test_vertical_runs_land_where_horizontal_ones_would(tmp_path, make_doc, serif):
    columns = [_column(serif, "春耕备耕正当时", 200), _column(serif, "智慧农机下田来", 170)]
    vertical, horizontal = tmp_path / "v.pdf", tmp_path / "h.pdf"
    write_pdf(make_doc(columns, width=300, height=240, bleed=0), vertical)
    write_pdf(make_doc([replace(c, vertical=False) for c in columns], width=300, height=240,
                       bleed=0), horizontal)
    assert np.abs(_pixels(vertical) - _pixels(horizontal)).max() <= 2  # rounding only
    with pikepdf.open(vertical) as pdf:
        fonts = pdf.pages[0].Resources.Font
        encodings = sorted(str(font.Encoding) for font in fonts.values())
        assert encodings == ["/Identity-V"]
    text = subprocess.run(["pdftotext", str(vertical), "-"], capture_output=True, text=True,
                          check=True).stdout.split()
    assert text[:2] == ["春耕备耕正当时", "智慧农机下田来"]  # down each column, right to left


def test_a_face_used_both_ways_is_embedded_once(tmp_path, make_doc, serif, run):
    items = [_column(serif, "竖题", 250), run(serif, "横排正文", 10, 60, 10)]
    path = tmp_path / "both.pdf"
    write_pdf(make_doc(items, width=300, height=200, bleed=0), path)
    with pikepdf.open(path) as pdf:
        fonts = dict(pdf.pages[0].Resources.Font.items())
        assert sorted(fonts) == ["/TF1", "/TF1V"]
        assert fonts["/TF1"].DescendantFonts[0].objgen == fonts["/TF1V"].DescendantFonts[0].objgen
    listed = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                            check=True).stdout
    assert "Identity-H" in listed and "Identity-V" in listed
