"""Smoke tests on the production face (Noto Serif CJK SC): the grid holds, nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.linebreak import set_paragraph

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def book(noto_book):
    """The production faces (tests/conftest.py `noto_book`), not the suite's test font."""
    return noto_book


def test_pure_ideographs_fill_the_grid(book):
    style = TextStyle("body", size=9.0, indent=0)
    text = "中华人民共和国国务院新闻办公室" * 5
    para = set_paragraph([Run(text)], style, book, 13 * 9.0)
    assert [len(line.text) for line in para.lines] == [13] * 5 + [10]
    for line in para.lines[:-1]:
        xs = [run.x + g.x for run in line.runs for g in run.glyphs]
        assert xs == [pytest.approx(9.0 * i) for i in range(13)]
    assert "".join(line.text for line in para.lines) == text
    assert para.diagnostics == ()


def test_news_copy_loses_nothing_and_is_justified(book):
    style = TextStyle("body", size=9.0, indent=2)
    text = ("本报讯 3月6日，记者从市发展改革委获悉，2025年全市计划实施省市重点工程项目"
            "1220个，总投资9.5万亿元，其中新开工项目占比达到30%以上。")
    para = set_paragraph([Run(text)], style, book, 13 * 9.0)
    assert "".join(line.text for line in para.lines).replace(" ", "") == text.replace(" ", "")
    for line in para.lines[:-1]:
        assert line.natural == pytest.approx(13 * 9.0, abs=0.01)
        assert line.overfull == 0
