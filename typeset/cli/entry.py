"""The `paiban` console command's entry point: set the process up, run the click group, leave.

In: sys.argv. Out: the exit code (the process ends here).

Before anything heavy is imported:
- BLAS runs on one thread (numpy, for the photos' ink limit, loads OpenBLAS, whose idle
  threads spin on the other cores for a while after numpy's import-time self-check; typeset
  does no linear algebra). A value the user set is kept.
- A one-shot `build` or `proof` forks its photo worker processes (`photo_workers.fork_early`)
  while the process is still small and single-threaded, so that their imports (numpy, Pillow's
  colour management) run on the other core while this process imports its own libraries —
  unless the edition's last build prepared every photo it places and none changed since
  (`store_folder.prepared_last_time`): then they come from the photo store.

After the command, the process ends with `os._exit` once its output is flushed, instead of
freeing every object of the interpreter one by one (≈ 50 ms after a page build; every file the
command writes is complete and closed by then).
"""

from __future__ import annotations

import os
import sys

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Environment variables that set the BLAS libraries' thread pools."""
WRITING_COMMANDS = ("build", "proof")
"""Commands that prepare photos once (with --watch they run on: threads serve them there)."""


def command_of(argv: list[str]) -> str | None:
    """The sub-command named in `argv` (the first word that is not an option), or None."""
    return next((word for word in argv if not word.startswith("-")), None)


OPTIONS_WITH_VALUES = ("-o", "--output", "--pages", "--report")
"""Options of `build` and `proof` that take the next word as their value."""


def edition_of(argv: list[str]) -> str | None:
    """The EDITION argument of a build or proof command line, or None."""
    words = iter(argv[argv.index(command_of(argv)) + 1:] if command_of(argv) else [])
    for word in words:
        if word in OPTIONS_WITH_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def forks_photo_workers(argv: list[str]) -> bool:
    """True for a one-shot build or proof (not --watch, not --help) whose edition's photos
    were not all prepared by its last build (then they come from the photo store, and a
    worker would only import what it never uses)."""
    if command_of(argv) not in WRITING_COMMANDS or any(
            word in ("--watch", "--help", "-h") for word in argv):
        return False
    edition = edition_of(argv)
    if edition is None:
        return False
    from pathlib import Path

    from typeset.render.pdf.store_folder import prepared_last_time

    folder = Path(edition)
    return not prepared_last_time(folder if folder.is_dir() else folder.parent)


def run() -> None:
    """The `paiban` command (see the module doc)."""
    for variable in BLAS_THREADS:
        os.environ.setdefault(variable, "1")
    if forks_photo_workers(sys.argv[1:]):
        from typeset.render.pdf import photo_workers

        photo_workers.fork_early(photo_workers.worker_count() - 1)
    from typeset.cli.main import PROG, main

    try:
        main(prog_name=PROG)
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more can be said
        pass
    os._exit(code)
