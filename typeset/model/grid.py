"""The page grid: columns and baseline-grid lines resolved to points once, by plain arithmetic.

In: a `Layout` and `GridArea`s in grid units. Out: `Rect`s (top-left origin, points) and the
baseline y of any grid line, so every body line on a page sits on one grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.model.edition import GridArea
from typeset.model.layout import Layout
from typeset.units import snap

# Where the baseline sits inside a grid line of body type: the ideographic em box (ascent
# 0.88 em, descent 0.12 em, as in Noto CJK and most CJK faces) is centred in the line band.
EM_BOX_ASCENT = 0.88


@dataclass(frozen=True)
class Rect:
    """A rectangle in points, top-left origin."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class PageGrid:
    """The grid of one layout: where columns and lines are on the trimmed page."""

    layout: Layout

    @property
    def left(self) -> float:
        """x of the type area's left edge."""
        return self.layout.margins.left

    @property
    def top(self) -> float:
        """y of the type area's top edge (top of grid line 0)."""
        return self.layout.margins.top

    def column_x(self, column: int) -> float:
        """x of the left edge of base column `column` (1-based)."""
        lay = self.layout
        return snap(self.left + (column - 1) * (lay.column_width + lay.gutter))

    def span_width(self, span: int) -> float:
        """Width of `span` adjacent base columns with the gutters between them."""
        lay = self.layout
        return snap(span * lay.column_width + (span - 1) * lay.gutter)

    def line_top(self, line: int) -> float:
        """y of the top of grid line `line` (0-based)."""
        return snap(self.top + line * self.layout.line_pitch)

    def baseline(self, line: int) -> float:
        """y of the body baseline of grid line `line`."""
        lay = self.layout
        offset = (lay.line_pitch - lay.body_size) / 2 + EM_BOX_ASCENT * lay.body_size
        return snap(self.line_top(line) + offset)

    def area_rect(self, area: GridArea) -> Rect:
        """The rectangle of a slot's grid area."""
        return Rect(
            self.column_x(area.column),
            self.line_top(area.top),
            self.span_width(area.span),
            snap(area.lines * self.layout.line_pitch),
        )

    def type_area(self) -> Rect:
        """The whole type area (版心)."""
        lay = self.layout
        return Rect(self.left, self.top, snap(lay.type_width), snap(lay.type_height))

    def lines_for(self, height: float) -> int:
        """Whole grid lines needed to hold `height` pt (占行: round up)."""
        pitch = self.layout.line_pitch
        whole = int(height // pitch)
        return whole if abs(whole * pitch - height) < 1e-6 else whole + 1
