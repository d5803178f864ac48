"""`paiban make-up --write`: a `make_up: auto` page's `items:` replaced by the chosen tree.

In: the manifest text, the page number, the trees chosen (`Container`s), the slots given a
竖题, and the slot id of each item. Out: the manifest text with that page written as stacks
and rows (`slots:`), every item's own keys, comments and formatting kept (ruamel.yaml round
trip), pinned items (`at:`) kept where they are, `continue: {page: N}` given the slot the
engine made (`<id>-cont`); or just the page's YAML, for printing.
"""

from __future__ import annotations

import io

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from typeset.manifest.fit_write import WriteRefused, _yaml
from typeset.model.stack import Container, Leaf, Node, Row, Stack


def rewrite_page(text: str, number: int, containers: tuple[Container, ...],
                 vertical: tuple[str, ...], item_ids: list[str],
                 photo_spans: dict[str, int] | None = None) -> tuple[str, str]:
    """(the whole manifest, the page's YAML alone) with the page's items as the tree."""
    # ruamel's round-trip loader builds only mappings, lists and scalars (it is based on the
    # safe constructor); the text was read and checked by the safe loader before.
    round_trip = _yaml()
    data = round_trip.load(text)
    page = next((p for p in data.get("pages") or [] if p.get("number") == number), None)
    if page is None or "items" not in page:
        raise WriteRefused(f"page {number} has no items: in the manifest")
    items = list(page["items"])
    if len(items) != len([i for i in item_ids if i is not None]):
        raise WriteRefused(f"page {number}: the manifest has {len(items)} items, "
                           f"{len(item_ids)} were loaded; was it edited meanwhile?")
    by_id: dict[str, CommentedMap] = {}
    pinned = []
    for item, slot_id in zip(items, item_ids):
        if "over" in item:
            del item["over"]
        jump = item.get("continue")
        if isinstance(jump, dict) and "slot" not in jump:
            jump["slot"] = f"{slot_id}-cont"
        if "at" in item:
            pinned.append(item)
        photo = item.get("photo")
        span = (photo_spans or {}).get(slot_id)
        if span and "story" in item and isinstance(photo, dict) and "span" not in photo:
            photo["span"] = span  # as the engine sized it
        by_id[slot_id] = item
    slots = page.get("slots")
    if not isinstance(slots, list):
        slots = CommentedSeq()
    for container in containers:
        entry = CommentedMap()
        at = CommentedMap([("column", container.column), ("span", container.span),
                           ("top", container.top), ("bottom", container.bottom)])
        at.fa.set_flow_style()
        entry["at"] = at
        entry["stack"] = _items(container.root, by_id, set(vertical))
        slots.append(entry)
    for item in pinned:
        slots.append(item)
    for key in ("make_up", "items"):
        if key in page:
            del page[key]
    page["slots"] = slots
    whole, alone = io.StringIO(), io.StringIO()
    round_trip.dump(data, whole)
    round_trip.dump([page], alone)
    return whole.getvalue(), alone.getvalue()


def _items(node: Stack, by_id: dict, vertical: set[str]) -> CommentedSeq:
    """A stack's items in manifest form (nested stacks flattened into it)."""
    out = CommentedSeq()
    for child in node.children:
        if isinstance(child, Stack):
            out.extend(_items(child, by_id, vertical))
        else:
            out.append(_node(child, by_id, vertical))
    return out


def _node(node: Node, by_id: dict, vertical: set[str]):
    if isinstance(node, Leaf):
        item = by_id.get(node.slot_id)
        if item is None:  # a continuation slot the engine made
            item = CommentedMap([("id", node.slot_id)])
            item.fa.set_flow_style()
        if node.slot_id in vertical and item.get("headline") is None:
            item["headline"] = "vertical"
        return item
    if isinstance(node, Row):
        row = CommentedSeq()
        for child in node.children:
            if isinstance(child, Stack) and len(child.children) == 1 and isinstance(
                    child.children[0], Leaf):
                child = child.children[0]
            if isinstance(child, Leaf):
                single = CommentedMap([("span", child.span)])
                for key, value in _node(child, by_id, vertical).items():
                    single[key] = value
                row.append(single)
            else:
                group = CommentedMap([("span", child.span)])
                group["stack"] = (_items(child, by_id, vertical) if isinstance(child, Stack)
                                  else CommentedSeq([_node(child, by_id, vertical)]))
                row.append(group)
        return CommentedMap([("row", row)])
    return CommentedMap([("stack", _items(node, by_id, vertical))])
