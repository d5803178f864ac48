"""Fonts: find faces by role, load them with HarfBuzz, measure and shape text."""

from typeset.fonts.book import FontBook, FontError, RoleSpec
from typeset.fonts.face import Face, ShapedGlyph, load_face

__all__ = ["Face", "FontBook", "FontError", "RoleSpec", "ShapedGlyph", "load_face"]
