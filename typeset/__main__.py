"""`python -m typeset` runs the command line."""

from typeset.cli.entry import run

run()
