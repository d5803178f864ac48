"""Helpers of the CLI tests (imported as `cli_kit` by every test folder: tests/conftest.py
puts tests/cli on the path): run `paiban …` in-process, a filled-in `paiban new` edition,
and an overset story in it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from editions_kit import fill_in

from typeset.cli.main import main


def run(*args, env=None, input=None):
    """`paiban ARGS` in-process (`input`: what stdin reads); fails on a traceback."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env=env,
                                input=input)
    assert "Traceback" not in result.output
    return result


def new_edition(tmp_path: Path) -> Path:
    """A two-page `paiban new` edition with its placeholders filled in."""
    folder = tmp_path / "ed"
    assert run("new", folder, "--date", "2026-12-01", "--pages", "2").exit_code == 0
    return fill_in(folder)


def overset(folder: Path) -> None:
    """Make the example story of `folder` far longer than its slots."""
    story = folder / "stories" / "example.md"
    story.write_text(story.read_text(encoding="utf-8")
                     + ("\n\n" + "超长的稿件正文需要被报告为超版。" * 30) * 12, encoding="utf-8")
