"""A page's content stream as `PageContent` writes it: one operator group a line, overprint as
full-state ExtGStates written only on a change and shared by name across pages."""

from __future__ import annotations

import pikepdf

from typeset.render.pdf.content import ExtGStates, PageContent


def _stream(page: PageContent) -> list[str]:
    return page.data().decode("latin-1").splitlines()


def test_overprint_is_written_once_per_change_as_the_whole_state():
    names = ExtGStates()
    page = PageContent(names)
    page.setFillColorCMYK(0, 0, 0, 1)
    page.setFillOverprint(True)
    page.setOverprintMask(True)
    page.setFillOverprint(True)  # no change: nothing written
    page.setStrokeColorCMYK(0, 1, 1, 0)
    page.setStrokeOverprint(False)  # no change either (off since the page began)
    assert _stream(page) == ["0 0 0 1 k", "/TSgs1 gs", "/TSgs2 gs", "0 1 1 0 K"]
    # (OP, op, OPM): every key given, none left to the reader's default.
    assert page.ext_gstates() == {"TSgs1": (False, True, 0), "TSgs2": (False, True, 1)}
    # A new page starts from PDF's default state; equal states share their names.
    second = PageContent(names)
    second.setOverprintMask(True)
    second.setFillOverprint(True)
    assert second.ext_gstates() == {"TSgs3": (False, False, 1), "TSgs2": (False, True, 1)}


def test_paths_and_numbers():
    page = PageContent(ExtGStates())
    page.setLineWidth(0.25)
    page.setLineCap(0)
    page.setDash([3, 1.5], 0)
    page.line(10, 20.12345, 30, 20.12345)
    page.rect(1, 2, 3, 4, stroke=0, fill=1)
    page.rect(1, 2, 3, 4, stroke=1, fill=1)
    page.circle(50, 50, 10, stroke=1, fill=0)
    lines = _stream(page)
    assert lines[:6] == ["0.25 w", "0 J", "[3 1.5] 0 d", "n 10 20.123 m 30 20.123 l S",
                         "n 1 2 3 4 re f", "n 1 2 3 4 re B"]
    circle = lines[6].split()
    assert circle[:4] == ["n", "60", "50", "m"] and circle.count("c") == 4
    assert circle[-3:-1] == ["50", "c"] and circle[-1] == "S"  # back where it began


def test_the_stream_is_valid_pdf_content(tmp_path):
    page = PageContent(ExtGStates())
    page.setStrokeColorCMYK(1, 1, 1, 1)
    page.setStrokeOverprint(True)
    page.circle(50, 50, 10)
    page.addLiteral("q 10 0 0 10 5 5 cm Q")
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    pdf.pages[0].Contents = pdf.make_stream(page.data())
    operators = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
    assert operators == ["K", "gs", "n", "m", "c", "c", "c", "c", "S", "q", "cm", "Q"]
