"""Preflight: check a PDF the way a newspaper printing plant does, with open tools.

In: a PDF path and a profile name (or `PreflightProfile`). Out: a `Report` (findings with
print-ready.md's check ids; `report.passed` is False when any check fails). Structure comes from
qpdf and pikepdf, painting from a content-stream walk, ink coverage from Ghostscript `tiffsep`,
text extraction from pdftotext; tools that are absent give notes, not crashes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from typeset.preflight.result import Finding, Report
from typeset.preflight.settings import PROFILES, PreflightProfile

__all__ = ["PROFILES", "PreflightProfile", "Report", "Finding", "preflight", "get_profile"]


def get_profile(name: str, **overrides) -> PreflightProfile:
    """The named profile with threshold overrides (None values ignored); KeyError if unknown."""
    profile = PROFILES[name]
    changes = {k: v for k, v in overrides.items() if v is not None}
    return replace(profile, **changes) if changes else profile


def preflight(path: Path, profile: PreflightProfile | str = "newsprint", *,
              ink: bool = True) -> Report:
    """Check the PDF at `path` against `profile`. `ink=False` skips the Ghostscript TAC run.
    (The checks import pikepdf, so they load only when a PDF is checked.)"""
    from typeset.preflight.run import run_preflight

    if isinstance(profile, str):
        profile = get_profile(profile)
    return run_preflight(Path(path), profile, ink=ink)
