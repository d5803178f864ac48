"""Fixtures for the reliability tests (helpers live in relkit.py and textcheck.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relkit import Cli  # noqa: E402


@pytest.fixture
def cli() -> Cli:
    """`cli("build", folder, "-o", out, expect=1)`: runs typeset, fails on any crash."""
    return Cli()
