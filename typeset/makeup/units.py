"""Make-up units: a page's items grouped as the desk keeps them together.

In: a page's `MakeupItem`s and slots. Out: `Unit`s in priority order — one item, or a label
(栏目) with the stories it stands `over` — with what the rules need to know about each: a
story with a horizontal headline at its top, a photo, a box.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.model.edition import Page, Slot


@dataclass(frozen=True)
class Unit:
    """Items stacked together (a label over its stories, or one item)."""

    ids: tuple[str, ...]
    priority: int
    headed: bool
    """Starts with a story with a horizontal headline (what 撞题 is about)."""
    photo: bool
    box: bool
    story: bool
    level: int = 9
    """The headline level of its first story (1 = the largest)."""


def page_units(page: Page, stories: dict) -> list[Unit]:
    """The units of a make-up page's unpinned items, in priority order."""
    by_id = {s.id: s for s in page.slots}
    story_slot = {s.story: s.id for s in page.slots if s.story}
    taken: set[str] = set()
    units: list[Unit] = []
    for item in page.makeup:
        if item.pinned or item.slot_id in taken:
            continue
        ids = [item.slot_id]
        for story_id in item.over:
            sid = story_slot.get(story_id, story_id)
            if sid in by_id and sid not in taken and sid not in ids:
                ids.append(sid)
        taken.update(ids)
        slots = [by_id[i] for i in ids]
        units.append(_unit(tuple(ids), item.priority, slots, stories))
    return units


def _unit(ids: tuple[str, ...], priority: int, slots: list[Slot], stories: dict) -> Unit:
    first = slots[0]
    story = stories.get(first.story or "")
    headed = first.kind == "story" and bool(story and story.headline and
                                            story.headline.headline) and not (
        first.headline_vertical)
    level = story.headline.level if story and story.headline else 9
    return Unit(ids, priority, headed, any(s.photo is not None for s in slots),
                any(s.box for s in slots), any(s.kind == "story" for s in slots), level)
