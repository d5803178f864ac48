"""Painting writes a fill colour only when it changes on the page (and again on every new
page), with the same overprint state as before; glyph runs keep their exact operators."""

from __future__ import annotations

import pikepdf

from typeset.frame import BLACK, CMYK
from typeset.render.pdf import write_pdf
from typeset.render.pdf.draw import PageGeometry, run_operators
from typeset.render.pdf.fonts import FaceUsage, subset_face

RED = CMYK(0, 1, 1, 0)


def _fills_and_shows(pdf, page):
    """Per text show on `page`: the fill colour and fill overprint in force."""
    gstates = page.obj.Resources.get("/ExtGState", {})
    fill, overprint, out = None, False, []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "k":
            fill = tuple(float(a) for a in operands)
        elif op == "gs":
            overprint = bool(gstates[operands[0]].get("/op", overprint))
        elif op == "TJ":
            out.append((fill, overprint))
    return out


def test_a_fill_is_written_once_per_change_and_per_page(tmp_path, make_doc, run, serif):
    runs = [run(serif, "一二三", 10, 20 + 12 * i, 10, colour)
            for i, colour in enumerate((BLACK, BLACK, RED, RED, BLACK))]
    path = tmp_path / "a.pdf"
    write_pdf(make_doc(runs, runs[:2], bleed=0), path)
    with pikepdf.open(path) as pdf:
        first, second = (_fills_and_shows(pdf, page) for page in pdf.pages)
        assert first == [((0, 0, 0, 1), True)] * 2 + [((0, 1, 1, 0), False)] * 2 + \
            [((0, 0, 0, 1), True)]
        assert second == [((0, 0, 0, 1), True)] * 2  # the new page sets its fill again
        fills = [op for page in pdf.pages for _, op in pikepdf.parse_content_stream(page)
                 if str(op) == "k"]
        assert len(fills) == 3 + 1


def test_run_operators_position_every_glyph(serif, run):
    glyph_run = run(serif, "中文排版", 10, 20, 12, positions=[0, 12, 24.5, 36.5])
    usage = FaceUsage(glyph_run.face)
    for glyph in glyph_run.glyphs:
        usage.add(glyph.gid, glyph.text)
    subset = subset_face(usage, "TF1")
    ops = run_operators(glyph_run, subset, PageGeometry(300, 200, 0, 0))
    codes = [f"<{subset.codes[g.gid]:04X}>" for g in glyph_run.glyphs]
    width = subset.widths[subset.codes[glyph_run.glyphs[1].gid]] * 12 / 1000
    gap = round((12 + width - 24.5) * 1000 / 12, 3)
    gap_text = str(int(gap)) if gap == int(gap) else str(gap)
    assert ops == ("BT /TF1 12 Tf\n1 0 0 1 10 180 Tm\n"
                   f"[{codes[0]}{codes[1]}{gap_text}{codes[2]}{codes[3]}] TJ\nET")


def test_black_text_after_a_coloured_stroke_still_overprints(tmp_path, make_doc, run, serif):
    """An ExtGState with /OP false and no /op turns fill overprint off too (PDF 32000 §8.4.5):
    black text painted after a red frame must set its overprint again."""
    from typeset.frame import Box, Rule

    items = [run(serif, "一二三", 10, 20, 10, BLACK),
             Rule(5, 25, 100, 25, 0.5),                       # black: OP true
             Box(5, 30, 50, 20, stroke=RED, stroke_width=0.5),  # red: OP false
             run(serif, "广告", 10, 60, 10, BLACK)]
    path = tmp_path / "b.pdf"
    write_pdf(make_doc(items, [], bleed=0), path)
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        gstates = page.obj.Resources.get("/ExtGState", {})
        overprint, shows = False, []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "gs":
                state = gstates[operands[0]]
                overprint = bool(state.get("/op", state.get("/OP", overprint)))
            elif str(operator) == "TJ":
                shows.append(overprint)
        assert shows == [True, True]
