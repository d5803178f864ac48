"""Fixtures: the deterministic test-font book (built once per session into a temp folder)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fonts"))

from testbook import make_book  # noqa: E402


@pytest.fixture(scope="session")
def book(tmp_path_factory):
    return make_book(tmp_path_factory.mktemp("fonts"))


@pytest.fixture(scope="session")
def book_nohalt(tmp_path_factory):
    return make_book(tmp_path_factory.mktemp("fonts-nohalt"), halt=False)
