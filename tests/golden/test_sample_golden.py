"""Golden text dumps of the sample edition's pages (SILE .expected style).

The dump (typeset/render/debug.py) lists every item with coordinates rounded to 0.01 pt; a change
in composition shows up as a readable diff. After an intended change, run
`pytest tests/golden --update-golden` and review the diff of tests/golden/*.txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_kit import same_as_golden

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
    same_as_golden(HERE / f"sample-page-{number}.txt", text, request)
