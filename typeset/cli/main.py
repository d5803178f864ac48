"""The `typeset` command: a click group that registers one sub-command per module.

Exit codes: 0 ok, 1 diagnostics/errors in the edition or file checked, 2 usage errors,
70 an internal error (a bug in typeset: reported in one line; `--debug` shows the traceback).
"""

from __future__ import annotations

import os
import sys

import click

EXIT_INTERNAL = 70
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Environment variables that set the BLAS libraries' thread pools (see `run`)."""


class _Group(click.Group):
    """A group that turns unexpected exceptions into one clear line unless --debug is given."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for the desk
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                       "  this is a bug in typeset, not in your edition; run again with "
                       "`typeset --debug …` and report the traceback", err=True)
            sys.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="typeset")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """typeset — print layout for Chinese newspapers: edition manifests to PDF/X pages."""
    ctx.obj = {"debug": debug}


def _register() -> None:
    """Attach every command module's click command to the group."""
    from typeset.cli import edition_cmds, fonts_cmd, galley_cmd, new_cmd, preflight_cmd

    for command in (edition_cmds.build, edition_cmds.proof, edition_cmds.check,
                    edition_cmds.preview, new_cmd.new, galley_cmd.galley, fonts_cmd.fonts,
                    preflight_cmd.preflight):
        main.add_command(command)


_register()


def run() -> None:
    """The `typeset` console command: `main`, then a quick exit.

    Once the command has finished and its output is flushed, the process ends with
    `os._exit` instead of tearing down the interpreter object by object (≈ 50 ms after a
    page build; every file the command writes is complete and closed by then, and photo
    threads of a build that stopped early are not waited for).

    numpy (the photos' ink limit) loads OpenBLAS, whose idle threads spin on the other cores
    for a while after numpy's import-time self-check; typeset does no linear algebra, so the
    command runs BLAS on one thread (≈ 0.15 s of CPU, and the second core, back to the photo
    threads). A value the user set is kept."""
    for variable in BLAS_THREADS:
        os.environ.setdefault(variable, "1")
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
