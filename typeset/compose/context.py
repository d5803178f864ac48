"""What every composition step needs, bundled: fonts, composition rules, the page grid.

In: a Layout, a FontBook, the edition, and the `MediaInfo` of its images (probed by the
pipeline, so composition stays free of file I/O). Out: a `ComposeContext` passed to every
compose function instead of long argument lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from typeset.fonts import FontBook
from typeset.model.edition import Edition
from typeset.model.grid import PageGrid
from typeset.model.layout import Layout, TextStyle
from typeset.model.media import MediaInfo
from typeset.model.composition import CompositionRules


@dataclass(frozen=True)
class ComposeContext:
    """Shared, read-only inputs of composition for one layout."""

    layout: Layout
    fonts: FontBook
    rules: CompositionRules
    edition: Edition
    media: dict[str, MediaInfo | tuple[int, int] | None] = field(hash=False, compare=False,
                                                                 default_factory=dict)
    """Every image file the edition places (path as composed → its probed `MediaInfo`; a
    hand-made context may give plain (w, h) sizes, or None for a file that cannot be read)."""

    @cached_property
    def image_sizes(self) -> dict[str, tuple[int, int] | None]:
        """Upright pixel size of every placed image file; None for one that cannot be
        printed (reported already: a crossed frame stands in)."""
        return {path: m if m is None or isinstance(m, tuple) else (m.size if m.printable else None)
                for path, m in self.media.items()}

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
