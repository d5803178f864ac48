"""A FontBook over the deterministic test fonts, and a `setp` helper for exact-break tests."""

from __future__ import annotations

from pathlib import Path

from build_test_font import build_all

from typeset.fonts import FontBook, load_face
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.text import CompositionRules
from typeset.linebreak import set_paragraph

EM = 10.0
"""Test size: 10 pt, so 1 em = 10 pt and widths read as em × 10."""


def make_book(folder: Path, *, halt: bool = True) -> FontBook:
    """Roles body/body-bold/latin/latin-bold → TestCJK; extra → TestExtra (fallback)."""
    paths = build_all(folder)
    main = load_face(str(paths["main" if halt else "nohalt"]), 0)
    extra = load_face(str(paths["extra"]), 0)
    return FontBook({"body": main, "body-bold": main, "latin": main, "latin-bold": main,
                     "extra": extra})


def style(indent: float = 0.0, align: str = "justify") -> TextStyle:
    """The body style of the tests: 10 pt, given indent (em) and alignment."""
    return TextStyle("body", size=EM, indent=indent, align=align)


def setp(book: FontBook, text, measure_em: float = 5, *, indent: float = 0.0,
         align: str | None = None, **rules):
    """Compose `text` (a str or runs) at `measure_em` em; returns the SetParagraph."""
    runs = [Run(text)] if isinstance(text, str) else list(text)
    return set_paragraph(runs, style(indent), book, measure_em * EM,
                             CompositionRules(**rules), align=align)


def lines(book: FontBook, text, measure_em: float = 5, **kw) -> list[str]:
    """The line texts of `text` set at `measure_em`."""
    return [line.text for line in setp(book, text, measure_em, **kw).lines]
