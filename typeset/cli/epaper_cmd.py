"""`paiban epaper EDITION -o DIR`: the e-paper (数字报/电子版) from the same composition.

Writes a static site (page images with hot zones, article pages, 版面导航, epaper.json) that
works from the file system and any web server. Refuses as `build` does (errors, overset
unless --allow-overset) and an -o that is an input, holds one or lies inside the edition.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from typeset import pipeline
from typeset.cli.report import EXIT_ERRORS, EXIT_OK, echo_diagnostics, is_tty, summary_line
from typeset.diagnostics import has_errors


@click.command(short_help="Write the e-paper site (数字报) of EDITION with hot zones.")
@click.argument("edition", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              help="The folder to write (default out/<edition>-epaper); an earlier e-paper "
                   "there is replaced.")
@click.option("--allow-overset", is_flag=True, help="Publish even when text is overset.")
@click.option("-v", "--verbose", is_flag=True, help="Also show information (jumps made).")
def epaper(edition: Path, out_dir: Path | None, allow_overset: bool, verbose: bool) -> None:
    """Write the e-paper of EDITION: page images with hot zones, article pages, epaper.json."""
    folder = edition if edition.is_dir() else edition.parent
    out = out_dir or Path("out") / f"{folder.resolve().name}-epaper"
    progress = (lambda line: click.echo(f"  {line}", err=True)) if is_tty() else None
    result = pipeline.epaper(edition, out, allow_overset=allow_overset, progress=progress)
    echo_diagnostics(result.diagnostics, verbose=verbose)
    if not result.outputs:
        click.echo(f"not written: {out} ({summary_line(result.diagnostics)})", err=True)
        sys.exit(EXIT_ERRORS)
    pages, articles = len(result.document.pages), len(result.stories)
    click.echo(f"wrote the e-paper {out}/index.html ({pages} page{'s' * (pages != 1)}, "
               f"{articles} article{'s' * (articles != 1)}; "
               f"{summary_line(result.diagnostics)})")
    sys.exit(EXIT_ERRORS if has_errors(result.diagnostics) else EXIT_OK)
