"""`paiban check | proof | build | preview`: the desk's commands on an edition.

check   — validate and compose without writing a PDF: the verdict `build` acts on; --json
proof   — a proof PDF (校样) with grid/slot overlay and every diagnostic beside its slot
build   — the final print-ready PDF (PDF/X, crop marks); refuses errors and overset unless allowed
preview — PNG pages of the final look (or --proof), and a per-page summary in the terminal

Every output (-o, --report) is checked before any work (`pipeline.refused_outputs`): never an
input of the edition or the project, never two outputs on one file.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from typeset import pipeline
from typeset.cli.diagnostic_text import printable
from typeset.cli.progress import progress_printer
from typeset.cli.report import (DIAGNOSTIC_FORMAT, EXIT_ERRORS, EXIT_OK, echo_diagnostics,
                                edition_report, is_tty, json_text, parse_pages, summary_line)
from typeset.diagnostics import has_errors
from typeset.outputs import write_text

EXIT_USAGE = 2
EDITION = click.argument("edition", type=click.Path(exists=True, path_type=Path))
PAGES = click.option("--pages", help="Only these pages, e.g. 2,3 or 1-4.")
WATCH = click.option("--watch", is_flag=True,
                     help="Keep running and rebuild whenever a manifest, story or photo changes.")
REPORT = click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                      help="Also write the result as JSON to this file (the shape of "
                           "check --json).")
VERBOSE = click.option("-v", "--verbose", is_flag=True, help="Also show information (jumps made).")


def edition_name(edition: Path) -> str:
    """The edition's name for output files: its folder's name (`build .` and `build
    edition.yaml` name the folder they are in)."""
    path = Path(edition).resolve()
    folder = path if path.is_dir() else path.parent
    return folder.name or "edition"


def _default_out(edition: Path, suffix: str) -> Path:
    return Path("out") / f"{edition_name(edition)}{suffix}.pdf"


def _watch(edition: Path, make, report: Path | None, verbose: bool,
           max_rebuilds: int | None = None) -> None:
    """Run `make` now and on every change; on a terminal each rebuild clears the screen and
    shows the time, the duration and only the current diagnostics. Never returns."""
    from typeset.cli.watch import watch

    last_good: list[Path] = []

    def once() -> None:
        start = time.perf_counter()
        result = make()
        took = time.perf_counter() - start
        if is_tty():
            click.clear()
        _finish(result, report, verbose)
        click.echo(rebuild_line(result, took, last_good, time.strftime("%H:%M:%S")), err=True)

    try:
        watch(edition, once, echo=lambda line: click.echo(line, err=True), quiet=is_tty(),
              max_rebuilds=max_rebuilds)
    except KeyboardInterrupt:
        pass
    sys.exit(EXIT_OK)


def rebuild_line(result, took: float, last_good: list[Path], stamp: str) -> str:
    """What a --watch rebuild says: '[12:03:05] wrote out/x.pdf in 0.21 s (0 errors, 1
    warning)', or plainly that it failed and which PDF (the last good one) stays."""
    if result.outputs:
        last_good[:] = result.outputs
        return (f"[{stamp}] wrote {printable(str(result.outputs[0]))} in {took:.2f} s "
                f"({summary_line(result.diagnostics)})")
    kept = (f"; the last good PDF stays: {printable(str(last_good[0]))}" if last_good
            else "; no PDF was written yet")
    return (f"[{stamp}] build FAILED in {took:.2f} s: not written "
            f"({summary_line(result.diagnostics)}){kept}")


def _finish(result, report: Path | None, verbose: bool, output: Path | None = None) -> None:
    echo_diagnostics(result.diagnostics, verbose=verbose)
    if report is not None and not result.refused:
        write_text(report, json_text(edition_report(result, output)) + "\n")


@click.command(short_help="Check EDITION: the verdict build acts on, no PDF.")
@EDITION
@click.option("--json", "as_json", is_flag=True,
              help="Print the result as JSON (ok, pages, diagnostics, stories).")
@click.option("--allow-overset", is_flag=True,
              help="Judge as `build --allow-overset` does (overset is then a warning).")
@DIAGNOSTIC_FORMAT
@VERBOSE
def check(edition: Path, as_json: bool, allow_overset: bool, verbose: bool) -> None:
    """Validate and compose EDITION without writing a PDF: every condition that makes `build`
    refuse is an error here; exit 1 when there are errors."""
    result = pipeline.compose(edition, allow_overset=allow_overset, progress=progress_printer())
    if as_json:
        click.echo(json_text(edition_report(result)))
    else:
        echo_diagnostics(result.diagnostics, verbose=verbose)
        click.echo(f"{printable(str(edition))}: {summary_line(result.diagnostics)}")
    sys.exit(EXIT_OK if result.ok else EXIT_ERRORS)


@click.command(short_help="Make a proof (校样) PDF with every diagnostic marked.")
@EDITION
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The proof PDF to write (default out/<edition>-proof.pdf).")
@PAGES
@REPORT
@WATCH
@DIAGNOSTIC_FORMAT
@VERBOSE
def proof(edition: Path, output: Path | None, pages: str | None, report: Path | None,
          watch: bool, verbose: bool) -> None:
    """Build a proof (校样) of EDITION: grid and slot overlay, every diagnostic as a note
    beside its slot, a build-time slug."""
    out = output or _default_out(edition, "-proof")
    wanted = parse_pages(pages)
    if watch:
        _watch(edition, lambda: pipeline.build(edition, out, pages=wanted, proof=True,
                                               report=report), report, verbose)
    result = pipeline.build(edition, out, pages=wanted, proof=True, progress=progress_printer(),
                            report=report)
    _finish(result, report, verbose, out)
    if not result.outputs:
        click.echo(f"not written: {printable(str(out))} ({summary_line(result.diagnostics)})", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"wrote proof {printable(str(out))} ({summary_line(result.diagnostics)})")
    sys.exit(EXIT_ERRORS if has_errors(result.diagnostics) else EXIT_OK)


@click.command(short_help="Build the final print-ready PDF/X of EDITION.")
@EDITION
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to write (default out/<edition>.pdf).")
@PAGES
@click.option("--allow-overset", is_flag=True, help="Write the PDF even when text is overset.")
@click.option("--no-marks", is_flag=True, help="No crop marks, registration marks or slug.")
@REPORT
@WATCH
@DIAGNOSTIC_FORMAT
@VERBOSE
@click.option("--split", "split_dir", is_flag=False, flag_value="out", default=None,
              metavar="[DIR]", type=click.Path(file_okay=False, path_type=Path),
              help="One PDF per page into DIR (default out/), named by output: split_name "
                   "(default {date:%Y%m%d}_{page}.pdf).")
def build(edition: Path, output: Path | None, pages: str | None, allow_overset: bool,
          no_marks: bool, report: Path | None, watch: bool, verbose: bool,
          split_dir: Path | None = None) -> None:
    """Build the final, print-ready PDF of EDITION (a folder or its edition.yaml); refused
    while `check` finds errors (the previous PDF then stays as it was)."""
    if split_dir is not None:
        from typeset.cli.split_build import build_split

        build_split(edition, split_dir, parse_pages(pages), allow_overset=allow_overset,
                    marks=not no_marks, report=report, verbose=verbose)
    out = output or _default_out(edition, "")
    wanted = parse_pages(pages)
    if watch:
        _watch(edition, lambda: pipeline.build(edition, out, pages=wanted,
                                               allow_overset=allow_overset,
                                               marks=not no_marks, report=report),
               report, verbose)
    result = pipeline.build(edition, out, pages=wanted, allow_overset=allow_overset,
                            marks=not no_marks, progress=progress_printer(), report=report)
    _finish(result, report, verbose, out)
    if not result.outputs:
        click.echo(f"not written: {printable(str(out))} ({summary_line(result.diagnostics)})", err=True)
        sys.exit(EXIT_ERRORS)
    pages_n = len(result.document.pages)
    click.echo(f"wrote {printable(str(out))} ({pages_n} page{'s' * (pages_n != 1)}; "
               f"{summary_line(result.diagnostics)})")
    sys.exit(EXIT_ERRORS if has_errors(result.diagnostics) else EXIT_OK)
