"""The `typeset` command: a click group that registers one sub-command per module.

Exit codes: 0 ok, 1 diagnostics/errors in the edition or file checked, 2 usage errors.
"""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="typeset")
def main() -> None:
    """typeset — print layout for Chinese newspapers: edition manifests to PDF/X pages."""


def _register() -> None:
    """Attach every command module's click command to the group."""
    from typeset.cli import edition_cmds, fonts_cmd, galley_cmd, preflight_cmd

    for command in (edition_cmds.build, edition_cmds.proof, edition_cmds.check,
                    edition_cmds.preview, galley_cmd.galley, fonts_cmd.fonts,
                    preflight_cmd.preflight):
        main.add_command(command)


_register()
