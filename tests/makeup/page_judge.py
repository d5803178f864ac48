"""The judged criteria of a made-up page (issue 19), measured on the built result.

In: the edition as loaded (its `items:` lists, before make-up), the edition as built, the
composed `Document`, the `StoryResult`s and the page's number. Out: a `Verdict` — what is
overset, the share of the type area used, the 撞题 pairs, the lead's headline (size, place),
the items lost — measured from the drawn page (frame items, lines set), never from the
make-up's own score, so a test that passes on it passes on what a reader would see.

- overset: a story with text left over (`StoryResult.overset_text`).
- used: grid cells covered by what is printed — a story's slot down to its last line set, a
  photo, label or ad slot whole — over the free type area (the front page less its masthead).
- 撞题: two stories' horizontal 主题 (glyph runs of a headline style) in columns side by side
  (one ends where the other starts) whose lines overlap in height.
- lead: the first item's 主题 at least as large as every other story's, strictly larger
  when it is not the only story, and its top in the top quarter of the free type area.
- lost: an item with no slot on the page, a story not set there (not in any chain), a photo
  whose picture is not drawn, a label or ad whose text is not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typeset.frame import GlyphRun, ImageItem
from typeset.model.grid import PageGrid

MASTHEAD_LINES = 10
"""Lines the front page keeps for the masthead (typeset.makeup.pass_.MASTHEAD_LINES)."""


@dataclass
class Verdict:
    page: int
    overset: list[str] = field(default_factory=list)
    used: float = 0.0
    collisions: list[tuple[str, str]] = field(default_factory=list)
    lead: str = ""
    lead_size: float = 0.0
    largest_other: float = 0.0
    lead_top: float = 1.0
    """The lead's 主题 top as a share of the free type area's height (0 = its top)."""
    lost: list[str] = field(default_factory=list)

    def failures(self) -> list[str]:
        """The criteria the page breaks, each with what was measured."""
        out = []
        if self.overset:
            out.append(f"overset: {self.overset}")
        if self.used < 0.9:
            out.append(f"type area used {self.used:.1%} < 90%")
        if self.collisions:
            out.append(f"撞题: {self.collisions}")
        if not self.lead_size or (self.largest_other and self.lead_size <= self.largest_other):
            out.append(f"lead {self.lead}'s 主题 {self.lead_size:g} pt, another "
                       f"{self.largest_other:g} pt")
        if self.lead_top >= 0.25:
            out.append(f"lead's 主题 at {self.lead_top:.0%} of the page's height")
        if self.lost:
            out.append(f"lost: {self.lost}")
        return out


def judge(loaded, built, document, stories, number: int) -> Verdict:
    """The verdict on page `number` (see the module docstring)."""
    before = next(p for p in loaded.pages if p.number == number)
    page = next(p for p in built.pages if p.number == number)
    frame = next(f for f in document.pages if f.number == number)
    lay = page.layout
    grid = PageGrid(lay)
    top = MASTHEAD_LINES if page.is_front else 0
    v = Verdict(number)
    by_id = {s.id: s for s in page.slots}
    results = {r.story: r for r in stories}
    outputs = {(o.page, o.slot): o for r in stories for o in r.slots}
    v.overset = sorted(r.story for r in stories if r.overset_text and any(
        o.page == number for o in r.slots))

    # used: cells covered by what is printed
    cells: set[tuple[int, int]] = set()
    for slot in page.slots:
        a = slot.area
        bottom = a.bottom
        if slot.kind in ("story", "continuation"):
            out = outputs.get((number, slot.id))
            bottom = a.top + (out.lines_used if out else 0)
        for c in range(a.column, a.column + a.span):
            for line in range(max(a.top, top), min(bottom, a.bottom, lay.lines)):
                cells.add((c, line))
    v.used = len(cells) / (lay.columns * (lay.lines - top))

    # headlines as drawn: per story on this page, the 主题 runs of its first slot here
    heads: dict[str, tuple[float, float, float, int, int]] = {}
    for slot in page.slots:
        out = outputs.get((number, slot.id))
        if slot.kind != "story" or out is None:
            continue
        runs = [i for i in out.items if isinstance(i, GlyphRun)
                and i.role.startswith("headline-") and not i.vertical]
        if not runs:
            continue
        y0 = min(r.y - 0.88 * r.size for r in runs)
        y1 = max(r.y + 0.12 * r.size for r in runs)
        heads[slot.id] = (y0, y1, max(r.size for r in runs), slot.area.column,
                          slot.area.column + slot.area.span)
    ids = sorted(heads)
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            ax, ay = heads[x], heads[y]
            side = ax[4] == ay[3] or ay[4] == ax[3]
            if side and max(ax[0], ay[0]) < min(ax[1], ay[1]):
                v.collisions.append((x, y))

    # the lead: the first unpinned item
    first = next((m for m in before.makeup if not m.pinned and not m.made), None)
    if first is not None:
        v.lead = first.slot_id
        sizes = {}
        for slot in page.slots:
            out = outputs.get((number, slot.id))
            if slot.kind == "story" and out is not None:
                runs = [i for i in out.items if isinstance(i, GlyphRun)
                        and i.role.startswith("headline-")]
                if runs:
                    sizes[slot.id] = max(r.size for r in runs)
        v.lead_size = sizes.get(v.lead, 0.0)
        v.largest_other = max((s for k, s in sizes.items() if k != v.lead), default=0.0)
        if v.lead in heads:
            free_top = grid.line_top(top)
            v.lead_top = (heads[v.lead][0] - free_top) / (lay.line_pitch * (lay.lines - top))
        elif v.lead in by_id and by_id[v.lead].kind == "story":
            v.lead_top = (by_id[v.lead].area.top - top) / (lay.lines - top)

    # nothing lost
    drawn_images = {i.source for i in frame.items if isinstance(i, ImageItem)}
    text = "".join(i.text for i in frame.items if isinstance(i, GlyphRun))
    for item in before.makeup:
        slot = by_id.get(item.slot_id)
        if slot is None or slot.area.lines < 1 or slot.area.span < 1:
            v.lost.append(f"{item.slot_id}: no slot")
            continue
        if slot.kind == "story":
            r = results.get(slot.story or "")
            if r is None or not any(o.slot == slot.id and o.items for o in r.slots):
                v.lost.append(f"{item.slot_id}: not set")
        if slot.photo is not None and not any(src.endswith(slot.photo.file)
                                              for src in drawn_images):
            v.lost.append(f"{item.slot_id}: photo not drawn")
        if slot.kind in ("label", "ad") and slot.label and \
                slot.label.replace(" ", "")[:4] not in text.replace(" ", ""):
            v.lost.append(f"{item.slot_id}: text not drawn")
    return v
