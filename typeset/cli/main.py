"""The `paiban` command: a click group that registers one sub-command per module.

Exit codes: 0 ok, 1 diagnostics/errors in the edition or file checked, 2 usage errors,
70 an internal error (a bug in typeset: reported in one line; `--debug` shows the traceback).
"""

from __future__ import annotations

import sys

import click

from typeset.session import use_session

EXIT_INTERNAL = 70
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, as a shell reports a command whose reader closed the pipe."""
PROG = "paiban"
"""The command's name (排版): `typeset` itself is a shell builtin in bash, zsh and ksh."""


class _Group(click.Group):
    """A group that lists its commands in the desk's workflow order (new, check, proof,
    build, preview, then the tools) and turns unexpected exceptions into one clear line
    unless --debug is given."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the order of registration: the workflow

    def invoke(self, ctx: click.Context):
        # One build session per command (issue 14.1): a one-shot build makes it and drops it
        # at the end; --watch runs inside the command and so holds it across rebuilds.
        try:
            with use_session() as session:
                try:
                    return super().invoke(ctx)
                finally:
                    session.close()
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `paiban fit … | head`: the reader left; nothing to say
            sys.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for the desk
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                       "  this is a bug in typeset, not in your edition; run again with "
                       "`paiban --debug …` and report the traceback", err=True)
            sys.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"],
                                           "max_content_width": 100})
@click.version_option(package_name="typeset", prog_name=PROG)
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """paiban (排版) — print layout for Chinese newspapers: edition manifests to PDF/X pages.

    The workflow: paiban new → check → proof → build → preflight the PDF."""
    from typeset.outputs import handle_signals

    handle_signals()
    ctx.obj = {"debug": debug}


def _register() -> None:
    """Attach every command module's click command to the group."""
    from typeset.cli import (edition_cmds, epaper_cmd, fit_cmd, fonts_cmd, galley_cmd,
                             makeup_cmd, new_cmd, preflight_cmd, preview_cmd)

    for command in (new_cmd.new, edition_cmds.check, edition_cmds.proof, edition_cmds.build,
                    preview_cmd.preview, epaper_cmd.epaper, preflight_cmd.preflight,
                    galley_cmd.galley, fonts_cmd.fonts, fit_cmd.fit, makeup_cmd.make_up):
        main.add_command(command)


_register()

