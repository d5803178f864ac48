"""Assemble one page: furniture, the set stories' slot outputs, photos, labels, ads, rules.

In: a `Page`, its context, and the slot outputs of every story chain passing through it.
Out: a `PageFrame` (paint order: furniture, pictures and text, rules, proof markers) and the
page's own diagnostics.
"""

from __future__ import annotations

from typeset.compose.context import ComposeContext
from typeset.compose.furniture import (ad_slot, cutoff_rules, label_slot, masthead, photo_slot,
                                       running_head)
from typeset.compose.story import SlotOutput
from typeset.diagnostics import Diagnostic, scoped, warning
from typeset.frame import FrameItem, ImageItem, Marker, PageFrame
from typeset.model.edition import Edition, Page

MIN_MASTHEAD_LINES = 6


def compose_page(page: Page, edition: Edition, ctx: ComposeContext,
                 story_outputs: dict[str, SlotOutput], first_page: bool
                 ) -> tuple[PageFrame, list[Diagnostic]]:
    """Lay out `page` from its slots and the story outputs keyed by slot id."""
    diags: list[Diagnostic] = []
    items: list[FrameItem] = []
    if first_page:
        top = min((s.area.top for s in page.slots), default=0)
        if top >= MIN_MASTHEAD_LINES:
            items += masthead(page, edition, ctx, top)
        else:
            diags.append(warning(
                "no-masthead-room", f"page {page.number} is the front page but its slots leave "
                f"only {top} grid lines free at the top; the masthead needs {MIN_MASTHEAD_LINES}",
                page=page.number, hint="start the first slots lower on the page"))
            items += running_head(page, edition, ctx)
    else:
        items += running_head(page, edition, ctx)
    for slot in page.slots:
        if slot.id in story_outputs:
            items += story_outputs[slot.id].items
        elif slot.kind == "photo" and slot.photo is not None:
            photo_items, photo_diags = photo_slot(slot, ctx)
            items += photo_items
            diags += [scoped(d, page=page.number, slot=slot.id) for d in photo_diags]
        elif slot.kind in ("label", "ad"):
            block, block_diags = (label_slot if slot.kind == "label" else ad_slot)(slot, ctx)
            items += block
            diags += [scoped(d, page=page.number, slot=slot.id) for d in block_diags]
        elif slot.kind in ("continuation", "story"):
            diags.append(warning(
                "empty-slot", f"slot {slot.id} on page {page.number} receives no text",
                page=page.number, slot=slot.id,
                hint="point a story's continue: at it, or remove it"))
            rect = ctx.grid.area_rect(slot.area)
            items.append(Marker("slot", rect.x, rect.y, rect.width, rect.height, slot.id))
    items += cutoff_rules(page, ctx)
    layout = ctx.layout
    ordered = ([i for i in items if isinstance(i, ImageItem)]
               + [i for i in items if not isinstance(i, (ImageItem, Marker))]
               + [i for i in items if isinstance(i, Marker)])
    frame = PageFrame(page.number, layout.trim_width, layout.trim_height, layout.bleed,
                      tuple(ordered), label=page.section)
    return frame, diags

