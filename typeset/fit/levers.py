"""Copyfit levers (调整手段): what may change, in which order and how far, to make a stack
come out even.

In: the layout's `fit:` settings when it has them (plain values), else the defaults below.
Out: `Levers`, which weights each step of a lever by its place in the order, so the sharing
search (`typeset.fit.share`) uses the first lever before the next.

The levers, in their default order:
- photo: a photo's picture taller or shorter by up to `photo_lines` grid lines (the crop is
  cut around the photo's `focus`); a standalone photo by up to `photo_share` of its height.
- headline: the 主题 in one line fewer (the size ladder steps down until it fits) — at most
  `headline_steps` lines fewer.
- gap: an empty grid line between two modules of a stack, at most `gap_lines` per joint.
- foot: a story's text ending up to `foot_lines` grid lines above its slot's foot (inside the
  layout's underset limit).
Kicker/deck spacing and tracking (压字/拉字) are listed for the order but are not applied yet:
the composer has no hook for them (reported by `paiban fit` when they would be needed).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ORDER = ("photo", "headline", "gap", "foot")
KNOWN = DEFAULT_ORDER + ("spacing", "tracking")


@dataclass(frozen=True)
class Levers:
    """The copyfit levers of a layout: order and limits."""

    order: tuple[str, ...] = DEFAULT_ORDER
    photo_lines: int = 4
    photo_share: float = 0.3
    headline_steps: int = 1
    gap_lines: int = 1
    foot_lines: int = 2

    def weight(self, lever: str) -> float:
        """Cost of one step of `lever`: each lever costs more than all the ones before it."""
        if lever not in self.order:
            return float("inf")
        return 8.0 ** self.order.index(lever)

    def allows(self, lever: str) -> bool:
        return lever in self.order

    @classmethod
    def from_mapping(cls, data: dict | None, underset_lines: int = 3) -> Levers:
        """From a layout's `fit:` mapping (order: [...], photo_lines: 4, …); the foot never
        beyond the layout's underset limit."""
        data = dict(data or {})
        order = tuple(data.pop("order", DEFAULT_ORDER))
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        levers = cls(order=tuple(o for o in order if o in KNOWN), **values)
        if levers.foot_lines > underset_lines:
            levers = cls(**{**levers.__dict__, "foot_lines": underset_lines})
        return levers
