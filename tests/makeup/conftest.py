"""Fixtures for make-up tests: a font book with every role of fonts/fonts.yaml set in the
synthetic test font (tests/fonts/), so the rules are tested on round, known metrics."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "fonts"))
sys.path.insert(0, str(ROOT / "tests" / "manifest"))
sys.path.insert(0, str(ROOT / "tests" / "fit"))


@pytest.fixture(scope="session")
def test_fonts(tmp_path_factory):
    from build_test_font import build_all

    from typeset.fonts import FontBook, load_face
    from typeset.manifest.fonts_config import load_font_roles

    paths = build_all(tmp_path_factory.mktemp("makeup-fonts"))
    face = load_face(str(paths["main"]), 0)
    return FontBook({role: face for role in load_font_roles(ROOT)})
