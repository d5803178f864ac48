"""`paiban preview EDITION [--pages 2,3] [--dpi D] [-o DIR] [--proof] [--pdf FILE] [--watch]`.

In: an edition, and optionally a PDF built from it. Out: PNG pages named by folio
(page-02.png) in DIR and a per-page summary (story parts with 字数 and lines needed / given,
jumps, overset, underset). By default the final page is rendered (as `build` writes it);
`--proof` renders the proof look; `--pdf` renders pages of a PDF already built, mapped to
folios by the PDF's page labels (or its slug). A page the PDF lacks, a PDF of another
edition or a file that is not a PDF is a usage error (exit 2).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from typeset import pipeline
from typeset.cli.diagnostic_text import printable
from typeset.cli.edition_cmds import EDITION, EXIT_USAGE, WATCH
from typeset.cli.progress import progress_printer
from typeset.cli.report import (DIAGNOSTIC_FORMAT, EXIT_ERRORS, EXIT_OK, echo_diagnostics,
                                edition_report, parse_pages)
from typeset.diagnostics import InputError, has_errors
from typeset.manifest import load_edition


def _usage(message: str, hint: str = "") -> None:
    click.echo(printable(f"error: {message}" + (f"\n  hint: {hint}" if hint else "")),
               err=True)
    sys.exit(EXIT_USAGE)


@click.command(short_help="Render pages to PNG with a per-page summary.")
@EDITION
@click.option("--pages", "page_list", help="Only these pages, e.g. 2,3 or 1-4.")
@click.option("--page", "page_alias", hidden=True, help="Same as --pages.")
@click.option("--dpi", type=click.IntRange(10, 600), default=60, show_default=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder for the PNG files.")
@click.option("--proof", "proof_look", is_flag=True,
              help="Render the proof look (grid, slot outlines, notes) instead of the final page.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Render this already-built PDF of EDITION instead of building.")
@WATCH
@DIAGNOSTIC_FORMAT
def preview(edition: Path, page_list: str | None, page_alias: str | None, dpi: int,
            out_dir: Path, proof_look: bool, pdf_path: Path | None, watch: bool) -> None:
    """Render pages of EDITION to PNG (the final page; --proof for the proof look) and print
    a per-page summary."""
    pages = parse_pages(page_list or page_alias)
    _check_png_targets(edition, out_dir)
    if watch:
        from typeset.cli.watch import watch as watch_loop

        try:
            watch_loop(edition, lambda: _preview_once(edition, pages, dpi, out_dir, None,
                                                      proof_look),
                       echo=lambda line: click.echo(line, err=True))
        except KeyboardInterrupt:
            pass
        sys.exit(EXIT_OK)
    result = _preview_once(edition, pages, dpi, out_dir, pdf_path, proof_look)
    sys.exit(EXIT_ERRORS if result is None or has_errors(result.diagnostics) else EXIT_OK)


def _check_png_targets(edition: Path, out_dir: Path) -> None:
    """Refuse an output folder whose page-NN.png files would replace inputs (photos)."""
    from typeset.outputs import edition_inputs

    folder = Path(out_dir)
    if not folder.is_dir():
        return
    try:
        loaded, _ = load_edition(Path(edition))
    except InputError:
        loaded = None  # reported by the preview itself
    inputs = {Path(p).resolve() for p in edition_inputs(edition, loaded)}
    clash = sorted(p for p in folder.glob("page-*.png") if p.resolve() in inputs)
    if clash:
        _usage(f"-o {out_dir} holds {clash[0].name}, an input of the edition: preview would "
               "replace it", "give -o a folder of its own, e.g. -o out/")


def _preview_once(edition: Path, pages: set[int] | None, dpi: int, out_dir: Path,
                  pdf_path: Path | None, proof_look: bool = False):
    """Compose, build (unless a PDF is given), render PNGs named by folio, print the summary."""
    from typeset.render.preview import PreviewError, pdf_pages, render_png

    planned = {}
    if pages:
        planned = {f"-o {out_dir}": out_dir / f"page-{n:02d}.png" for n in sorted(pages)}
    result = pipeline.compose(edition, pages=pages, outputs=planned, final=False)
    echo_diagnostics(result.diagnostics)
    if result.document is None:
        return None
    numbers = [frame.number for frame in result.document.pages]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".typeset-preview-", dir=out_dir) as tmp:
            if pdf_path is not None:
                try:
                    known = pdf_pages(pdf_path)
                except PreviewError as exc:
                    _usage(str(exc), "give --pdf a PDF that paiban build or proof wrote")
                _same_edition(known.subject, result, pdf_path)
                indexes = _indexes_of(known.folios, numbers, pdf_path)
                source = pdf_path
            else:
                source = Path(tmp) / "preview.pdf"
                if not _build_for_preview(edition, source, pages, proof_look, progress_printer()):
                    return None
                indexes = list(range(1, len(numbers) + 1))
            try:
                rendered = render_png(source, Path(tmp), dpi=dpi, pages=indexes)
            except PreviewError as exc:
                _usage(str(exc))
            written = []
            for png, number in zip(rendered, numbers):
                target = out_dir / f"page-{number:02d}.png"
                shutil.move(png, target)  # named by folio, not by position in the PDF
                written.append(target)
    except OSError as exc:
        click.echo(f"error: cannot write the preview in {out_dir} (its temporary files): "
                   f"{exc.strerror or exc}\n  hint: free space there or give -o another "
                   "folder", err=True)
        sys.exit(EXIT_ERRORS)
    report = edition_report(result)
    for png, number in zip(written, numbers):
        click.echo(f"page {number}: {printable(str(png))}  {_page_summary(result, number)}")
        for line in _story_lines(report, number):
            click.echo(f"    {printable(line)}")
    return result


def _build_for_preview(edition: Path, target: Path, pages, proof_look: bool, progress) -> bool:
    """Write the PDF to render: the final one, or the proof look (also when the final one is
    refused because of errors, which is then said)."""
    if not proof_look:
        built = pipeline.build(edition, target, pages=pages, progress=progress)
        if built.outputs:
            return True
        click.echo("preview: the final page is refused while the edition has errors; showing "
                   "the proof look instead (as --proof)", err=True)
    built = pipeline.build(edition, target, pages=pages, proof=True, progress=progress)
    if not built.outputs:
        echo_diagnostics([d for d in built.diagnostics if d.code.startswith(("output", "pdf"))])
    return bool(built.outputs)


def _same_edition(subject: str, result, pdf_path: Path) -> None:
    """Refuse a PDF whose Subject names another paper or date than this edition."""
    edition = result.edition
    expected = " ".join(p for p in (edition.paper, edition.date) if p)
    if subject and subject != expected:
        _usage(f"{pdf_path} is a PDF of another edition ({subject}), not of {expected}",
               "give --pdf the PDF built from this edition, or preview the other edition")


def _indexes_of(folios: tuple[str, ...], numbers: list[int], pdf_path: Path) -> list[int]:
    """The 1-based PDF page index of each folio in `numbers`: by the PDF's page labels or
    slug; by position only when the PDF tells no folio and has every page of the edition."""
    where = {folio: i + 1 for i, folio in enumerate(folios) if folio}
    if not where:
        if len(folios) < max(numbers, default=0):
            _usage(f"{pdf_path} does not say which pages it holds (no page labels, no slug) "
                   f"and has only {len(folios)} page{'s' * (len(folios) != 1)}",
                   "give --pdf a PDF that paiban build or proof wrote")
        where = {str(i + 1): i + 1 for i in range(len(folios))}
    missing = [n for n in numbers if str(n) not in where]
    if missing:
        held = ", ".join(f for f in folios if f) or "none"
        _usage(f"{pdf_path} has no page {missing[0]} (it holds page {held})",
               f"ask for a page it holds (--pages {next(iter(where))}), or build page "
               f"{missing[0]} first")
    return [where[str(n)] for n in numbers]


def _page_summary(result, number: int) -> str:
    """'3 story parts, 2 jumps, overset 0 字, underset 0 lines' for one page."""
    stories = sum(1 for s in result.stories for o in s.slots if o.page == number)
    jumps = sum(1 for d in result.diagnostics if d.code == "jump" and d.page == number)
    overset = sum(dict(d.data).get("characters", 0) for d in result.diagnostics
                  if d.code == "overset" and d.page == number)
    under = sum(dict(d.data).get("lines", 0) for d in result.diagnostics
                if d.code == "underset" and d.page == number)
    return (f"{stories} story parts, {jumps} jump{'s' * (jumps != 1)}, overset {overset} 字, "
            f"underset {under} lines")


def _story_lines(report: dict, number: int) -> list[str]:
    """Per story part on page `number`: '<story> <slot>: 1234 字, needs 45 lines, given 40'."""
    lines = []
    for story in report["stories"]:
        for part in story["slots"]:
            if part["page"] != number:
                continue
            lines.append(f"{story['story']} in {part['slot']}: {story['characters']} 字, "
                         f"needs {part['lines_needed']} lines, given {part['lines_given']}")
    return lines
