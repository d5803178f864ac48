"""Suite-wide fixtures and options.

--update-golden rewrites the golden text dumps (tests/golden/, tests/compose/cases/). `book` /
`book_nohalt` are the deterministic test-font books (tests/fonts/testbook.py), built once per
session; `noto_book` the production faces (skipped where they are not installed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fonts"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "cli"))  # cli_kit, for every folder

from testbook import make_book  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.txt from the current output")


SLOW_GROUPS = ("integration", "fuzz", "golden")
"""End-to-end groups (whole editions on the real fonts, generated editions): marked `slow`, so
`pytest -m "not slow"` gives a quick loop while `make test` runs everything."""


def pytest_collection_modifyitems(config, items):
    """Mark the tests of SLOW_GROUPS `slow`."""
    root = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(root).parts
        if parts and parts[0] in SLOW_GROUPS:
            item.add_marker(pytest.mark.slow)


def pytest_configure(config):
    """Prepared photos go to a fresh folder for this run, never to the user's cache
    (typeset.render.pdf.photostore; child processes inherit it)."""
    import atexit
    import os
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="typeset-test-photos-")
    os.environ["TYPESET_CACHE"] = folder
    atexit.register(shutil.rmtree, folder, ignore_errors=True)


@pytest.fixture(scope="session")
def book(tmp_path_factory):
    return make_book(tmp_path_factory.mktemp("fonts"))


@pytest.fixture(scope="session")
def book_nohalt(tmp_path_factory):
    return make_book(tmp_path_factory.mktemp("fonts-nohalt"), halt=False)


@pytest.fixture(scope="session")
def noto_book():
    """The production font book (fonts/fonts.yaml: Noto CJK …), or the test is skipped where
    those fonts are not installed."""
    from typeset.fonts import FontBook, FontError
    from typeset.manifest.fonts_config import load_font_roles

    root = Path(__file__).resolve().parent.parent
    try:
        return FontBook.resolve(load_font_roles(root), root / "fonts")
    except FontError as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"production fonts not installed: {exc}")
