"""The headline lever of make-up: the lead (头条) has the page's largest headline.

In: an `Edition` whose `make_up: auto` pages list their items in priority order. Out: the
edition with, on each such page, the lead's 主题 raised to level 1 when another story's is
as large, and every other story whose level is not below the lead's set one level smaller
(level 2), with an info diagnostic per story changed saying so (the story file is not
touched; writing `level:` in it keeps the desk's choice). Stories already in order are left
as they are.
"""

from __future__ import annotations

from dataclasses import replace

from typeset.diagnostics import Diagnostic, info
from typeset.model.edition import Edition


def headline_levels(edition: Edition) -> tuple[Edition, list[Diagnostic]]:
    """(the edition with its make-up pages' headline levels in order, what was changed)."""
    stories = dict(edition.stories)
    diags: list[Diagnostic] = []
    for page in edition.pages:
        if page.make_up != "auto" or not page.makeup:
            continue
        by_id = {s.id: s for s in page.slots}
        ids = [by_id[m.slot_id].story for m in page.makeup
               if not m.pinned and m.slot_id in by_id and by_id[m.slot_id].kind == "story"]
        heads = [i for i in ids if i in stories and stories[i].headline is not None
                 and stories[i].headline.headline]
        if len(heads) < 2 or heads[0] != ids[0]:
            continue  # no lead story, or only one headline on the page
        lead, others = heads[0], heads[1:]
        level = stories[lead].headline.level
        if all(stories[o].headline.level > level for o in others):
            continue
        changes = []
        if level > 1:
            changes.append((lead, 1, "the lead's headline is set at level 1"))
            level = 1
        for other in others:
            if stories[other].headline.level <= level:
                changes.append((other, level + 1, f"set at level {level + 1}, below the "
                                                  f"lead ({lead})"))
        for story_id, new, why in changes:
            story = stories[story_id]
            stories[story_id] = replace(story, headline=replace(story.headline, level=new))
            diags.append(info(
                "make-up-headline", f"page {page.number}: '{story_id}' {why} (the lead has "
                "the page's largest headline)", page=page.number, story=story_id,
                source=page.source, hint=f"write level: {new} in stories/{story_id}.md to "
                                         "keep it, or reorder the items"))
    return replace(edition, stories=stories), diags
