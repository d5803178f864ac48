"""Run every preflight check on one PDF (the heavy part: pikepdf, qpdf, Ghostscript)."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from typeset.preflight import painting, structure, tools
from typeset.preflight.content import page_marks
from typeset.preflight.result import Finding, Report, failed
from typeset.preflight.settings import PreflightProfile


def run_preflight(path: Path, profile: PreflightProfile, *, ink: bool = True) -> Report:
    """Check the PDF at `path` against `profile`. `ink=False` skips the Ghostscript TAC run."""
    path = Path(path)
    findings: list[Finding] = [tools.qpdf_check(path)]
    raw = path.read_bytes()
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        findings.append(failed("encryption", "the file is encrypted with a password"))
        return Report(str(path), profile.name, findings)
    except pikepdf.PdfError as exc:
        findings.append(failed("qpdf_check", f"the file cannot be opened as a PDF: {exc}"))
        return Report(str(path), profile.name, findings)
    with pdf:
        findings += structure.identity(pdf, raw, profile)
        findings += structure.geometry(pdf, profile)
        findings += structure.fonts(pdf)
        findings += structure.image_filters(pdf)
        pages = [page_marks(page) for page in pdf.pages]
        areas = [structure.print_area(page) for page in pdf.pages]
        page_count = len(pdf.pages)
    findings += painting.check_pages(pages, profile, areas)
    texts, why = tools.extract_text(path)
    findings += painting.text_extraction(pages, texts, why)
    if ink:
        findings += tools.tac(path, profile, page_count)
    return Report(str(path), profile.name, findings)
