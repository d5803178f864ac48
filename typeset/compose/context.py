"""What every composition step needs, bundled: fonts, composition rules, the page grid.

In: a Layout, a FontBook, the edition, and the pixel sizes of its images (read by the
pipeline, so composition stays free of file I/O). Out: a `ComposeContext` passed to every
compose function instead of long argument lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typeset.fonts import FontBook
from typeset.model.edition import Edition
from typeset.model.grid import PageGrid
from typeset.model.layout import Layout, TextStyle
from typeset.model.composition import CompositionRules


@dataclass(frozen=True)
class ComposeContext:
    """Shared, read-only inputs of composition for one layout."""

    layout: Layout
    fonts: FontBook
    rules: CompositionRules
    edition: Edition
    image_sizes: dict[str, tuple[int, int] | None] = field(hash=False, compare=False,
                                                           default_factory=dict)
    """Pixel size of every image file the edition names (absolute path → (w, h))."""

    @property
    def grid(self) -> PageGrid:
        """The page grid of this layout."""
        return PageGrid(self.layout)

    @property
    def pitch(self) -> float:
        """The baseline-grid pitch in pt."""
        return self.layout.line_pitch

    def style(self, name: str) -> TextStyle:
        """A named style of the layout."""
        return self.layout.style(name)
