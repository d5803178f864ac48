"""Each command runs in a build session of its own (issue 14.1), and a closed pipe is no
internal error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from typeset.cli.main import main
from typeset.session import current

ROOT = Path(__file__).resolve().parents[2]


def test_a_command_gets_a_fresh_session_and_leaves_the_callers_alone():
    seen = []
    before = current()

    import click

    @click.command("probe-session")
    def probe():
        seen.append(current())

    main.add_command(probe)
    try:
        for _ in range(2):
            assert CliRunner().invoke(main, ["probe-session"]).exit_code == 0
    finally:
        main.commands.pop("probe-session")
    assert len(seen) == 2 and seen[0] is not seen[1]
    assert before not in seen and current() is before


def test_a_reader_that_leaves_the_pipe_early_is_no_internal_error():
    proc = subprocess.Popen([sys.executable, "-m", "typeset", "check", "editions/sample", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.close()  # the reader is gone before the command writes
    err = proc.stderr.read().decode()
    proc.wait()
    assert "internal error" not in err and "Traceback" not in err
