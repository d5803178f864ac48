"""`paiban preflight FILE.pdf [--profile newsprint] [--json]`: the print shop's checks.

Exit codes: 0 passed (warnings allowed), 1 a check failed, 2 usage (no such file or profile).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from typeset.preflight.settings import PROFILES


@click.command(short_help="Check a PDF as the printing plant does.")
@click.argument("pdf_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--profile", "profile_name", default="newsprint", show_default=True,
              type=click.Choice(sorted(PROFILES)), help="The plant's limits to check against.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report on stdout.")
@click.option("--tac-limit", type=float, help="Maximum total ink coverage in % (overrides the "
                                              "profile).")
@click.option("--min-text", "min_text_pt", type=float, help="Smallest solid text size in pt.")
@click.option("--min-line", "min_line_pt", type=float, help="Thinnest line width in pt.")
@click.option("--min-bleed-mm", type=float, help="Bleed required around the trim, in mm.")
@click.option("--no-ink", is_flag=True, help="Skip the Ghostscript ink-coverage render.")
def preflight(pdf_file: Path, profile_name: str, as_json: bool, tac_limit: float | None,
              min_text_pt: float | None, min_line_pt: float | None,
              min_bleed_mm: float | None, no_ink: bool) -> None:
    """Check a PDF as a newspaper printing plant does (PDF/X-1a, fonts, colour, ink, ppi)."""
    from typeset.preflight import get_profile, preflight as run_preflight  # pikepdf: lazily

    profile = get_profile(profile_name, tac_limit=tac_limit, min_text_pt=min_text_pt,
                          min_line_pt=min_line_pt, min_bleed_mm=min_bleed_mm)
    report = run_preflight(pdf_file, profile, ink=not no_ink)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str,
                              allow_nan=False))
    else:
        click.echo(report.table())
    sys.exit(0 if report.passed else 1)
