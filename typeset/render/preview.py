"""Page previews: render a written PDF to PNG files with pypdfium2.

In: a PDF path, an output folder, a resolution and optionally the page numbers (1-based).
Out: the PNG paths, named page-01.png, page-02.png … (two digits at least, so they sort), the
same names for the same pages on every run. The whole MediaBox is drawn (marks included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

SLUG_FOLIO = re.compile(r"第\s*([A-Za-z]?\d+)\s*版")
"""The folio in a slug line (第2版, 第A2版)."""


class PreviewError(Exception):
    """The PDF cannot be opened or a requested page does not exist."""


@dataclass(frozen=True)
class PdfPages:
    """What a PDF says about its pages: the folio of each (from its page labels, else its
    slug; '' when neither tells) and its Subject (typeset writes 'paper date')."""

    folios: tuple[str, ...]
    subject: str


def pdf_pages(pdf_path: Path) -> PdfPages:
    """The folios and subject of the PDF at `pdf_path`; PreviewError when it is not a PDF
    (or is damaged beyond reading)."""
    try:
        with open(pdf_path, "rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise PreviewError(f"cannot read {pdf_path}: {exc.strerror or exc}") from None
    if b"%PDF-" not in head:
        raise PreviewError(f"{pdf_path} is not a PDF file (it does not start with %PDF-)")
    try:
        with pikepdf.open(pdf_path) as pdf:
            labels = [_label(page) for page in pdf.pages]
            info = pdf.trailer.get("/Info")
            subject = str(info.get("/Subject", "")) if info is not None else ""
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise PreviewError(f"cannot open {pdf_path}: it is not a readable PDF ({exc})") from None
    if not any(labels):
        labels = _slug_folios(pdf_path, len(labels))
    return PdfPages(tuple(labels), subject)


def _label(page) -> str:
    """The page label pikepdf reads from /PageLabels ('' when there are none)."""
    try:
        label = page.label
    except (AttributeError, pikepdf.PdfError, ValueError):
        return ""
    return str(label or "")


def _slug_folios(pdf_path: Path, count: int) -> list[str]:
    """Each page's folio from its slug text (第N版), '' where none is found."""
    folios = []
    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError):
        return [""] * count
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                text = page.get_textpage().get_text_range()
            finally:
                page.close()
            found = SLUG_FOLIO.findall(text)
            folios.append(found[-1] if found else "")
    finally:
        pdf.close()
    return folios


def render_png(pdf_path: Path, out_dir: Path, dpi: int = 60,
               pages: list[int] | None = None) -> list[Path]:
    """Render `pages` (default: all) of `pdf_path` at `dpi` into `out_dir`; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise PreviewError(f"cannot open {pdf_path} for preview: {exc}") from None
    try:
        count = len(pdf)
        wanted = list(range(1, count + 1)) if pages is None else list(pages)
        bad = [n for n in wanted if not 1 <= n <= count]
        if bad:
            raise PreviewError(f"{pdf_path} has {count} pages; no page {bad[0]}")
        width = max(2, len(str(count)))
        written = []
        for number in wanted:
            page = pdf[number - 1]
            try:
                bitmap = page.render(scale=dpi / 72.0, may_draw_forms=False)
                image = bitmap.to_pil()
            finally:
                page.close()
            target = out_dir / f"page-{number:0{width}d}.png"
            image.save(target, "PNG", optimize=False)
            written.append(target)
        return written
    finally:
        pdf.close()
