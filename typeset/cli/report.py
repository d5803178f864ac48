"""Show diagnostics the way the desk reads them (text) or tools read them (JSON), and turn
them into exit codes: 0 ok, 1 errors in the edition (or overset refused), 2 usage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from typeset.diagnostics import Diagnostic, Severity

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def parse_pages(value: str | None) -> set[int] | None:
    """'2,3' or '1-4' → {2, 3} / {1, 2, 3, 4}; None stays None. Raises click.BadParameter."""
    if not value:
        return None
    pages: set[int] = set()
    try:
        for part in value.split(","):
            part = part.strip()
            if "-" in part:
                low, high = (int(p) for p in part.split("-", 1))
                if high < low or high - low > 1000:
                    raise ValueError
                pages.update(range(low, high + 1))
            elif part:
                pages.add(int(part))
    except ValueError:
        raise click.BadParameter(f"{value!r}: write page numbers like 2,3 or 1-4") from None
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
