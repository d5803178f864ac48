"""The one comparison of a text dump with its golden file (tests/golden, tests/compose/cases).

`same_as_golden(path, text, request)`: with `--update-golden` (or when the file is missing)
writes `text` to `path` (a missing one also fails the test: review and commit it); otherwise
fails with a unified diff when `text` differs from the file.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest


def same_as_golden(path: Path, text: str, request) -> None:
    """Compare `text` with the golden file `path` (see the module docstring)."""
    update = request.config.getoption("--update-golden")
    if update or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"{path.name} did not exist; written now — review and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(),
                                    f"{path.name} (expected)", f"{path.name} (now)", lineterm="")
        pytest.fail(f"{path.parent.name}/{path.name} differs (if intended, rerun with "
                    "--update-golden and review the diff):\n" + "\n".join(diff), pytrace=False)
