"""The print-ready PDF backend: `write_pdf(doc, path, options)` → a PDF/X-1a file.

The writer itself (`writer.py`, with pikepdf) is imported on first use of
`write_pdf`, so that a build can start preparing its photos (`photo_preparer`) while the
writer's libraries load.
"""

from __future__ import annotations

from typeset.render.pdf.options import PdfOptions

__all__ = ["PdfOptions", "write_pdf"]


def __getattr__(name: str):
    if name == "write_pdf":
        from typeset.render.pdf.writer import write_pdf

        return write_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
