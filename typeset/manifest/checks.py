"""Edition-wide checks made before any layout: what a desk editor would catch on the dummy.

In: the pages (with their slots and layouts) and the stories read. Out: errors and warnings in
`Problems`, each at the manifest line that needs fixing:
duplicate page numbers and slot ids, overlapping slots, a story placed twice, jumps whose
target page or slot is missing, holds something else, is aimed at by two stories or leads
round in a loop, headline levels the layout has no style for; warnings for continuation slots
no jump reaches and for story files no slot uses.
"""

from __future__ import annotations

from typeset.manifest.fields import Problems, closest, suggestion
from typeset.model.edition import Page, Slot
from typeset.model.folio import folio_key
from typeset.model.story import Story


def check_pages(pages: list[Page], problems: Problems) -> None:
    """Page numbers unique; slot ids unique per page; no two slots of a page overlap."""
    seen: dict[int, Page] = {}
    for page in pages:
        if page.number in seen:
            first = seen[page.number].source
            problems.error("duplicate-page", f"page {page.number} is defined twice (first at "
                           f"line {first.line if first else '?'})", page.source,
                           hint="give each page its own number")
        else:
            seen[page.number] = page
        ids: dict[str, Slot] = {}
        for slot in page.slots:
            if slot.id in ids:
                first = ids[slot.id].source
                problems.error("duplicate-slot", f"slot id '{slot.id}' is used twice on page "
                               f"{page.number} (first at line {first.line if first else '?'})",
                               slot.source, hint="give one of them another id: …")
            else:
                ids[slot.id] = slot
        _check_overlaps(page, problems)


def _check_overlaps(page: Page, problems: Problems) -> None:
    placing = {m.slot_id for m in page.makeup if not m.pinned}  # make-up places these later
    slots = [s for s in page.slots if s.id not in placing]
    for i, a in enumerate(slots):
        for b in slots[i + 1:]:
            x = min(a.area.column + a.area.span, b.area.column + b.area.span) - max(
                a.area.column, b.area.column)
            y = min(a.area.bottom, b.area.bottom) - max(a.area.top, b.area.top)
            if x > 0 and y > 0:
                line = a.source.line if a.source else "?"
                problems.error(
                    "overlap", f"slot '{b.id}' overlaps slot '{a.id}' (line {line}) on page "
                    f"{page.number}: {x} column(s) × {y} line(s) from column "
                    f"{max(a.area.column, b.area.column)}, line {max(a.area.top, b.area.top)}",
                    b.source, page=page.number, slot=b.id, hint=_overlap_hint(a, b, x, y))


def _overlap_hint(a: Slot, b: Slot, x: int, y: int) -> str:
    """The smallest move of `b` that clears `a` (bottom and span are exclusive counts)."""
    if x <= y and b.area.column > a.area.column:
        fix = f"start '{b.id}' at column: {a.area.column + a.area.span}"
    elif x <= y:
        fix = f"give '{b.id}' span: {a.area.column - b.area.column}"
    elif b.area.top >= a.area.top:
        fix = f"start '{b.id}' at top: {a.area.bottom} (bottom is exclusive)"
    else:
        fix = f"end '{b.id}' at bottom: {a.area.top}"
    return f"{fix}, or shrink '{a.id}'"


def check_stories(pages: list[Page], stories: dict[str, Story], problems: Problems) -> None:
    """A story is placed once; its headline level has a style in the page's layout; a slot
    that asks for a vertical headline holds a story that has one."""
    placed: dict[str, Slot] = {}
    for page in pages:
        for slot in page.slots:
            if slot.kind != "story" or not slot.story:
                continue
            if slot.story in placed:
                first = placed[slot.story].source
                problems.error("story-placed-twice", f"story '{slot.story}' is placed twice "
                               f"(first at line {first.line if first else '?'})", slot.source,
                               hint="to run a story on over two slots, use continue: {page: …, "
                                    "slot: …} and an empty slot with an id")
            else:
                placed[slot.story] = slot
            story = stories.get(slot.story)
            if story and story.headline and story.headline.headline:
                name = f"headline-{story.headline.level}"
                if name not in page.layout.styles:
                    problems.error("unknown-style", f"story '{story.id}' asks for headline "
                                   f"level {story.headline.level}, but layout "
                                   f"{page.layout.name} has no style '{name}'",
                                   story.source, hint="use level: 1, 2 or 3")
            elif story and slot.headline_vertical:
                problems.warn("vertical-without-headline", f"slot '{slot.id}' asks for a "
                              f"vertical headline, but story '{story.id}' has no headline:",
                              slot.source, hint="add headline: to the story's front matter, "
                              "or remove headline: vertical from the slot")


def check_jumps(pages: list[Page], problems: Problems, skipped=frozenset()) -> None:
    """Every `continue:` reaches an empty slot no other story aims at; chains end. Jumps to
    `skipped` pages (left out after an error of their own) are not reported again."""
    by_key: dict[tuple[int, str], Slot] = {}
    for page in pages:
        for slot in page.slots:
            by_key.setdefault((page.number, slot.id), slot)
    page_numbers = {p.number for p in pages}
    aimed: dict[tuple[int, str], Slot] = {}
    for page in pages:
        for slot in page.slots:
            jump = slot.continue_to
            if jump is None:
                continue
            key = (jump.page, jump.slot)
            where = jump.source or slot.source
            if jump.page in skipped:
                continue
            if jump.page not in page_numbers:
                problems.error("jump-target", f"slot '{slot.id}' continues on page {jump.page}, "
                               f"which the edition does not have", where,
                               hint=f"pages are {', '.join(map(str, sorted(page_numbers, key=folio_key)))}")
                continue
            target = by_key.get(key)
            if target is None:
                ids = [s.id for p in pages if p.number == jump.page for s in p.slots]
                near = closest(jump.slot, ids)
                if near is not None:      # a misspelt target: not also an "unused slot"
                    aimed.setdefault((jump.page, near), slot)
                problems.error("jump-target", f"slot '{slot.id}' continues in slot "
                               f"'{jump.slot}' on page {jump.page}, which does not exist",
                               where, hint=suggestion(jump.slot, ids, "slots on that page")
                               + " (add an empty slot with that id: and at:)")
                continue
            if target is slot:
                problems.error("jump-loop", f"slot '{slot.id}' continues in itself", where,
                               hint="point continue: at an empty slot on another page")
                continue
            if target.kind != "continuation":
                held = target.story or target.label or target.kind
                problems.error("jump-target", f"slot '{slot.id}' continues in slot "
                               f"'{target.id}' on page {jump.page}, which already holds "
                               f"{target.kind} '{held}'", where,
                               hint="the target must be an empty slot: only id: and at:")
                continue
            if key in aimed:
                problems.error("jump-target", f"slots '{aimed[key].id}' and '{slot.id}' both "
                               f"continue in '{target.id}' on page {jump.page}", where,
                               hint="give each continuation its own empty slot")
                continue
            aimed[key] = slot
    _check_loops(pages, by_key, problems)
    for page in pages:
        for slot in page.slots:
            if slot.kind == "continuation" and (page.number, slot.id) not in aimed:
                problems.warn("unused-slot", f"empty slot '{slot.id}' on page {page.number} "
                              "is not the target of any continue:", slot.source,
                              page=page.number, slot=slot.id,
                              hint="it will stay empty: add continue: {page: "
                                   f"{page.number}, slot: {slot.id}}} to a story slot, or "
                                   "remove it")


def _check_loops(pages: list[Page], by_key: dict[tuple[int, str], Slot],
                 problems: Problems) -> None:
    reported: set[int] = set()
    for page in pages:
        for slot in page.slots:
            seen = [slot]
            current = slot
            while current.continue_to is not None:
                nxt = by_key.get((current.continue_to.page, current.continue_to.slot))
                if nxt is None or nxt is current:
                    break
                at = next((i for i, s in enumerate(seen) if s is nxt), -1)
                if at >= 0:
                    if id(nxt) not in reported:
                        reported.update(id(s) for s in seen)
                        chain = " → ".join(s.id for s in seen[at:] + [nxt])
                        problems.error("jump-loop", f"continuations go round in a loop: "
                                       f"{chain}", nxt.continue_to.source or nxt.source,
                                       hint="end the chain: remove one continue:")
                    break
                seen.append(nxt)
                current = nxt
