"""Show diagnostics the way the desk reads them (text) or tools read them (JSON), and turn
them into exit codes: 0 ok, 1 errors in the edition (or overset refused), 2 usage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from typeset.diagnostics import Diagnostic, Severity

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def parse_pages(value: str | None) -> set | None:
    """'2,3', '1-4', 'A1,A2' or 'A1-A4' → the set of folios (ints, or section folios as in
    model.folio); None stays None. Raises click.BadParameter."""
    from typeset.model.folio import SectionFolio, parse_folio

    if not value:
        return None
    pages: set = set()
    try:
        for part in value.split(","):
            part = part.strip()
            if "-" in part:
                low, high = (parse_folio(p) for p in part.split("-", 1))
                if low is None or high is None or type(low) is not type(high):
                    raise ValueError
                section = getattr(low, "section", None)
                if section != getattr(high, "section", None):
                    raise ValueError
                a, b = (getattr(f, "number", f) for f in (low, high))
                if b < a or b - a > 1000:
                    raise ValueError
                pages.update(SectionFolio(section, n) if section else n
                             for n in range(a, b + 1))
            elif part:
                folio = parse_folio(part)
                if folio is None:
                    raise ValueError
                pages.add(folio)
    except ValueError:
        raise click.BadParameter(f"{value!r}: write page numbers like 2,3 or 1-4, with a "
                                 "section letter A1,A2 or A1-A4") from None
    return pages


def echo_diagnostics(diags: list[Diagnostic], *, verbose: bool = False) -> None:
    """Print errors and warnings to stderr (info only when verbose), most severe last."""
    for diag in diags:
        if diag.severity is Severity.INFO and not verbose:
            continue
        click.echo(diag.format(), err=True)


def summary_line(diags: list[Diagnostic]) -> str:
    """'2 errors, 3 warnings' style summary."""
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warns = sum(d.severity is Severity.WARNING for d in diags)
    return f"{errors} error{'s' * (errors != 1)}, {warns} warning{'s' * (warns != 1)}"


def write_json_report(diags: list[Diagnostic], path: Path | None, extra: dict | None = None
                      ) -> str:
    """The diagnostics as JSON (to `path` when given); returns the text."""
    data = {"diagnostics": [d.to_json() for d in diags], **(extra or {})}
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    if path is not None:
        path.write_text(text + "\n", encoding="utf-8")
    return text


def is_tty() -> bool:
    """True when stderr is a terminal (progress is shown only there)."""
    return sys.stderr.isatty()
