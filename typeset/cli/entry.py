"""The `typeset` console command's entry point: set the process up, run the click group, leave.

In: sys.argv. Out: the exit code (the process ends here).

Before anything heavy is imported:
- BLAS runs on one thread (numpy, for the photos' ink limit, loads OpenBLAS, whose idle
  threads spin on the other cores for a while after numpy's import-time self-check; typeset
  does no linear algebra). A value the user set is kept.
- A one-shot `build` or `proof` forks its photo worker processes (`photo_workers.fork_early`)
  while the process is still small and single-threaded, so that their imports (numpy, Pillow's
  colour management) run on the other core while this process imports its own libraries.

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


def forks_photo_workers(argv: list[str]) -> bool:
    """True for a one-shot build or proof (not --watch, not --help)."""
    return command_of(argv) in WRITING_COMMANDS and not any(
        word in ("--watch", "--help", "-h") for word in argv)


def run() -> None:
    """The `typeset` command (see the module doc)."""
    for variable in BLAS_THREADS:
        os.environ.setdefault(variable, "1")
    if forks_photo_workers(sys.argv[1:]):
        from typeset.render.pdf import photo_workers

        photo_workers.fork_early(photo_workers.worker_count() - 1)
    from typeset.cli.main import main

    try:
        main()
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
