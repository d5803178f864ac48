"""Fixtures shared by the composition and fitting tests (their conftest files import them):
the real broadsheet layout and fonts, a generated photo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from typeset.manifest.layout_file import load_layout
from typeset.pipeline import font_book

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def layout():
    return load_layout("broadsheet-8col", ROOT)


@pytest.fixture(scope="session")
def fonts():
    return font_book(ROOT)


@pytest.fixture(scope="session")
def photo_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("edition")
    img = Image.new("RGB", (1200, 800))
    for x in range(0, 1200, 40):
        img.paste((x % 255, 90, 160), (x, 0, x + 40, 800))
    img.save(folder / "photo.jpg", quality=80)
    return folder / "photo.jpg"
