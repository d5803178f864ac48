"""Stacks and rows in edition.yaml (issue 18) → `typeset.model.stack.Container` + its slots.

In: one entry of a page's `slots:` that has `stack:` (a container), or a plain slot whose
`at:` says `bottom: auto`. Out: the container tree and one `Slot` per item, read by
`read_slot` as if the item had an `at:` of its own (so every slot key, check and message is
the same as for a plain slot). Each item's slot gets a provisional area (the box shared out
evenly) for the edition-wide checks; `typeset.fit` gives it its real height. Problems go to
`Problems` at file:line:column.

    - at: {column: 1, span: 5, top: 0, bottom: 100}
      stack:
        - story: a01-hanzheng
        - row:
            - span: 2
              stack: [{story: a06-jinbabuwei, headline: vertical}, {story: a12-kailuo}]
            - {span: 3, story: a04-niriliya}
        - {label: 聚焦安全生产, lines: 3}
"""

from __future__ import annotations

from typeset.diagnostics import SourceRef
from typeset.manifest.fields import MapReader, kind_of
from typeset.manifest.slots import AT_KEYS, SlotContext, read_area, read_slot
from typeset.manifest.yamlpos import YList, YMap
from typeset.model.edition import GridArea, Slot
from typeset.model.stack import Container, Leaf, Node, Row, Stack

CONTAINER_KEYS = ("id", "at", "stack")
MAX_DEPTH = 8
MAX_ITEMS = 100


def is_container(data: object) -> bool:
    """True for a slot entry that `read_container` reads: `stack:`, or `bottom: auto`."""
    if not isinstance(data, YMap):
        return False
    if "stack" in data:
        return True
    at = data.get("at")
    return isinstance(at, YMap) and _is_auto(at.get("bottom"))


def _is_auto(value: object) -> bool:
    return isinstance(value, str) and value.strip() == "auto"


class _Reader:
    """Reads one container: its items' slots and the tree, with a running slot index."""

    def __init__(self, ctx: SlotContext, index: int):
        self.ctx = ctx
        self.index = index
        self.slots: list[Slot] = []
        self.count = 0
        self.top = 0
        self.bottom = 0

    def item(self, data: object, where: SourceRef, column: int, span: int, depth: int
             ) -> Node | None:
        """A stack item: a nested row or stack, or a slot form without at:."""
        problems = self.ctx.problems
        if depth > MAX_DEPTH:
            problems.error("too-deep", f"stacks and rows nested more than {MAX_DEPTH} deep",
                           where, hint="flatten the tree")
            return None
        if not isinstance(data, YMap):
            problems.error("wrong-type", f"a stack item must be a mapping (story: …, photo: …, "
                           f"label: …, ad: …, id: … or row: […]), got {kind_of(data)}", where,
                           hint="write e.g. - story: a10-lead")
            return None
        if "row" in data or "stack" in data:
            key = "row" if "row" in data else "stack"
            r = MapReader(data, problems, f"a {key} in a stack", (key,), where=where)
            return self.group(key, r, column, span, depth + 1)
        if "at" in data:
            problems.error("not-here", "an item inside a stack takes no at: (the stack places "
                           "it)", data.key_source("at"),
                           hint="remove at:, or give the item lines: N to fix its height")
            return None
        return self.leaf(data, where, column, span)

    def group(self, key: str, r: MapReader, column: int, span: int, depth: int
              ) -> Node | None:
        """`stack: [...]` or `row: [...]` read from `r`."""
        problems = self.ctx.problems
        items = r.items(key, required=True, example="[{story: …}]")
        if not items:
            if r.has(key):
                problems.error("empty-stack", f"this {key} has no items", r.at(key),
                               hint="add items, e.g. - story: a10-lead")
            return None
        if len(items) > MAX_ITEMS:
            problems.error("too-many", f"{len(items)} items in one {key}; at most {MAX_ITEMS}",
                           r.at(key))
            return None
        if key == "stack":
            children = [self.item(d, w, column, span, depth)
                        for d, w in zip(items, items.item_sources)]
            kids = tuple(c for c in children if c is not None)
            return Stack(column, span, kids, r.source) if kids else None
        return self.row(items, r, column, span, depth)

    def row(self, items: YList, r: MapReader, column: int, span: int, depth: int
            ) -> Node | None:
        problems = self.ctx.problems
        spans = []
        for data in items:
            value = data.get("span") if isinstance(data, YMap) else None
            spans.append(value if isinstance(value, int) and not isinstance(value, bool)
                         and value >= 1 else 0)
        for data, where, s in zip(items, items.item_sources, spans):
            if not s:
                src = data.value_source("span") if isinstance(data, YMap) and "span" in data \
                    else where
                problems.error("row-span", "each item of a row needs span: (base columns, "
                               "a whole number ≥ 1)", src, hint="write e.g. - span: 2")
        if not all(spans):
            return None
        if sum(spans) != span:
            problems.error("row-span", f"the spans of this row add up to {sum(spans)} base "
                           f"columns, but the row is {span} wide ({' + '.join(map(str, spans))})",
                           r.at("row"), hint=f"make the spans add up to {span}")
            return None
        children = []
        col = column
        for data, where, s in zip(items, items.item_sources, spans):
            children.append(self.row_child(data, where, col, s, depth))
            col += s
        kids = tuple(c for c in children if c is not None)
        return Row(column, span, kids, r.source) if len(kids) == len(children) else None

    def row_child(self, data: YMap, where: SourceRef, column: int, span: int, depth: int
                  ) -> Node | None:
        """A row item: span: plus one stack:/row: or the keys of a single item."""
        if "stack" in data or "row" in data:
            key = "stack" if "stack" in data else "row"
            r = MapReader(data, self.ctx.problems, "an item of a row", ("span", key),
                          where=where)
            return self.group(key, r, column, span, depth + 1)
        rest = _copy(data, drop=("span",))
        return self.item(rest, where, column, span, depth + 1)

    def leaf(self, data: YMap, where: SourceRef, column: int, span: int) -> Leaf | None:
        ctx, problems = self.ctx, self.ctx.problems
        lines = 0
        if "lines" in data:
            r = MapReader(_only(data, ("lines",)), problems, "a stack item", ("lines",),
                          where=where)
            lines = r.integer("lines", 0, low=1, high=ctx.layout.lines, example="12")
        bottom = self.bottom if self.bottom > 0 else ctx.layout.lines
        item = _copy(data, drop=("lines",))
        at = YMap(column=column, span=span, top=self.top, bottom=bottom)
        at.source = data.source
        at.key_sources = {k: data.source for k in at}
        at.value_sources = dict(at.key_sources)
        item["at"] = at
        item.key_sources["at"] = item.value_sources["at"] = data.source
        slot = read_slot(item, where, (self.index + 1) * 1000 + self.count, ctx)
        self.count += 1
        if slot is None:
            return None
        if "id" not in data and any(s.id == slot.id for s in self.slots):
            # the same photo (or story) twice in a stack without ids: number the later ones
            import dataclasses

            taken = {s.id for s in self.slots}
            n = 2
            while f"{slot.id}-{n}" in taken:
                n += 1
            slot = dataclasses.replace(slot, id=f"{slot.id}-{n}")
        self.slots.append(slot)
        elastic = slot.kind == "continuation" or (slot.kind == "story"
                                                  and slot.continue_to is not None)
        return Leaf(slot.id, column, span, lines, elastic and not lines, data.source)


def read_container(data: YMap, where: SourceRef, index: int, ctx: SlotContext
                   ) -> tuple[Container | None, list[Slot]]:
    """A `stack:` slot, or a plain slot with `bottom: auto` → (Container, its items' slots)."""
    problems = ctx.problems
    reader = _Reader(ctx, index)
    if "stack" in data:
        r = MapReader(data, problems, f"stack slot {index + 1} of page {ctx.page}",
                      CONTAINER_KEYS, where=where)
    else:
        r = MapReader(_only(data, ("at",)), problems, f"slot {index + 1} of page {ctx.page}",
                      ("at",), where=where)
    area, auto = _box(r, ctx)
    if area is None:
        return None, []
    reader.top, reader.bottom = area.top, -1 if auto else area.bottom
    if "stack" in data:
        root = reader.group("stack", r, area.column, area.span, 1)
        cid = r.text("id", f"stack-{ctx.page}-{index + 1}", max_chars=100)
    else:
        item = _copy(data, drop=("at",))
        leaf = reader.leaf(item, where, area.column, area.span)
        root = Stack(area.column, area.span, (leaf,), data.source) if leaf else None
        cid = leaf.slot_id if leaf else ""
    if root is None or not isinstance(root, Stack):
        return None, reader.slots
    container = Container(cid, area.column, area.span, area.top, -1 if auto else area.bottom,
                          root, r.source)
    slots = _provisional(container, reader.slots, ctx)
    return container, slots


FRONT_PAGE_TOP = 10
"""A stack on page 1 with no top: starts below the masthead's lines (as the sample's slots)."""


def _box(r: MapReader, ctx: SlotContext) -> tuple[GridArea | None, bool]:
    """The container's `at:`, what it leaves out taken from the type area (the whole width,
    from the top — below the masthead on page 1 — to the foot); `bottom: auto` is read as a
    one-line box (the fit sets it)."""
    at = r.raw("at")
    lay = ctx.layout
    source = r.at("at") if at is not None else r.source
    if at is None:
        at = YMap()
        at.source, at.key_sources, at.value_sources = source, {}, {}
    if not isinstance(at, YMap):
        return read_area(r, ctx), False
    copy = _copy(at, drop=())
    defaults = {"column": 1, "top": FRONT_PAGE_TOP if ctx.page == 1 else 0}
    for key, value in defaults.items():
        if key not in copy:
            copy[key] = value
            copy.key_sources[key] = copy.value_sources[key] = source
    if "span" not in copy and isinstance(copy["column"], int):
        copy["span"] = max(1, lay.columns - copy["column"] + 1)
        copy.key_sources["span"] = copy.value_sources["span"] = source
    auto = _is_auto(at.get("bottom"))
    if auto:
        del copy["bottom"]
        copy["lines"] = 1
        copy.key_sources["lines"] = copy.value_sources["lines"] = at.value_source("bottom")
    elif "bottom" not in copy and "lines" not in copy:
        copy["bottom"] = lay.lines
        copy.key_sources["bottom"] = copy.value_sources["bottom"] = source
    probe = _copy(r.data, drop=())
    probe["at"] = copy
    probe.key_sources.setdefault("at", source)
    probe.value_sources.setdefault("at", source)
    area = read_area(MapReader(probe, ctx.problems, "slot", tuple(probe)), ctx)
    if area is None:
        return None, auto
    return (GridArea(area.column, area.span, area.top, area.top + 1) if auto else area), auto


def _provisional(container: Container, slots: list[Slot], ctx: SlotContext) -> list[Slot]:
    """The items' slots with areas that share the box out evenly (for the load-time checks);
    a `bottom: auto` box gets one line per item."""
    import dataclasses

    areas: dict[str, GridArea] = {}
    if container.auto:
        _share(container.root, container.top, container.top + _count(container.root), areas,
               ctx, True)
    else:
        _share(container.root, container.top, container.bottom, areas, ctx, False)
    return [dataclasses.replace(s, area=areas.get(s.id, s.area)) for s in slots]


def _count(node: Node) -> int:
    """Lines a tree takes at one line per item."""
    if isinstance(node, Leaf):
        return 1
    if isinstance(node, Row):
        return max(_count(c) for c in node.children)
    return sum(_count(c) for c in node.children)


def _share(node: Node, top: int, bottom: int, areas: dict[str, GridArea], ctx: SlotContext,
           auto: bool) -> None:
    if isinstance(node, Leaf):
        areas[node.slot_id] = GridArea(node.column, node.span, top, max(bottom, top + 1))
        return
    if isinstance(node, Row):
        for child in node.children:
            _share(child, top, bottom, areas, ctx, auto)
        return
    n = len(node.children)
    height = bottom - top
    if height < _count(node):
        ctx.problems.error("stack-too-small", f"this stack has {_count(node)} items one above "
                           f"the other but its box only {height} grid lines", node.source,
                           hint="make the box taller or move items out")
        return
    y = top
    for k, child in enumerate(node.children):
        size = _count(child) if auto else max(height // n, _count(child))
        rest = sum(_count(c) for c in node.children[k + 1:])
        end = bottom if k == n - 1 else min(y + size, bottom - rest)
        _share(child, y, max(end, y + 1), areas, ctx, auto)
        y = end


def _copy(data: YMap, drop: tuple[str, ...]) -> YMap:
    """A copy of a positioned mapping without the keys `drop`."""
    out = YMap({k: v for k, v in data.items() if k not in drop})
    out.source = data.source
    out.key_sources = {k: v for k, v in data.key_sources.items() if k not in drop}
    out.value_sources = {k: v for k, v in data.value_sources.items() if k not in drop}
    return out


def _only(data: YMap, keep: tuple[str, ...]) -> YMap:
    """A copy of a positioned mapping with only the keys `keep`."""
    return _copy(data, tuple(k for k in data if k not in keep))


__all__ = ["AT_KEYS", "is_container", "read_container"]
