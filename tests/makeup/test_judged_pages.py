"""The judged criteria (issue 19) on item lists with no geometry (tests/makeup/makeup_pages_kit.py),
measured on the built page by page_judge: nothing overset, ≥ 90 % of the type area used, no
撞题, the lead's headline the largest and in the top quarter, nothing lost (the time a page
takes is a figure of bench/bench_makeup.py, not a test). On the synthetic font; two pages
again on the real fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from makeup_pages_kit import SPECS, verdicts

from typeset import pipeline

ROOT = Path(__file__).resolve().parents[2]
PAGES = [pytest.param(s, id=s.name, marks=[pytest.mark.xfail(reason=s.known, strict=True)]
                      if s.known else []) for s in SPECS]


@pytest.mark.parametrize("spec", PAGES)
def test_the_page_meets_every_judged_criterion(spec, tmp_path, test_fonts):
    found, _diags, _seconds = verdicts(spec, tmp_path / spec.name, test_fonts)
    for number, verdict in found:
        assert not verdict.failures(), (number, verdict.failures())


@pytest.mark.parametrize("name", ["many-briefs", "ad-corner"])
def test_on_the_real_fonts(name, tmp_path):
    spec = next(s for s in SPECS if s.name == name)
    found, diags, _seconds = verdicts(spec, tmp_path / name, pipeline.font_book(ROOT))
    for number, verdict in found:
        assert not verdict.failures(), (number, verdict.failures())
    assert not [d for d in diags if d.code in ("overset", "fit-over", "make-up-over")]


def test_the_judge_sees_a_page_that_fails(tmp_path, test_fonts):
    """The checker can fail: twice the copy overflows the page, and it says so."""
    spec = next(s for s in SPECS if s.name == "long-lead")
    long = type(spec)(spec.name, spec.pages, {k: v.replace("\n\n", "\n\n" + v[-300:] * 3, 2)
                                               for k, v in spec.stories.items()}, spec.photos)
    found, _diags, _seconds = verdicts(long, tmp_path / "long", test_fonts)
    failures = found[0][1].failures()
    assert any(f.startswith("overset") for f in failures), failures
