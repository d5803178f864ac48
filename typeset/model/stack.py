"""Stacks and rows (issue 18): a slot that is a container of items, fitted by height.

In: what `typeset.manifest.stacks` reads from a slot with `stack:` (or a plain slot with
`bottom: auto`). Out: a frozen tree the fitting pass (`typeset.fit`) resolves to plain slots.
Leaves name a `Slot` of the page by id: the loader puts every leaf's slot on the page with a
provisional area (the box shared out evenly), so the edition-wide checks see them; the fitting
pass replaces those areas by the heights the text needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import SourceRef


@dataclass(frozen=True)
class Leaf:
    """One item of a stack: the page's slot `slot_id`, at `column`/`span` (base columns)."""

    slot_id: str
    column: int
    span: int
    lines: int = 0
    """A fixed height in grid lines (`lines: 12`); 0 = as tall as it needs."""
    elastic: bool = False
    """A story with `continue:` (takes what is left and jumps the rest), or an empty
    continuation slot (takes what is left)."""
    source: SourceRef | None = None


@dataclass(frozen=True)
class Stack:
    """Items top to bottom across `span` base columns from `column`."""

    column: int
    span: int
    children: tuple[Node, ...]
    source: SourceRef | None = None


@dataclass(frozen=True)
class Row:
    """Items side by side, each `span` base columns wide, all as tall as the row."""

    column: int
    span: int
    children: tuple[Node, ...]
    source: SourceRef | None = None


Node = Leaf | Stack | Row


@dataclass(frozen=True)
class Container:
    """A slot that is a stack: its box on the grid and the tree inside it.

    `bottom` is the first grid line below the box, or -1 for `bottom: auto` (as tall as the
    items need)."""

    id: str
    column: int
    span: int
    top: int
    bottom: int
    root: Stack
    source: SourceRef | None = None

    @property
    def auto(self) -> bool:
        """True for `bottom: auto`."""
        return self.bottom < 0


def leaves(node: Node) -> list[Leaf]:
    """Every leaf of a tree, in reading order (top to bottom, left to right)."""
    if isinstance(node, Leaf):
        return [node]
    out: list[Leaf] = []
    for child in node.children:
        out.extend(leaves(child))
    return out
