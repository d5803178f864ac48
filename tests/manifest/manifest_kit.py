"""Helpers for manifest tests: write a small edition in tmp_path and load it (imported by the
tests as `manifest_kit`; a module named `conftest` would clash with other test folders)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editions_kit import ONE_PAGE_MANIFEST, STORY_HEAD, write_edition

from typeset.diagnostics import Diagnostic, InputError
from typeset.manifest import load_edition

ROOT = Path(__file__).resolve().parents[2]

STORY = STORY_HEAD + """\
第一段正文，用于测试。

第二段正文。
"""

BASE = ONE_PAGE_MANIFEST


class EditionMaker:
    """Writes edition folders under tmp_path and loads them."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.count = 0

    def write(self, manifest: str = BASE, stories: dict[str, str] | None = None,
              files: dict[str, bytes | str] | None = None) -> Path:
        self.count += 1
        return write_edition(self.tmp_path / f"ed{self.count}", manifest,
                             {"one": STORY} if stories is None else stories, files)

    def load(self, folder: Path):
        return load_edition(folder, project_root=ROOT)

    def errors(self, folder: Path) -> list[Diagnostic]:
        """The diagnostics of the InputError loading raises (fails if it loads)."""
        with pytest.raises(InputError) as info:
            self.load(folder)
        diags = info.value.diagnostics
        assert diags, "InputError without diagnostics"
        for d in diags:
            assert d.message and d.format()      # formats without error
        return diags

    def one(self, folder: Path, code: str) -> Diagnostic:
        """The single diagnostic with `code` (and show all of them on failure)."""
        diags = self.errors(folder)
        found = [d for d in diags if d.code == code]
        assert found, "\n".join(d.format() for d in diags)
        return found[0]


def line_of(folder: Path, needle: str, name: str = "edition.yaml") -> int:
    """1-based line number of the first line containing `needle`."""
    for number, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {name}")
