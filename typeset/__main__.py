"""`python -m typeset` runs the command line."""

from typeset.cli.main import run

run()
