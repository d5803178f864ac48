"""The console command's name (issue 12.1): not a shell builtin, keyword or alias, so that
`paiban check …` runs the command after `. .venv/bin/activate` in bash, zsh, dash or fish."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]


def _script_names() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return list(tomllib.load(handle)["project"]["scripts"])


def test_the_project_declares_one_console_command():
    assert _script_names() == ["paiban"]


def test_the_command_is_no_bash_builtin_keyword_or_alias():
    words = subprocess.run(["bash", "-c", "compgen -b; compgen -k; compgen -a; true"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert "typeset" in words  # the reason for the rename: the check itself works
    for name in _script_names():
        assert name not in words


@pytest.mark.parametrize("shell, probe", [
    ("zsh", "whence -w {name}"),
    ("dash", "command -V {name}"),
    ("fish", "builtin --names | string match -x {name}"),
])
def test_the_command_is_no_builtin_of_other_shells(shell, probe):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed here")
    for name in _script_names():
        said = subprocess.run([shell, "-c", probe.format(name=name)], capture_output=True,
                              text=True).stdout
        assert "builtin" not in said and "reserved" not in said and said.strip() != name


def test_version_and_help_name_the_command():
    from typeset.cli.main import PROG, main

    runner = CliRunner()
    result = runner.invoke(main, ["--version"], prog_name=PROG)
    assert result.exit_code == 0 and result.output.startswith("paiban, version ")
    result = runner.invoke(main, ["--help"], prog_name=PROG)
    assert result.output.startswith("Usage: paiban ")
