"""Suite-wide options: --update-golden rewrites the golden text dumps under tests/golden/."""

from __future__ import annotations


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.txt from the current output")


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
