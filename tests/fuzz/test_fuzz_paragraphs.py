"""Fuzzing the composer with generated paragraphs: every character comes back in order, in
the lines or the glyph runs; nothing raises, whatever Unicode the desk pastes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from profiles import fuzz
from strategies import covered_char, paragraph_text, wild_char
from textcheck import squeeze


from typeset.manifest.layout_file import load_layout
from typeset.model.story import Run
from typeset.pipeline import font_book
from typeset.project import find_project_root
from typeset.text import CompositionRules
from typeset.linebreak import set_paragraph

ROOT = find_project_root()
FONTS = font_book(ROOT)
LAYOUT = load_layout("broadsheet-8col", ROOT)
BODY = LAYOUT.styles["body"]
RULES = CompositionRules.from_mapping(LAYOUT.composition or {})
WIDTHS = st.sampled_from([LAYOUT.column_width, LAYOUT.column_width * 2 + LAYOUT.gutter, 40.0,
                          BODY.size * 1.5])


def _runs(text: str, cuts: list[int]) -> tuple[Run, ...]:
    edges = sorted({0, len(text), *[c % (len(text) + 1) for c in cuts]})
    return tuple(Run(text[a:b], emphasis=bool(i % 2)) for i, (a, b) in
                 enumerate(zip(edges, edges[1:])) if b > a)


@fuzz(3)
@given(paragraph_text(covered_char, 600), st.lists(st.integers(0, 600), max_size=4), WIDTHS)
def test_lines_keep_every_character_in_order(text, cuts, width):
    para = set_paragraph(_runs(text, cuts), BODY, FONTS, width, RULES)
    assert "".join(line.text for line in para.lines) == text
    for line in para.lines:
        assert "".join(run.text for run in line.runs) == line.text
        glyph_text = "".join(g.text for run in line.runs for g in run.glyphs)
        assert squeeze(glyph_text) == squeeze(line.text)       # what the PDF's text gives


@fuzz(3)
@given(paragraph_text(wild_char, 300), WIDTHS)
def test_any_unicode_is_set_or_reported(text, width):
    para = set_paragraph((Run(text),), BODY, FONTS, width, RULES)
    assert "".join(line.text for line in para.lines) == text
    drawn = {c for line in para.lines for run in line.runs for g in run.glyphs for c in g.text}
    reported = "".join(str(d.data) + d.message for d in para.diagnostics)
    for char in set(text) - drawn:
        assert char.isspace() or char in reported or f"U+{ord(char):04X}" in reported, \
            (char, [d.message for d in para.diagnostics])
