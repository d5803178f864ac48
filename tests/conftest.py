"""Suite-wide options: --update-golden rewrites the golden text dumps under tests/golden/."""

from __future__ import annotations


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.txt from the current output")
