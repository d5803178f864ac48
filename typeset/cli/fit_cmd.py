"""`paiban fit EDITION [--page N] [--write]`: the fitting report, and fixed geometry on request.

Prints per story (and per item of a stack): 字数, lines it takes at its slot's width, lines
given, over (+) or under (−) in lines and 字, the levers used, and the one-line manifest
change. `--write` replaces every stack (and `bottom: auto`) in edition.yaml by the plain slots
computed (comments and formatting kept; written atomically; the old file kept as
edition.yaml.bak), then loads the result again to check it gives the same pages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from typeset import pipeline
from typeset.cli.report import EXIT_ERRORS, EXIT_OK, echo_diagnostics, parse_pages
from typeset.diagnostics import has_errors

FIT_CODES = {"overset", "underset", "fit-over", "fit-short", "fit-impossible", "overlap",
             "empty-continuation", "headline-overflows-slot"}


@click.command()
@click.argument("edition", type=click.Path(exists=True, path_type=Path))
@click.option("--page", "page_list", help="Only these pages, e.g. 2 or 1-3.")
@click.option("--write", is_flag=True,
              help="Write the computed heights into edition.yaml as plain slots.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def fit(edition: Path, page_list: str | None, write: bool, as_json: bool) -> None:
    """Fitting report: what each story needs and gets."""
    from typeset.fit.report import report_rows
    from typeset.project import find_project_root

    pages = parse_pages(page_list)
    result = pipeline.compose(edition, pages=pages)
    if result.document is None or result.edition is None:
        echo_diagnostics(result.diagnostics)
        sys.exit(EXIT_ERRORS)
    fonts = pipeline.font_book(find_project_root(Path(result.edition.folder)))
    sizes, _ = pipeline.image_sizes(result.edition)
    rows = report_rows(result.edition, fonts, sizes, result.fit, result.diagnostics, pages)
    shown = [d for d in result.diagnostics if d.code in FIT_CODES or d.severity.value ==
             "error"]
    if as_json:
        click.echo(json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=1))
    else:
        _print(rows)
        echo_diagnostics(shown)
    if write:
        _write(edition, result)
    bad = has_errors(result.diagnostics) or any(r.over_lines for r in rows)
    sys.exit(EXIT_ERRORS if bad else EXIT_OK)


def _print(rows) -> None:
    head = f"{'page':>4} {'slot':<18} {'字数':>5} {'needs':>5} {'given':>5} {'over':>10}  " \
           f"{'status':<22} change"
    click.echo(head)
    for r in rows:
        over = "0" if not r.over_lines else f"{r.over_lines:+d}行 {r.over_chars:+d}字"
        name = r.slot if not r.stack else f"{r.slot}"
        levers = f"  [{r.levers}]" if r.levers else ""
        click.echo(f"{r.page:>4} {name:<18} {r.chars:>6} {r.natural or '—':>6} {r.given:>6} "
                   f"{over:>10}  {r.status:<22} {r.change}{levers}")


def _write(edition: Path, result) -> None:
    from typeset.manifest.edition_file import manifest_path
    from typeset.manifest.fit_write import Placed, WriteRefused, rewrite, write_manifest

    if _blocking(result.diagnostics):
        click.echo("not written: the edition has errors (fix them first)", err=True)
        sys.exit(EXIT_ERRORS)
    path = manifest_path(Path(edition))
    items = {(i.page, i.slot): i for i in result.fit.items} if result.fit else {}
    pages = []
    for page in result.edition.pages:
        placed = {slot_id: Placed(i.area, i.photo_lines, i.headline_lines, i.tracking,
                                   i.spacing, i.slot)
                  for (number, slot_id), i in items.items() if number == page.number}
        pages.append((page.number, page.containers, placed))
    if not any(p[1] for p in pages):
        click.echo("nothing to write: the edition has no stacks", err=True)
        return
    try:
        text = rewrite(path.read_text(encoding="utf-8"), pages)
    except WriteRefused as exc:
        click.echo(f"not written: {exc}", err=True)
        sys.exit(EXIT_ERRORS)
    backup = write_manifest(path, text)
    again = pipeline.compose(edition)
    if _blocking(again.diagnostics) or _areas(again.edition) != _areas(result.edition):
        path.write_bytes(backup.read_bytes())
        click.echo("not written: the rewritten manifest did not give the same pages; "
                   "edition.yaml is as it was (this is a bug: please report it)", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"wrote {path} (stacks as plain slots; the previous file is {backup.name})",
               err=True)


def _areas(edition) -> set:
    """What the pages hold where (slot ids a stack made up may differ once written out)."""
    from dataclasses import replace

    return {(p.number, s.kind, s.story, s.label, s.area, s.headline_lines,
             replace(s.photo, source=None) if s.photo else None)
            for p in edition.pages for s in p.slots}


def _blocking(diagnostics) -> bool:
    """Errors that stop a write: every error but overset (a story too long for its slot is
    the desk's to cut; the geometry written is right either way)."""
    return any(d.severity.value == "error" and d.code not in ("overset", "fit-over",
                                                              "make-up-over")
               for d in diagnostics)
