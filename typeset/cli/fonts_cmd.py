"""`paiban fonts [--check FILE]`: which file and face each role resolved to, and coverage."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from typeset.diagnostics import InputError
from typeset.fonts import FontBook, FontError
from typeset.manifest.fonts_config import load_font_roles
from typeset.project import find_project_root


@click.command(short_help="Show which font file each role uses; check coverage.")
@click.option("--check", "check_file", type=click.Path(dir_okay=False, allow_dash=True),
              help="A text file ('-' for standard input) whose characters each role must cover.")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder holding fonts/ (default: found from the working folder).")
def fonts(check_file: str | None, project: Path | None) -> None:
    """Show the font role → file/face mapping, and check that a text is covered."""
    root = project or find_project_root()
    try:
        book = FontBook.resolve(load_font_roles(root), root / "fonts")
    except (InputError, FontError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    text = None
    if check_file:
        text = click.open_file(check_file, encoding="utf-8").read()
    failed = False
    for resolved in book.roles():
        face = resolved.face
        via = f" (via {resolved.via})" if resolved.via else ""
        line = f"{resolved.role:16} {face.family} {face.style}{via}  {face.path}#{face.index}"
        if text is not None:
            missing = sorted({c for c in text if not c.isspace() and not face.covers(c)})
            if missing:
                shown = "".join(missing[:20]) + ("…" if len(missing) > 20 else "")
                line += f"\n{'':16} missing {len(missing)} characters: {shown}"
            else:
                line += "  covers all"
        click.echo(line)
    if text is not None:
        every = {c for c in text if not c.isspace()}
        uncovered = sorted(c for c in every if not any(r.face.covers(c) for r in book.roles()))
        if uncovered:
            failed = True
            names = ", ".join(f"U+{ord(c):04X} {c!r}" for c in uncovered[:20])
            click.echo(f"no face covers {len(uncovered)} characters: {names}", err=True)
    sys.exit(1 if failed else 0)
