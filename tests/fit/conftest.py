"""Fixtures for fitting tests: the real broadsheet layout and fonts, a generated photo."""

from __future__ import annotations

import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "compose"))
sys.path.insert(0, str(ROOT / "tests" / "manifest"))
sys.path.insert(0, str(ROOT / "tests" / "cli"))


from compose_fixtures import fonts, layout, photo_file  # noqa: E402, F401
sys.path.insert(0, str(ROOT / "tests" / "fonts"))
sys.path.insert(0, str(ROOT / "tests"))

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_fonts(tmp_path_factory):
    """Every font role of fonts/fonts.yaml set in the synthetic test font (tests/fonts/):
    round, known metrics and fast pages."""
    from build_test_font import build_all

    from typeset.fonts import FontBook, load_face
    from typeset.manifest.fonts_config import load_font_roles

    paths = build_all(tmp_path_factory.mktemp("fit-fonts"))
    face = load_face(str(paths["main"]), 0)
    return FontBook({role: face for role in load_font_roles(ROOT)})
