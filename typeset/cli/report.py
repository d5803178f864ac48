"""Show diagnostics the way the desk reads them (text) or tools read them (JSON), and turn
them into exit codes: 0 ok, 1 errors in the edition (or overset refused), 2 usage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from typeset.cli.diagnostic_text import FORMATS, render
from typeset.diagnostics import Diagnostic, Severity

EXIT_OK, EXIT_ERRORS = 0, 1


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


def _set_format(ctx: click.Context, _param, value: str | None) -> None:
    if value:
        ctx.meta["diagnostic_format"] = value


DIAGNOSTIC_FORMAT = click.option(
    "--diagnostic-format", type=click.Choice(FORMATS), expose_value=False, is_eager=True,
    callback=_set_format,
    help="human (source line with a caret, hint; the default on a terminal) or short (one "
         "line each, for scripts).")


def diagnostic_format() -> str:
    """The format chosen with --diagnostic-format for this command; else 'human' on a
    terminal and 'plain' (file:line: severity: message, hint line) in a pipe."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get("diagnostic_format") if ctx is not None else None
    return chosen or ("human" if is_tty() else "plain")


def echo_diagnostics(diags: list[Diagnostic], *, verbose: bool = False) -> None:
    """Print errors and warnings to stderr (info only when verbose) in the chosen format,
    coloured on a terminal."""
    fmt = diagnostic_format()
    colour = is_tty()
    for diag in diags:
        if diag.severity is Severity.INFO and not verbose:
            continue
        click.echo(render(diag, fmt, colour), err=True, color=colour or None)


def summary_line(diags: list[Diagnostic]) -> str:
    """'2 errors, 3 warnings' style summary."""
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warns = sum(d.severity is Severity.WARNING for d in diags)
    return f"{errors} error{'s' * (errors != 1)}, {warns} warning{'s' * (warns != 1)}"


def edition_report(result, output: Path | None = None) -> dict:
    """The one shape of machine output for an edition (`check --json`, `build --report`,
    `proof --report`): ok, written, output, pages, diagnostics, stories.

    In: a `pipeline.BuildResult` and the PDF path a build aimed at (None for check). Out:
    plain data; per story its 字数 (body characters), overset 字, the grid lines it needs at
    its slots' width and the lines its slots give."""
    edition = result.edition
    depth = {}
    if edition is not None:
        depth = {(page.number, slot.id): slot.area.lines for page in edition.pages
                 for slot in page.slots if slot.area is not None}
    more = {(d.page, d.slot): dict(d.data).get("more_lines", 0)
            for d in result.diagnostics if d.code == "overset"}
    stories = []
    for story in result.stories:
        model = edition.stories.get(story.story) if edition is not None else None
        chars = sum(len(p.text) for p in model.paragraphs) if model is not None else 0
        slots = [{"page": o.page, "slot": o.slot, "lines": o.lines_used,
                  "lines_given": depth.get((o.page, o.slot), 0),
                  "lines_needed": o.lines_used + more.get((o.page, o.slot), 0)}
                 for o in story.slots]
        stories.append({"story": story.story, "characters": chars,
                        "overset_characters": len(story.overset_text),
                        "lines_needed": sum(s["lines_needed"] for s in slots),
                        "lines_given": sum(s["lines_given"] for s in slots),
                        "slots": slots})
    pages = [f.number for f in result.document.pages] if result.document is not None else []
    return {"ok": result.ok, "written": bool(result.outputs),
            "output": str(result.outputs[0]) if result.outputs else (
                str(output) if output is not None else None),
            "pages": pages, "diagnostics": [d.to_json() for d in result.diagnostics],
            "stories": stories}


def json_text(data: dict) -> str:
    """`data` as the JSON text the commands print and write (UTF-8, never NaN)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str, allow_nan=False)


def is_tty() -> bool:
    """True when stderr is a terminal (progress is shown only there)."""
    return sys.stderr.isatty()
