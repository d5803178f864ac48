"""Page previews: render a written PDF to PNG files with pypdfium2.

In: a PDF path, an output folder, a resolution and optionally the page numbers (1-based).
Out: the PNG paths, named page-01.png, page-02.png … (two digits at least, so they sort), the
same names for the same pages on every run. The whole MediaBox is drawn (marks included).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


class PreviewError(Exception):
    """The PDF cannot be opened or a requested page does not exist."""


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
