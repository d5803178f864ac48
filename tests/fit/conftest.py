"""Fixtures for fitting tests: the real broadsheet layout and fonts, a generated photo."""

from __future__ import annotations

import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "compose"))
sys.path.insert(0, str(ROOT / "tests" / "manifest"))


from compose_fixtures import fonts, layout, photo_file  # noqa: E402, F401
