"""Progress lines for the long commands: on a terminal only, quiet in a pipe or a file.

In: nothing (the terminal's state). Out: a printer for `pipeline.build/compose(progress=…)`
that writes each stage, page and photo as it happens to stderr (one line each, so that no
long step passes in silence), or None when stderr is not a terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import click

from typeset.cli.report import is_tty


def progress_printer() -> Callable[[str], None] | None:
    """A progress printer (elapsed seconds, then the line) for a terminal; None otherwise."""
    if not is_tty():
        return None
    start = time.perf_counter()

    def say(line: str) -> None:
        click.echo(f"  {time.perf_counter() - start:5.2f} s  {line}", err=True)

    return say
