"""Fixtures for manifest tests (helpers live in manifest_kit)."""

from __future__ import annotations

import pytest

from manifest_kit import BASE, EditionMaker, ROOT, STORY, line_of  # noqa: F401


@pytest.fixture
def maker(tmp_path) -> EditionMaker:
    return EditionMaker(tmp_path)
