"""Preflight profiles: the limits a printing plant applies, by name.

In: a profile name (`newsprint`, `newsprint-220`, `commercial`). Out: a `PreflightProfile` with
the thresholds every check reads. The defaults follow print-ready.md §0/§2 (ISOnewspaper26v4:
240 % TAC; 170/100 ppi; 6 pt solid text; 0.25 pt lines); ask the plant for its own numbers and
override them on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PreflightProfile:
    """Thresholds and which rules are hard failures."""

    name: str
    pdfx_versions: tuple[str, ...] = ("PDF/X-1a:2001", "PDF/X-1:2001", "PDF/X-1a:2003")
    max_pdf_version: str = "1.4"
    tac_limit: float = 240.0
    """Maximum total area coverage, percent."""
    tac_min_area_mm2: float = 4.0
    """Areas above the TAC limit smaller than this are tolerated (mm²)."""
    tac_dpi: int = 50
    tac_timeout_s: float = 180.0
    ppi_warn: float = 170.0
    ppi_error: float = 100.0
    ppi_line_art: float = 600.0
    min_text_pt: float = 6.0
    """Smallest solid single-ink text."""
    min_text_multi_ink_pt: float = 10.0
    min_line_pt: float = 0.25
    black_text_overprint_max_pt: float = 12.0
    """Black text up to this size must overprint (op true, OPM 1)."""
    black_overprint_is_error: bool = True
    min_bleed_mm: float = 0.0


PROFILES: dict[str, PreflightProfile] = {
    "newsprint": PreflightProfile("newsprint"),
    "newsprint-220": PreflightProfile("newsprint-220", tac_limit=220.0),
    # A newspaper plant on the Ghent Workgroup's 2015 specification (based on PDF/X-4).
    "newsprint-x4": PreflightProfile(
        "newsprint-x4", pdfx_versions=("PDF/X-1a:2001", "PDF/X-1:2001", "PDF/X-1a:2003",
                                       "PDF/X-4"), max_pdf_version="1.6"),
    "commercial": PreflightProfile(
        "commercial", tac_limit=320.0, ppi_warn=250.0, ppi_error=150.0, min_text_pt=5.0,
        min_text_multi_ink_pt=7.0, black_overprint_is_error=False, min_bleed_mm=3.0,
        pdfx_versions=("PDF/X-1a:2001", "PDF/X-1:2001", "PDF/X-1a:2003", "PDF/X-4"),
        max_pdf_version="1.6",
    ),
}
