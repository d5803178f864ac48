"""Text columns of a slot in grid units: where each column is and which grid lines it may use.

In: a slot's rectangle split into text columns, minus what its headline group and photo block
take. Out: `Column`s in reading order (left to right); body lines flow down each column in turn.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One text column: left edge x and width in pt, grid lines [top, bottom) it may hold."""

    x: float
    width: float
    top: int
    bottom: int

    @property
    def capacity(self) -> int:
        """How many body lines fit."""
        return max(0, self.bottom - self.top)

    def capacity_to(self, level: int) -> int:
        """How many body lines fit when the column must end at grid line `level`."""
        return max(0, min(level, self.bottom) - self.top)


def total_capacity(columns: tuple[Column, ...]) -> int:
    """Lines the columns hold together."""
    return sum(c.capacity for c in columns)


def reserve_last_line(columns: tuple[Column, ...]) -> tuple[tuple[Column, ...], Column | None]:
    """Take the last grid line of the last non-empty column (for a jump line).

    Returns the shortened columns and the one-line column taken (None when there is no room).
    """
    for i in range(len(columns) - 1, -1, -1):
        col = columns[i]
        if col.capacity > 0:
            taken = Column(col.x, col.width, col.bottom - 1, col.bottom)
            shorter = Column(col.x, col.width, col.top, col.bottom - 1)
            return columns[:i] + (shorter,) + columns[i + 1:], taken
    return columns, None
