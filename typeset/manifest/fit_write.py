"""`paiban fit --write`: stacks in edition.yaml replaced by the plain slots the fit computed.

In: the manifest's path and, per page, its containers with every item's fitted area and the
lever settings used (photo lines, headline lines and spacing, tracking). Out: the manifest rewritten with each
`stack:` slot (and each `bottom: auto`) replaced by plain slots with `at:` — comments, key
order, quoting and flow style kept by a round trip through ruamel.yaml — written atomically
(a new file renamed over the old one), the previous text kept beside it as edition.yaml.bak.
The caller loads the result again with the ordinary loader (positions, safety checks).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from typeset.model.edition import GridArea
from typeset.model.stack import Container, leaves


@dataclass(frozen=True)
class Placed:
    """What the fit gave one item."""

    area: GridArea
    photo_lines: int | None = None
    headline_lines: int | None = None
    tracking: float | None = None
    spacing: int | None = None
    slot_id: str = ""
    """The item's id as fitted: written for a label or ad that has none (its default id in a
    stack is not the one a plain slot would get)."""


class WriteRefused(Exception):
    """The manifest could not be rewritten (its text does not match what was loaded)."""


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def rewrite(text: str, pages: list[tuple[int, tuple[Container, ...], dict[str, Placed]]]
            ) -> str:
    """The manifest text with the containers of `pages` written out as plain slots."""
    # ruamel's round-trip loader builds only mappings, lists and scalars (it is based on the
    # safe constructor); the text was read and checked by the safe loader before.
    round_trip = _yaml()
    data = round_trip.load(text)
    by_number = {p.get("number"): p for p in data.get("pages") or []}
    for number, containers, placed in pages:
        page = by_number.get(number)
        if page is None or not containers:
            continue
        slots = page["slots"]
        entries = [i for i, e in enumerate(slots) if _is_container(e)]
        if len(entries) != len(containers):
            raise WriteRefused(f"page {number}: the manifest has {len(entries)} stacks, "
                               f"{len(containers)} were loaded; was it edited meanwhile?")
        for index, container in reversed(list(zip(entries, containers))):
            entry = slots[index]
            items = list(_leaf_maps(entry))
            leafs = leaves(container.root)
            if len(items) != len(leafs):
                raise WriteRefused(f"page {number}: stack {container.id} has {len(items)} "
                                   f"items in the file, {len(leafs)} were loaded")
            plain = [_plain(item, placed.get(leaf.slot_id)) for item, leaf in zip(items, leafs)]
            if "stack" not in entry:  # bottom: auto on a plain slot
                entry["at"]["bottom"] = plain[0]["at"]["bottom"]
                continue
            del slots[index]
            for k, item in enumerate(plain):
                slots.insert(index + k, item)
    out = io.StringIO()
    round_trip.dump(data, out)
    return out.getvalue()


def write_manifest(path: Path, text: str) -> Path:
    """Replace `path` by `text` atomically; the previous file is kept as `<name>.bak`."""
    backup = path.with_name(path.name + ".bak")
    shutil.copy2(path, backup)
    fd, tmp = tempfile.mkstemp(prefix=".edition-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return backup


def _is_container(entry) -> bool:
    if not isinstance(entry, dict):
        return False
    if "stack" in entry:
        return True
    at = entry.get("at")
    return isinstance(at, dict) and str(at.get("bottom", "")).strip() == "auto"


def _leaf_maps(entry):
    """The item mappings of a container entry in reading order (as typeset.model.stack.leaves)."""
    if "stack" not in entry:
        yield entry
        return
    yield from _stack_items(entry["stack"])


def _stack_items(items):
    for item in items:
        if "row" in item:
            for child in item["row"]:
                if "stack" in child:
                    yield from _stack_items(child["stack"])
                elif "row" in child:
                    yield from _stack_items([child])
                else:
                    yield child
        elif "stack" in item:
            yield from _stack_items(item["stack"])
        else:
            yield item


def _plain(item: CommentedMap, placed: Placed | None) -> CommentedMap:
    """The item as a plain slot: `at:` after its first key, `lines`/`span` gone, the levers'
    photo, headline (lines, spacing) and tracking settings written in."""
    if placed is None:
        raise WriteRefused("an item of a stack was not fitted")
    area = placed.area
    # plain ints: a span read from the manifest is a WrittenInt, which ruamel cannot write
    at = CommentedMap([("column", int(area.column)), ("span", int(area.span)),
                       ("top", int(area.top)), ("bottom", int(area.bottom))])
    at.fa.set_flow_style()
    if not isinstance(item, CommentedMap):
        item = CommentedMap(item)
    for key in ("lines", "span", "at"):
        if key in item:
            del item[key]
    item.insert(1, "at", at)
    if placed.slot_id and "id" not in item and ("label" in item or "ad" in item):
        item.insert(2, "id", placed.slot_id)
    if placed.photo_lines is not None and isinstance(item.get("photo"), dict):
        item["photo"]["lines"] = int(placed.photo_lines)
    for key, value in (("lines", placed.headline_lines), ("spacing", placed.spacing)):
        if value is None:
            continue
        value = int(value)
        head = item.get("headline")
        if isinstance(head, dict):
            head[key] = value
        elif head is None:
            head = CommentedMap([(key, value)])
            head.fa.set_flow_style()
            item["headline"] = head
    if placed.tracking is not None:
        item["tracking"] = float(placed.tracking)
    return item
