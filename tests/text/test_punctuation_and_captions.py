"""Issue 16 audit: punctuation is compressed the same way throughout a line and a paragraph,
and a caption is indented as its style says.

On the monospace test font (10 pt: ideograph 1 em, every mark 1 em with a ½-em blank, so a
mark's width shows how much of it was compressed), from the glyph positions the composer
returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from testbook import EM, setp
from typeset.compose.context import ComposeContext
from typeset.compose.photo_title import caption_block
from typeset.model.edition import Photo
from typeset.manifest.layout_file import load_layout
from typeset.pipeline import font_book
from typeset.text import CompositionRules

ROOT = Path(__file__).resolve().parents[2]

MARKS = "，、；：。”“）（"


def _mark_widths(line) -> dict[int, float]:
    """Source index → width (em) of every mark of the line that is followed by another glyph
    on the line (a line-end mark has its own rule)."""
    glyphs = [g for run in line.runs for g in run.glyphs]
    out = {}
    at = line.start
    for a, b in zip(glyphs, glyphs[1:]):
        if a.text in MARKS:
            out[at] = (b.x - a.x) / EM
        at += len(a.text)
    return out


def test_the_marks_of_a_push_in_line_give_up_the_same_share(book):
    # 甲，乙、丙；丁戊 + 。 cannot start line 2: the three pause marks of line 1 give up
    # ¼ em each (¾ em in all, with 。 at its ½-em line-end width), not one of them ½ em
    text = "甲，乙、丙；丁戊己。庚辛"
    para = setp(book, text, 9, avoid_orphan=False)
    first = para.lines[0]
    assert first.text == "甲，乙、丙；丁戊己。"
    widths = _mark_widths(first)
    pauses = [widths[text.index(m)] for m in "，、；"]
    assert pauses == pytest.approx([pauses[0]] * 3, abs=1e-3)   # glyph positions are snapped
    assert 0.5 < pauses[0] < 1.0                    # compressed, and shared out evenly


def test_a_mark_pair_is_set_alike_on_every_line_of_a_paragraph(book):
    # 。” and ，“ in nominal setting (全角式: the pair takes 1½ em) on lines that are full
    # at nominal widths, wherever the pair falls on the line and the line in the paragraph
    rows = ["甲乙丙丁戊。”己庚辛", "甲乙，“丙丁戊己庚辛", "子丑寅卯。”辰巳午未", "子，“丑寅卯辰巳午未"]
    text = "".join(rows * 2)
    para = setp(book, text, 9.5, avoid_orphan=False)
    assert [line.text for line in para.lines] == rows * 2
    pairs = []
    for line in para.lines:
        widths = _mark_widths(line)
        pairs += [widths[at] + widths[at + 1] for at in widths
                  if text[at] in "。，" and at + 1 in widths]
    assert len(pairs) == 8
    assert pairs == pytest.approx([1.5] * 8, abs=1e-3)


def test_a_line_that_needs_no_push_in_keeps_its_marks_full(book):
    # compression is for push-in only: the lines that fit keep 1-em pause marks, in every
    # line alike (the optimiser never squeezes a line the grid fill sets at nominal widths)
    text = "甲乙，丙丁戊己庚辛" * 4
    para = setp(book, text, 9, avoid_orphan=False)
    for line in para.lines[:-1]:
        for at, width in _mark_widths(line).items():
            assert width == pytest.approx(1.0, abs=1e-3), (line.text, text[at])


@pytest.mark.parametrize("punctuation", ["quanjiao", "kaiming"])
def test_the_punctuation_style_holds_on_every_line(book, punctuation):
    # each line exactly full (ending in an ideograph), so no line is squeezed or spaced out
    text = "甲乙，丙丁、戊己；庚辛子" * 6
    measure = 12 if punctuation == "quanjiao" else 10.5
    para = setp(book, text, measure, punctuation=punctuation, avoid_orphan=False)
    assert [line.text for line in para.lines] == ["甲乙，丙丁、戊己；庚辛子"] * 6
    widths = sorted({round(w, 3) for line in para.lines for w in _mark_widths(line).values()})
    # 全角式: every mid-line pause mark 1 em; 开明式: ½ em
    assert widths == ([1.0] if punctuation == "quanjiao" else [0.5])


@pytest.fixture(scope="module")
def layout():
    return load_layout("broadsheet-8col", ROOT)


def test_a_caption_is_indented_as_its_style_says(layout):
    fonts = font_book(ROOT)
    style = layout.style("caption")
    assert style.indent == 2                        # the shipped layout: 2 字
    ctx = ComposeContext(layout, fonts, CompositionRules.from_mapping(layout.composition),
                         None)
    caption = "图为澄江城市江段出现的江豚。近年来，澄江水质持续向好，江豚频繁出现在城市江段。"
    items, height = caption_block(Photo("photo.jpg", caption=caption), 100.0, 300.0, ctx)
    assert height > 0
    rows = sorted({round(run.y, 2) for run in items if run.role == "caption"})   # top first
    assert len(rows) >= 2
    first_x = min(run.x for run in items if run.role == "caption" and round(run.y, 2) == rows[0])
    next_x = min(run.x for run in items if run.role == "caption" and round(run.y, 2) == rows[1])
    assert next_x == pytest.approx(100.0, abs=0.01)           # later lines flush
    assert first_x - next_x == pytest.approx(2 * style.size, abs=0.01)   # the first: 2 字 in
