"""`paiban new EDITION --layout NAME --date D --pages N`: scaffold a new edition folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from typeset.cli.report import EXIT_ERRORS, EXIT_OK, echo_diagnostics
from typeset.diagnostics import InputError
from typeset.manifest.scaffold import scaffold_edition
from typeset.project import find_project_root


def _layouts() -> str:
    """The layouts of the project found from the working folder, for --layout's help."""
    folder = find_project_root() / "layouts"
    names = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    return ", ".join(names) or "none found"


@click.command(short_help="Start a new edition folder: example values marked 【待填】 to fill in.")
@click.argument("edition", type=click.Path(file_okay=False, path_type=Path))
@click.option("--layout", default="broadsheet-8col", show_default=True,
              help=f"Page template from layouts/: {_layouts()}.")
@click.option("--date", "date", required=True, help="Issue date, YYYY-MM-DD.")
@click.option("--pages", type=click.IntRange(1, 200), default=2, show_default=True)
def new(edition: Path, layout: str, date: str, pages: int) -> None:
    """Create EDITION (a new folder) with edition.yaml, an example story and photos/."""
    root = find_project_root(edition.parent if edition.parent.exists() else None)
    try:
        written = scaffold_edition(edition, layout, date, pages, root)
    except InputError as exc:
        echo_diagnostics(exc.diagnostics)
        sys.exit(EXIT_ERRORS)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: paiban check {edition}   then   paiban proof {edition}")
    sys.exit(EXIT_OK)
