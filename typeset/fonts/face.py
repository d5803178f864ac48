"""One font face loaded with HarfBuzz: coverage, advances, glyph bounds and shaping.

In: a font file path and a face index (a .ttc holds several faces). Out: a `Face` whose
`shape()` returns glyph ids of the *full* font with advances in font units; those ids are what
the PDF backend writes (Identity-H), so measuring and drawing can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import uharfbuzz as hb

from typeset.frame import FaceRef
from typeset.session import current, file_key


@dataclass(frozen=True)
class ShapedGlyph:
    """A glyph from shaping: full-font glyph id, index of its first source character in the
    shaped text (cluster), advance and offsets in font units."""

    gid: int
    cluster: int
    advance: int
    x_offset: int = 0
    y_offset: int = 0


class Face:
    """A font face: read-only after construction, shared by everything that measures text."""

    def __init__(self, path: str, index: int = 0):
        self.path = str(path)
        self.index = index
        self._blob = hb.Blob.from_file_path(self.path)
        self._hb_face = hb.Face(self._blob, index)
        self._hb_font = hb.Font(self._hb_face)
        self.upem: int = self._hb_face.upem
        self.glyph_count: int = self._hb_face.glyph_count
        self.tables: frozenset[str] = frozenset(self._hb_face.table_tags)
        self.is_cff: bool = "CFF " in self.tables
        family = self._hb_face.get_name(hb.OTNameIdPredefined.TYPOGRAPHIC_FAMILY)
        family = family or self._hb_face.get_name(hb.OTNameIdPredefined.FONT_FAMILY) or ""
        style = self._hb_face.get_name(hb.OTNameIdPredefined.TYPOGRAPHIC_SUBFAMILY)
        style = style or self._hb_face.get_name(hb.OTNameIdPredefined.FONT_SUBFAMILY) or ""
        self.family: str = family
        self.style: str = style
        self.postscript_name: str = (
            self._hb_face.get_name(hb.OTNameIdPredefined.POSTSCRIPT_NAME) or f"{family}-{style}"
        ).replace(" ", "")
        self.ref = FaceRef(self.path, index, self.postscript_name)
        self._shape_cache: dict[tuple, tuple[ShapedGlyph, ...]] = {}
        self._extents_cache: dict[int, tuple[int, int, int, int]] = {}
        # Vertical metrics from OS/2 (typo) or hhea, in font units.
        extents = self._hb_font.get_font_extents("ltr")
        self.ascender: int = extents.ascender
        self.descender: int = extents.descender  # negative

    # -- coverage ---------------------------------------------------------------------------
    def glyph_for(self, char: str) -> int | None:
        """The nominal glyph id for one character, or None when the face does not cover it."""
        return self._hb_font.get_nominal_glyph(ord(char))

    def covers(self, char: str) -> bool:
        """True when the face has a glyph for `char`."""
        return self.glyph_for(char) is not None

    # -- metrics ----------------------------------------------------------------------------
    def advance(self, gid: int) -> int:
        """Horizontal advance of a glyph in font units."""
        return self._hb_font.get_glyph_h_advance(gid)

    def ink_box(self, gid: int) -> tuple[int, int, int, int]:
        """The glyph's ink bounds (x_min, y_min, x_max, y_max) in font units, y up."""
        cached = self._extents_cache.get(gid)
        if cached is None:
            ext = self._hb_font.get_glyph_extents(gid)
            if ext is None:
                cached = (0, 0, 0, 0)
            else:
                x0 = ext.x_bearing
                y1 = ext.y_bearing
                cached = (x0, y1 + ext.height, x0 + ext.width, y1)
            self._extents_cache[gid] = cached
        return cached

    # -- shaping ----------------------------------------------------------------------------
    def shape(
        self, text: str, *, features: dict[str, bool | int] | None = None, language: str = "zh-Hans"
    ) -> tuple[ShapedGlyph, ...]:
        """Shape `text` left to right and return its glyphs (full-font ids, font units).

        Results are cached per (text, language, features): composing a page shapes the same
        short runs many times.
        """
        return self._shape(text, "ltr", features, language)

    def shape_vertical(
        self, text: str, *, features: dict[str, bool | int] | None = None, language: str = "zh-Hans"
    ) -> tuple[ShapedGlyph, ...]:
        """Shape `text` top to bottom (直排: HarfBuzz direction ttb, which applies the font's
        `vert`/`vrt2` forms, so ，。、“”（） take their vertical glyphs).

        Each glyph's `advance` is its vertical advance *downwards*; `x_offset`/`y_offset` lead
        from the pen — on the column's axis, at the top of the glyph's em — to the glyph's
        origin, in font units with y up (so y_offset is about −0.88 em for an ideograph).
        """
        return self._shape(text, "ttb", features, language)

    def _shape(self, text: str, direction: str, features: dict[str, bool | int] | None,
               language: str) -> tuple[ShapedGlyph, ...]:
        feats = tuple(sorted((features or {}).items()))
        key = (text, language, feats) if direction == "ltr" else (text, language, feats, direction)
        cached = self._shape_cache.get(key)
        if cached is not None:
            return cached
        buf = hb.Buffer()
        buf.add_str(text)
        buf.direction = direction
        buf.language = language
        buf.guess_segment_properties()
        hb.shape(self._hb_font, buf, dict(feats))
        vertical = direction == "ttb"
        glyphs = tuple(
            ShapedGlyph(info.codepoint, info.cluster,
                        -pos.y_advance if vertical else pos.x_advance, pos.x_offset, pos.y_offset)
            for info, pos in zip(buf.glyph_infos, buf.glyph_positions)
        )
        # uharfbuzz's add_str numbers clusters by code point, i.e. by Python str index.
        self._shape_cache[key] = glyphs
        return glyphs

    def __repr__(self) -> str:
        return f"Face({self.family} {self.style}, {self.path}#{self.index})"


def load_face(path: str, index: int = 0) -> Face:
    """Load (once per session, and again when the file changed: `file_key`) the face `index`
    of the font file at `path`."""
    key = (str(path), index, file_key(path))
    return current().memo("fonts.faces", 64).get_or_make(key, lambda: Face(path, index))
