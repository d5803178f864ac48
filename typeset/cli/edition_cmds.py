"""`paiban build | proof | check | preview | new`: the desk's commands on an edition.

build   — the final print-ready PDF (PDF/X, crop marks); refuses errors and overset unless allowed
proof   — a proof PDF (校样) with grid/slot overlay, overset marks and a build-time slug
check   — validate and compose without writing a PDF; every diagnostic; --json for tools
preview — PNG pages rendered from the PDF, and a per-page summary in the terminal
new     — scaffold a new edition folder
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from typeset import pipeline
from typeset.cli.report import (EXIT_ERRORS, EXIT_OK, echo_diagnostics, is_tty, parse_pages,
                                summary_line, write_json_report)
from typeset.diagnostics import has_errors

EDITION = click.argument("edition", type=click.Path(exists=True, path_type=Path))
PAGES = click.option("--pages", help="Only these pages, e.g. 2,3 or 1-4.")
WATCH = click.option("--watch", is_flag=True,
                     help="Keep running and rebuild whenever a manifest, story or photo changes.")
REPORT = click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                      help="Also write every diagnostic as JSON to this file.")


def _default_out(edition: Path, suffix: str) -> Path:
    folder = edition if edition.is_dir() else edition.parent
    return Path("out") / f"{folder.name}{suffix}.pdf"


def _progress():
    """A progress printer for a terminal; None (quiet) in a pipe or a file."""
    if not is_tty():
        return None
    return lambda line: click.echo(f"  {line}", err=True)


def _watch(edition: Path, make, report: Path | None, verbose: bool) -> None:
    """Run `make` now and on every change; show each result's diagnostics. Never returns."""
    from typeset.cli.watch import watch

    def once() -> None:
        result = make()
        _finish(result, report, verbose)
        state = f"wrote {result.outputs[0]}" if result.outputs else "not written"
        click.echo(f"{state} ({summary_line(result.diagnostics)})", err=True)

    try:
        watch(edition, once, echo=lambda line: click.echo(line, err=True))
    except KeyboardInterrupt:
        pass
    sys.exit(EXIT_OK)


def _finish(result, report: Path | None, verbose: bool) -> None:
    echo_diagnostics(result.diagnostics, verbose=verbose)
    if report is not None:
        write_json_report(result.diagnostics, report)


@click.command()
@EDITION
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to write (default out/<edition>.pdf).")
@PAGES
@click.option("--allow-overset", is_flag=True, help="Write the PDF even when text is overset.")
@click.option("--no-marks", is_flag=True, help="No crop marks, registration marks or slug.")
@REPORT
@WATCH
@click.option("-v", "--verbose", is_flag=True, help="Also show information (jumps made).")
@click.option("--split", "split_dir", is_flag=False, flag_value="out", default=None,
              metavar="[DIR]", type=click.Path(file_okay=False, path_type=Path),
              help="One PDF per page into DIR (default out/), named by output: split_name "
                   "(default {date:%Y%m%d}_{page}.pdf).")
def build(edition: Path, output: Path | None, pages: str | None, allow_overset: bool,
          no_marks: bool, report: Path | None, watch: bool, verbose: bool,
          split_dir: Path | None = None) -> None:
    """Build the final, print-ready PDF of EDITION (a folder or its edition.yaml)."""
    if split_dir is not None:
        from typeset.cli.split_build import build_split

        build_split(edition, split_dir, parse_pages(pages), allow_overset=allow_overset,
                    marks=not no_marks, report=report, verbose=verbose)
    out = output or _default_out(edition, "")
    if watch:
        _watch(edition, lambda: pipeline.build(edition, out, pages=parse_pages(pages),
                                               allow_overset=allow_overset,
                                               marks=not no_marks), report, verbose)
    result = pipeline.build(edition, out, pages=parse_pages(pages), allow_overset=allow_overset,
                            marks=not no_marks, progress=_progress())
    _finish(result, report, verbose)
    if not result.outputs:
        click.echo(f"not written: {out} ({summary_line(result.diagnostics)})", err=True)
        sys.exit(EXIT_ERRORS)
    pages_n = len(result.document.pages)
    click.echo(f"wrote {out} ({pages_n} page{'s' * (pages_n != 1)}; "
               f"{summary_line(result.diagnostics)})")
    sys.exit(EXIT_ERRORS if has_errors(result.diagnostics) else EXIT_OK)


@click.command()
@EDITION
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The proof PDF to write (default out/<edition>-proof.pdf).")
@PAGES
@REPORT
@WATCH
@click.option("-v", "--verbose", is_flag=True, help="Also show information (jumps made).")
def proof(edition: Path, output: Path | None, pages: str | None, report: Path | None,
          watch: bool, verbose: bool) -> None:
    """Build a proof (校样) of EDITION: grid and slot overlay, overset marks, build-time slug."""
    out = output or _default_out(edition, "-proof")
    if watch:
        _watch(edition, lambda: pipeline.build(edition, out, pages=parse_pages(pages),
                                               proof=True), report, verbose)
    result = pipeline.build(edition, out, pages=parse_pages(pages), proof=True,
                            progress=_progress())
    _finish(result, report, verbose)
    if not result.outputs:
        click.echo(f"not written: {out} ({summary_line(result.diagnostics)})", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"wrote proof {out} ({summary_line(result.diagnostics)})")
    sys.exit(EXIT_ERRORS if has_errors(result.diagnostics) else EXIT_OK)


@click.command()
@EDITION
@click.option("--json", "as_json", is_flag=True, help="Print the diagnostics as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Also show information (jumps made).")
def check(edition: Path, as_json: bool, verbose: bool) -> None:
    """Validate and compose EDITION without writing a PDF; exit 1 when there are errors."""
    result = pipeline.compose(edition)
    if as_json:
        extra = {"ok": result.ok, "stories": [
            {"story": s.story, "overset_characters": len(s.overset_text),
             "slots": [{"page": o.page, "slot": o.slot, "lines": o.lines_used} for o in s.slots]}
            for s in result.stories]}
        click.echo(write_json_report(result.diagnostics, None, extra))
    else:
        echo_diagnostics(result.diagnostics, verbose=verbose)
        click.echo(f"{edition}: {summary_line(result.diagnostics)}")
    sys.exit(EXIT_OK if result.ok else EXIT_ERRORS)


@click.command()
@EDITION
@click.option("--page", "page_list", help="Only these pages, e.g. 1 or 1,2.")
@click.option("--dpi", type=click.IntRange(10, 600), default=60, show_default=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder for the PNG files.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Render this already-built PDF instead of building a proof.")
@WATCH
def preview(edition: Path, page_list: str | None, dpi: int, out_dir: Path,
            pdf_path: Path | None, watch: bool) -> None:
    """Render pages of EDITION to PNG and print a per-page summary."""
    pages = parse_pages(page_list)
    out_dir.mkdir(parents=True, exist_ok=True)
    if watch:
        from typeset.cli.watch import watch as watch_loop

        try:
            watch_loop(edition, lambda: _preview_once(edition, pages, dpi, out_dir, None),
                       echo=lambda line: click.echo(line, err=True))
        except KeyboardInterrupt:
            pass
        sys.exit(EXIT_OK)
    result = _preview_once(edition, pages, dpi, out_dir, pdf_path)
    sys.exit(EXIT_ERRORS if result is None or has_errors(result.diagnostics) else EXIT_OK)


def _preview_once(edition: Path, pages: set[int] | None, dpi: int, out_dir: Path,
                  pdf_path: Path | None):
    """Compose, build a proof (unless a PDF is given), render PNGs, print the summary."""
    from typeset.render.preview import render_png

    result = pipeline.compose(edition, pages=pages)
    echo_diagnostics(result.diagnostics)
    if result.document is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = pdf_path
        if source is None:
            source = Path(tmp) / "preview.pdf"
            built = pipeline.build(edition, source, pages=pages, proof=True)
            if not built.outputs:
                return None
        indexes = None
        if pdf_path is not None and pages:
            every = [p.number for p in result.edition.pages]
            indexes = [i + 1 for i, n in enumerate(every) if n in pages]  # 1-based
        rendered = render_png(source, Path(tmp), dpi=dpi, pages=indexes)
        written = []
        for png, frame in zip(rendered, result.document.pages):
            target = out_dir / f"page-{frame.number:02d}.png"
            shutil.move(png, target)  # named by folio, not by position in the PDF
            written.append(target)
    for png, frame in zip(written, result.document.pages):
        click.echo(f"page {frame.number}: {png}  {_page_summary(result, frame.number)}")
    return result


def _page_summary(result, number: int) -> str:
    """'3 stories, 2 jumps, overset 0 字' for one page."""
    stories = sum(1 for s in result.stories for o in s.slots if o.page == number)
    jumps = sum(1 for d in result.diagnostics if d.code == "jump" and d.page == number)
    overset = sum(dict(d.data).get("characters", 0) for d in result.diagnostics
                  if d.code == "overset" and d.page == number)
    under = sum(1 for d in result.diagnostics if d.code == "underset" and d.page == number)
    return f"{stories} story parts, {jumps} jumps, overset {overset} 字, {under} underset"
