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


def test_a_turned_word_runs_down_the_page(tmp_path, make_doc, serif):
    """A rotated run (a Latin word in a vertical headline) is drawn turned 90° clockwise: its
    ink is tall and narrow, it starts where the composer put its first glyph, and its text
    is still in the PDF."""
    size, glyphs, pen = 20.0, [], 0.0
    for g in serif.shape("Headline"):
        glyphs.append(PlacedGlyph(g.gid, 0.0, "Headline"[g.cluster], round(pen, 3)))
        pen += g.advance * size / serif.upem
    run = GlyphRun(150.0, 40.0, serif.ref, size, tuple(glyphs), "Headline", rotated=True)
    path = tmp_path / "turned.pdf"
    write_pdf(make_doc([run], width=300, height=240, bleed=0), path)
    with pikepdf.open(path) as pdf:
        assert b"0 -1 1 0 " in pdf.pages[0].Contents.read_bytes()
    ink = _pixels(path) < 128                      # 2 px a point
    rows, cols = np.nonzero(ink)
    assert rows.max() - rows.min() > 3 * (cols.max() - cols.min())   # tall and narrow
    assert abs(rows.min() / 2 - 40.0) < 3           # it begins at the first glyph's origin
    assert cols.min() / 2 > 150.0 - 0.2 * size and cols.max() / 2 < 150.0 + size  # right of it
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Headline" in text.replace("\n", "")
