"""Golden text dumps of the sample edition's pages (SILE .expected style).

The dump (typeset/render/debug.py) lists every item with coordinates rounded to 0.01 pt; a change
in composition shows up as a readable diff. After an intended change, run
`pytest tests/golden --update-golden` and review the diff of tests/golden/*.txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset import pipeline
from typeset.render.debug import dump

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def sample():
    result = pipeline.compose(ROOT / "editions" / "sample")
    assert result.document is not None, [d.format() for d in result.diagnostics]
    return result


@pytest.mark.parametrize("number", [1, 2, 3])
def test_sample_page_matches_its_golden_dump(sample, number, request):
    page = next(p for p in sample.document.pages if p.number == number)
    text = dump(type(sample.document)((page,), sample.document.info), markers=False)
    golden = HERE / f"sample-page-{number}.txt"
    if request.config.getoption("--update-golden") or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail(f"{golden.name} did not exist; written now — review and commit it")
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, f"page {number} differs from {golden.name}; see the diff above"
