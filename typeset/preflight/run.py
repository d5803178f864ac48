"""Run every preflight check on one PDF (the heavy part: pikepdf, qpdf, Ghostscript).

In: the PDF's path, a profile. Out: a `Report`. The file is opened with pikepdf first and
every page's content walked in bounded steps (`bounds`); when a page's content is a stream
bomb, the external tools (qpdf --check, pdftotext, Ghostscript), which would inflate it all,
are not run and the report says so.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from typeset.diagnostics import Diagnostic
from typeset.preflight import painting, structure, tools
from typeset.preflight.content import page_marks
from typeset.preflight.result import Report, failed, noted
from typeset.preflight.settings import PreflightProfile

MAX_FILE_BYTES = 2 * 1024 ** 3
"""A PDF larger than this is not read into memory for the identity checks."""


def run_preflight(path: Path, profile: PreflightProfile, *, ink: bool = True) -> Report:
    """Check the PDF at `path` against `profile`. `ink=False` skips the Ghostscript TAC run."""
    path = Path(path)
    findings: list[Diagnostic] = []
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES)
    except OSError as exc:
        return Report(str(path), profile.name, [failed(
            "qpdf_check", f"the file cannot be read: {exc.strerror or exc}")])
    if size > MAX_FILE_BYTES:
        findings.append(noted("size", f"the file is {size:,} bytes; identity checks read the "
                              f"first {MAX_FILE_BYTES:,}"))
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        findings.append(failed("encryption", "the file is encrypted with a password"))
        return Report(str(path), profile.name, findings)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        findings.append(tools.qpdf_check(path))
        findings.append(failed("qpdf_check", f"the file cannot be opened as a PDF: {exc}"))
        return Report(str(path), profile.name, findings)
    with pdf:
        try:
            findings += structure.identity(pdf, raw, profile)
            findings += structure.geometry(pdf, profile)
            findings += structure.fonts(pdf)
            findings += structure.image_filters(pdf)
            pages = [page_marks(page) for page in pdf.pages]
            areas = [structure.print_area(page) for page in pdf.pages]
            page_count = len(pdf.pages)
        except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError) as exc:
            findings.append(tools.qpdf_check(path))
            findings.append(failed("damaged", f"the file is damaged or cut off and cannot be "
                                   f"checked ({type(exc).__name__}: {exc}): export or copy it "
                                   "again"))
            return Report(str(path), profile.name, findings)
    bomb = [n for n, marks in enumerate(pages, 1) if marks.too_large]
    findings += painting.check_pages(pages, profile, areas)
    if bomb:
        skipped = (f"not run: the content of page {bomb[0]} inflates past the limit (see "
                   "content_stream); the tool would decode all of it")
        findings.append(noted("qpdf_check", skipped))
        findings.append(noted("text_extract", skipped))
        if ink:
            findings.append(noted("tac", skipped))
        return Report(str(path), profile.name, findings)
    findings.insert(0, tools.qpdf_check(path))
    texts, why = tools.extract_text(path)
    findings += painting.text_extraction(pages, texts, why)
    if ink:
        findings += tools.tac(path, profile, page_count)
    return Report(str(path), profile.name, findings)
