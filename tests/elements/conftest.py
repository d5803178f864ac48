"""Fixtures for the story-element tests (issue 17): editions written to tmp_path and loaded,
composed with the real layouts and fonts; helpers live in elements_kit."""

from __future__ import annotations

import pytest

from elements_kit import Maker


@pytest.fixture
def maker(tmp_path) -> Maker:
    return Maker(tmp_path)
