"""The real sample edition built once per test session (final PDF with marks), plus a second
build in a fresh process (another hash seed) for the byte-identity check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from typeset.pipeline import build

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """(BuildResult, path) of editions/sample built in this process."""
    out = tmp_path_factory.mktemp("sample") / "sample.pdf"
    result = build(SAMPLE, out)
    problems = [f"{d.severity.value}: {d.code}: {d.message}" for d in result.diagnostics
                if d.severity.value == "error"]
    assert result.ok and out.exists(), "the sample edition did not build:\n" + "\n".join(problems)
    return result, out


@pytest.fixture(scope="session")
def sample_pdf(sample_build) -> Path:
    return sample_build[1]


@pytest.fixture(scope="session")
def second_build(tmp_path_factory) -> Path:
    """The same edition built again by `python -m typeset build` in a new process."""
    out = tmp_path_factory.mktemp("again") / "sample.pdf"
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    done = subprocess.run([sys.executable, "-m", "typeset", "build", str(SAMPLE), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out
