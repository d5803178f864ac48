"""The `paiban` console command's entry point: set the process up, run the click group, leave.

In: sys.argv. Out: the exit code (the process ends here).

Before anything heavy is imported, BLAS runs on one thread (numpy, for the photos' ink limit,
loads OpenBLAS, whose idle threads spin on the other cores for a while after numpy's
import-time self-check; typeset does no linear algebra). A value the user set is kept.

After the command, the process ends with `os._exit` once its output is flushed, instead of
freeing every object of the interpreter one by one (≈ 50 ms after a page build; every file the
command writes is complete and closed by then).
"""

from __future__ import annotations

import os
import sys

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Environment variables that set the BLAS libraries' thread pools."""


def run() -> None:
    """The `paiban` command (see the module doc)."""
    for variable in BLAS_THREADS:
        os.environ.setdefault(variable, "1")
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
