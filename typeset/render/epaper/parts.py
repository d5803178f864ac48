"""What the e-paper is made from: the composition's display list, cut into article parts.

In: nothing but plain values — the pipeline turns each story chain's slot outputs into
`ArticlePart`s (so this backend depends on the display list, not on the composer). Out: the
parts grouped by article and by page, with each part's slot rectangle.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.frame import FrameItem, Marker
from typeset.render.epaper.boxes import Rect


@dataclass(frozen=True)
class ArticlePart:
    """One slot of a story chain: the story, its page, the slot, the part's place in the
    chain (0 = the first part, with the headline group) and the items it drew."""

    story: str
    page: int
    slot: str
    index: int
    items: tuple[FrameItem, ...]

    @property
    def first(self) -> bool:
        """True for the part that holds the headline group."""
        return self.index == 0

    def slot_rect(self) -> Rect | None:
        """The slot's rectangle, from the part's slot marker (None when it has none)."""
        for item in self.items:
            if isinstance(item, Marker) and item.kind == "slot" and item.label == self.slot:
                return (item.x, item.y, item.x + item.width, item.y + item.height)
        return None


def parts_by_page(parts: list[ArticlePart]) -> dict[int, list[ArticlePart]]:
    """The parts on each page, in the order given."""
    pages: dict[int, list[ArticlePart]] = {}
    for part in parts:
        pages.setdefault(part.page, []).append(part)
    return pages
