"""`make_up: auto` pages (issue 19): `items:` in priority order → `MakeupItem`s and slots.

In: the page's `MapReader`, its `SlotContext`. Out: (items, slots): each item read by
`read_slot` as a plain slot — across the whole type area while it is read (so its photo and
headline options are checked against the page), then with a provisional one-line area (one
below the other) until `typeset.makeup` places it; an item with `at:` is pinned there as
written. `over: [story ids]` on a label keeps it over those stories. `continue: {page: N}`
without `slot:` lets the engine continue the story on page N (a continuation slot is made
there). Problems at file:line:column.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from typeset.manifest.fields import MapReader, kind_of
from typeset.manifest.slots import SlotContext, read_slot
from typeset.manifest.stacks import _copy
from typeset.manifest.yamlpos import YList, YMap
from typeset.model.edition import Continue, GridArea, Slot

if TYPE_CHECKING:  # annotations only; imported where an item is made (make_up: auto pages)
    from typeset.model.makeup import MakeupItem

MAX_ITEMS = 60


def read_items(p: MapReader, ctx: SlotContext) -> tuple[list[MakeupItem], list[Slot]]:
    """The page's `items:` (in priority order) and their slots."""
    from typeset.model.makeup import MakeupItem  # only a make_up: auto page has items

    problems = ctx.problems
    entries = p.items("items", example="[{story: a01-lead}, …]")
    if len(entries) > MAX_ITEMS:
        problems.error("too-many", f"{len(entries)} items on one page; at most {MAX_ITEMS}",
                       p.at("items"))
        return [], []
    items: list[MakeupItem] = []
    slots: list[Slot] = []
    lay = ctx.layout
    line = 0
    named: list[tuple[tuple[str, ...], object]] = []
    for n, (data, where) in enumerate(zip(entries, entries.item_sources)):
        if not isinstance(data, YMap):
            problems.error("wrong-type", f"an item must be a mapping (story: …, photo: …), got "
                           f"{kind_of(data)}", where, hint="write e.g. - story: a01-lead")
            continue
        over: tuple[str, ...] = ()
        if "over" in data:
            value = data["over"]
            if not isinstance(value, YList) or not all(isinstance(v, str) for v in value):
                problems.error("wrong-type", "'over' must be a list of story ids",
                               data.value_source("over"), hint="over: [a07-zhaokezhi, a09-guba]")
            else:
                over = tuple(value)
        item = _copy(data, drop=("over",))
        pinned = "at" in item
        auto_jump = _auto_jump(item)
        if auto_jump is not None:
            del item["continue"]
        if not pinned:
            at = YMap(column=1, span=lay.columns, top=0, bottom=lay.lines)
            at.source = data.source
            at.key_sources = {k: data.source for k in at}
            at.value_sources = dict(at.key_sources)
            item["at"] = at
            item.key_sources["at"] = item.value_sources["at"] = data.source
        slot = read_slot(item, where, 3000 + n, ctx)
        if slot is None:
            continue
        if auto_jump is not None:
            slot = dataclasses.replace(slot, continue_to=Continue(
                auto_jump, f"{slot.id}-cont", source=data.value_source("continue")))
        if not pinned:
            slot = dataclasses.replace(slot, area=GridArea(1, lay.columns, line, line + 1))
            line += 1
        slots.append(slot)
        items.append(MakeupItem(slot.id, n, pinned, over, data.source))
        if over:
            named.append((over, data.value_source("over")))
    _check_over(named, slots, problems)
    return items, slots


def _check_over(named: list, slots: list[Slot], problems) -> None:
    """Every story an `over:` names must be an item of the page (else the 栏目 would stand
    over nothing, silently)."""
    stories = sorted({slot.story for slot in slots if slot.kind == "story" and slot.story})
    for over, where in named:
        for sid in over:
            if sid not in stories:
                problems.error("unknown-story", f"'over' names '{sid}', which is not a story "
                               "item of this page", where,
                               hint=f"name stories listed in items: ({', '.join(stories)})"
                               if stories else "add the story to items:, or drop over:")


def _auto_jump(item: YMap) -> int | None:
    """`continue: {page: N}` without a slot: the page the engine continues the story on."""
    value = item.get("continue")
    if isinstance(value, YMap) and "slot" not in value and isinstance(value.get("page"), int):
        return value["page"]
    return None


def add_continuations(pages: list, problems) -> list:
    """For every jump to `<slot id>-cont` that no page has (a `continue: {page: N}` of a
    make-up item, or such a jump written out by `paiban make-up --write`), an empty
    continuation slot and a make-up item on page N, which must be `make_up: auto`."""
    by_number = {page.number: k for k, page in enumerate(pages)}
    out = list(pages)
    for page in pages:
        for slot in page.slots:
            jump = slot.continue_to
            if jump is None or jump.slot != f"{slot.id}-cont" or any(
                    s.id == jump.slot for p in out if p.number == jump.page for s in p.slots):
                continue
            k = by_number.get(jump.page)
            if k is None:
                continue  # reported by the jump checks
            target = out[k]
            if target.make_up != "auto":
                if any(item.slot_id == slot.id for item in page.makeup):
                    problems.error("jump-target", f"'{slot.id}' continues on page "
                                   f"{jump.page} without a slot:, but that page is not "
                                   "make_up: auto", jump.source,
                                   hint=f"add slot: … (an empty slot on page {jump.page}), "
                                        f"or make page {jump.page} make_up: auto")
                continue
            from typeset.model.makeup import MakeupItem  # only for make_up: auto pages

            lay = target.layout
            line = len(target.slots)
            cont = Slot(jump.slot, "continuation", GridArea(1, lay.columns, line, line + 1),
                        source=jump.source)
            order = len(target.makeup)
            out[k] = dataclasses.replace(
                target, slots=target.slots + (cont,),
                makeup=target.makeup + (MakeupItem(cont.id, order, False, (), jump.source,
                                                         made=True),))
    return out
