"""Automatic make-up (issue 19): a page's items in priority order, for the engine to arrange.

In: what `typeset.manifest.makeup_items` reads from a page with `make_up: auto` and `items:`.
Out: frozen `MakeupItem`s naming the page's slots (read as plain slots with a provisional
area); `typeset.makeup` chooses a stack/row tree for them, which `typeset.fit` then resolves.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import SourceRef


@dataclass(frozen=True)
class MakeupItem:
    """One item of `items:`: its slot, its place in the priority order, and whether `at:`
    pins it; `over` names the stories a label (栏目) stands over, kept together."""

    slot_id: str
    priority: int
    pinned: bool = False
    over: tuple[str, ...] = ()
    source: SourceRef | None = None
    made: bool = False
    """A continuation slot the engine made for a `continue: {page: N}` (not in items:)."""
