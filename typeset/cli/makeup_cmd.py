"""`paiban make-up EDITION --page N [--write]`: the page the engine proposes for an item list.

Prints the chosen tree as manifest YAML (the page written as stacks and rows) and a summary of
its score; `--write` puts that tree in edition.yaml in place of the page's `items:` (atomically,
the old file kept as edition.yaml.bak, checked by loading it again), so the desk can adjust it
by hand. Pinned items (`at:`) stay where they are.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from typeset import pipeline
from typeset.cli.report import EXIT_ERRORS, EXIT_OK, echo_diagnostics
from typeset.diagnostics import has_errors

EXIT_USAGE = 2

SHOWN = {"make-up-over", "make-up-short", "make-up-pinned", "make-up-impossible", "overset",
         "underset", "fit-over", "fit-short"}


@click.command("make-up")
@click.argument("edition", type=click.Path(exists=True, path_type=Path))
@click.option("--page", "number", type=int, required=True, help="The page to make up.")
@click.option("--write", is_flag=True, help="Replace the page's items: by the tree in "
              "edition.yaml.")
def make_up(edition: Path, number: int, write: bool) -> None:
    """Make up a page from its items (make_up: auto)."""
    from typeset.manifest.edition_file import manifest_path
    from typeset.manifest.fit_write import WriteRefused, write_manifest
    from typeset.manifest.makeup_write import rewrite_page

    result = pipeline.compose(edition, pages={number})
    if result.edition is None:
        echo_diagnostics(result.diagnostics)
        sys.exit(EXIT_ERRORS)
    choice = next((c for c in (result.makeup.pages if result.makeup else [])
                   if c.page == number), None)
    if choice is None:
        page = result.edition.page(number)
        why = "has no such page" if page is None else "page is not make_up: auto with items:"
        click.echo(f"nothing to make up: the edition {why} ({number})", err=True)
        echo_diagnostics([d for d in result.diagnostics if d.code in SHOWN])
        sys.exit(EXIT_USAGE)
    path = manifest_path(Path(edition))
    page = result.edition.page(number)
    item_ids = [i.slot_id for i in page.makeup if not i.made]
    try:
        whole, alone = rewrite_page(path.read_text(encoding="utf-8"), number,
                                    choice.containers, choice.vertical, item_ids,
                                    {s.id: s.photo.span for s in page.slots
                                     if s.kind == "story" and s.photo and s.photo.span})
    except WriteRefused as exc:
        click.echo(f"cannot show the tree: {exc}", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"# page {number}: made up from {len(page.makeup)} items; "
               f"{choice.tried} layouts tried in {choice.seconds:.2f} s")
    for cand in choice.candidates:
        parts = ", ".join(f"{name} {value:g}" for name, value in cand.parts if value)
        click.echo(f"# score {cand.score:g}" + (f" ({parts})" if parts else ""))
    click.echo(alone, nl=False)
    echo_diagnostics([d for d in result.diagnostics if d.code in SHOWN])
    if write:
        if _blocking(result.diagnostics):
            click.echo("not written: the edition has errors", err=True)
            sys.exit(EXIT_ERRORS)
        backup = write_manifest(path, whole)
        again = pipeline.compose(edition)
        if _blocking(again.diagnostics):
            path.write_bytes(backup.read_bytes())
            click.echo("not written: the page as written did not load cleanly; edition.yaml "
                       "is as it was (this is a bug: please report it)", err=True)
            echo_diagnostics(again.diagnostics)
            sys.exit(EXIT_ERRORS)
        click.echo(f"wrote {path} (page {number} as stacks; the previous file is "
                   f"{backup.name})", err=True)
    sys.exit(EXIT_ERRORS if has_errors(result.diagnostics) else EXIT_OK)


def _blocking(diagnostics) -> bool:
    """Errors that stop a write: every error but overset (a story too long for its slot is
    the desk's to cut; the geometry written is right either way)."""
    return any(d.severity.value == "error" and d.code not in ("overset", "fit-over",
                                                              "make-up-over")
               for d in diagnostics)
