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
    from typeset.cli import fonts_cmd

    main.add_command(fonts_cmd.fonts)
    from typeset.cli import preflight_cmd

    main.add_command(preflight_cmd.preflight)
    from typeset.cli import galley_cmd; main.add_command(galley_cmd.galley)  # noqa: E702


_register()
