"""Copyfit levers (调整手段): what may change, in which order and how far, to make a stack
come out even.

In: the layout's `fit:` settings when it has them (plain values), else the defaults below.
Out: `Levers`, which weights each step of a lever by its place in the order, so the sharing
search (`typeset.fit.share`) uses the first lever before the next.

The levers, in their default order:
- photo: a photo's picture taller or shorter by up to `photo_lines` grid lines or
  `photo_share` of its height, whichever is more (the crop is cut around the photo's
  `focus`), in a story or standing alone.
- headline: the 主题 in one line fewer (the size ladder steps down until it fits) — at most
  `headline_steps` lines fewer.
- spacing: the 引题/副题 spacing of a horizontal headline group tightened or opened so that
  the group takes up to `spacing_lines` grid line fewer or more
  (`typeset.compose.headline.set_headline_group`'s `spacing`).
- gap: an empty grid line between two modules of a stack, at most `gap_lines` per joint.
- foot: a story's text ending up to `foot_lines` grid lines above its slot's foot (inside the
  layout's underset limit).
- tracking: 压字/拉字, the story's text set with ± `tracking_step` or ± `tracking` em (the
  limit) between its characters (`typeset.text.prepare`); its lines then leave the 字 grid.
  On a grid of whole 字 a line changes only by whole characters: any 拉字 sets a 13-字 line
  in 12, and 压字 sets 14 from 1/12 em (0.083) on — hence the default ± 0.08 em.
Spacing is tried only for a stack that does not come out even without it, tracking only for
one that does not with spacing either.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ORDER = ("photo", "headline", "spacing", "gap", "foot", "tracking")
KNOWN = DEFAULT_ORDER
SECOND = ("spacing", "tracking")
"""Levers tried only when a stack does not come out even with the others."""


@dataclass(frozen=True)
class Levers:
    """The copyfit levers of a layout: order and limits."""

    order: tuple[str, ...] = DEFAULT_ORDER
    photo_lines: int = 4
    photo_share: float = 0.3
    headline_steps: int = 1
    gap_lines: int = 1
    foot_lines: int = 2
    spacing_lines: int = 1
    tracking: float = 0.08
    tracking_step: float = 0.02

    def weight(self, lever: str) -> float:
        """Cost of one step of `lever`: each lever costs more than all the ones before it."""
        if lever not in self.order:
            return float("inf")
        return 8.0 ** self.order.index(lever)

    def allows(self, lever: str) -> bool:
        return lever in self.order

    def beyond(self) -> float:
        """Cost of one grid line no lever gives (a line cut from a story): more than any
        lever's steps."""
        return 8.0 ** (len(self.order) + 1)

    def tracking_steps(self) -> list[float]:
        """The tracking values the lever tries, nearest to none first: −1, +1, −2, … steps."""
        if not self.allows("tracking") or self.tracking_step <= 0:
            return []
        count = int(self.tracking / self.tracking_step + 1e-9)
        return [round(sign * k * self.tracking_step, 4) for k in range(1, count + 1)
                for sign in (-1, 1)]

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
