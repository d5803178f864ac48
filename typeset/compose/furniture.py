"""Page furniture: running head (版眉), page-1 masthead (报头) and ear (报眼), section labels,
advertisement slots, standalone photo slots and cut-off rules between stories.

In: the page, its slots and the edition data (paper, date, weekday, issue, section, editor).
Out: display-list items. All text is set with the layout's named styles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from typeset.compose.context import ComposeContext
from typeset.compose.photo import photo_block
from typeset.compose.setting import line_runs, natural_width, set_text
from typeset.diagnostics import Diagnostic, warning
from typeset.frame import Box, FrameItem, ImageItem, Marker, PlacedPage, Rule
from typeset.model.edition import Edition, Page, Slot
from typeset.model.folio import folio_text
from typeset.model.grid import EM_BOX_ASCENT
from typeset.model.layout import TextStyle
from typeset.units import snap, to_mm

WEEKDAYS = "一二三四五六日"
MASTHEAD_RULE = 2.0
HEAD_RULE = 0.75
AD_ASPECT_TOLERANCE = 0.03
"""A PDF ad whose proportions differ from its slot's by at most this is stretched to fill it."""


def chinese_date(iso: str) -> str:
    """'2026-11-27' → '2026年11月27日' (unchanged when it is not an ISO date)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.year}年{day.month}月{day.day}日"


def weekday(edition: Edition) -> str:
    """星期五 — from the edition, else derived from its date."""
    if edition.weekday:
        return edition.weekday
    try:
        return "星期" + WEEKDAYS[dt.date.fromisoformat(edition.date).weekday()]
    except ValueError:
        return ""


def _text_items(text: str, style: TextStyle, x: float, baseline: float, width: float,
                align: str, ctx: ComposeContext) -> list[FrameItem]:
    para = set_text(text, style, width, ctx, align=align)
    items: list[FrameItem] = []
    for i, line in enumerate(para.lines):
        items.extend(line_runs(line, x, baseline + i * style.pitch, style))
    return items


def running_head(page: Page, edition: Edition, ctx: ComposeContext) -> list[FrameItem]:
    """The 版眉 above the type area: page and section left, paper centre, date and editor right,
    with a rule under it."""
    style = ctx.style("running-head")
    folio = ctx.style("folio")
    area = ctx.grid.type_area()
    rule_y = area.y - 3.0
    baseline = rule_y - 3.0 - (1 - EM_BOX_ASCENT) * style.size
    folio_label = folio_text("第{page}版", page.number)
    left = f"{page.section}" if page.section else ""
    right = "　".join(p for p in (chinese_date(edition.date), weekday(edition),
                                    f"责任编辑　{page.editor}" if page.editor else "") if p)
    items: list[FrameItem] = []
    folio_w = natural_width(folio_label, folio, ctx)
    items += _text_items(folio_label, folio, area.x, baseline, folio_w + 1, "left", ctx)
    if left:
        items += _text_items(left, style, area.x + folio_w + style.size, baseline,
                             area.width / 3, "left", ctx)
    items += _text_items(edition.paper, style, area.x, baseline, area.width, "center", ctx)
    items += _text_items(right, style, area.x, baseline, area.width, "right", ctx)
    items.append(Rule(area.x, snap(rule_y), area.right, snap(rule_y), HEAD_RULE))
    return items


def masthead(page: Page, edition: Edition, ctx: ComposeContext, lines: int) -> list[FrameItem]:
    """Page 1's 报头 (paper name, large) and 报眼/ear (date, weekday, issue, extras) in the top
    `lines` grid lines, with a heavy rule under them."""
    grid, layout = ctx.grid, ctx.layout
    area = grid.type_area()
    band = lines * layout.line_pitch
    items: list[FrameItem] = []
    extra = dict(edition.extra)
    latin = extra.pop("paper_latin", "")
    style = ctx.style("masthead")
    name_cols = max(1, round(layout.columns * 0.6))
    name_w = grid.span_width(name_cols)
    name_baseline = area.y + (band - MASTHEAD_RULE - style.size) / 2 + EM_BOX_ASCENT * style.size
    items += _text_items(edition.paper, style, area.x, name_baseline, name_w, "left", ctx)
    if latin:
        sub = ctx.style("ear")
        items += _text_items(latin, sub, area.x, name_baseline + sub.pitch + 2.0, name_w,
                             "left", ctx)
    ear = ctx.style("ear")
    ear_x = grid.column_x(name_cols + 1)
    ear_w = area.right - ear_x
    facts = [f"{chinese_date(edition.date)}　{weekday(edition)}"]
    if edition.lunar:
        facts.append(edition.lunar)
    facts.append(f"第{edition.issue}期")
    facts += [value for _, value in extra.items() if value]
    ear_height = len(facts) * ear.pitch
    y = area.y + (band - MASTHEAD_RULE - ear_height) / 2
    for fact in facts:
        baseline = y + (ear.pitch - ear.size) / 2 + EM_BOX_ASCENT * ear.size
        items += _text_items(fact, ear, ear_x, baseline, ear_w, "right", ctx)
        y += ear.pitch
    rule_y = snap(area.y + band - MASTHEAD_RULE)
    items.append(Rule(area.x, rule_y, area.right, rule_y, MASTHEAD_RULE))
    items.append(Marker("masthead", area.x, area.y, area.width, band, edition.paper))
    return items


def too_long(text: str, lines: int, style: TextStyle, height: float, slot: Slot
             ) -> list[Diagnostic]:
    """A warning when `lines` lines of `style` do not fit in `height` pt of the slot (the
    page assembling it scopes it to its page)."""
    if lines * style.pitch <= height + 0.01:
        return []
    return [warning("text-overflows-slot", f"“{text[:20]}” needs {lines} lines, more than slot "
                    f"{slot.id} holds", slot=slot.id,
                    hint="shorten the text or make the slot taller")]


def label_slot(slot: Slot, ctx: ComposeContext) -> tuple[list[FrameItem], list[Diagnostic]]:
    """A section label (栏目): the label text on the left, a rule along the slot's foot."""
    rect = ctx.grid.area_rect(slot.area)
    style = ctx.style(slot.style or "label")
    baseline = rect.y + (rect.height - style.size) / 2 + EM_BOX_ASCENT * style.size - 1.0
    para = set_text(slot.label, style, rect.width, ctx, align="left")
    diags = too_long(slot.label, len(para.lines), style, rect.height, slot)
    items = _text_items(slot.label, style, rect.x, baseline, rect.width, "left", ctx)
    y = snap(rect.bottom - 1.5)
    items.append(Rule(rect.x, y, rect.right, y, 1.5))
    items.append(Marker("slot", rect.x, rect.y, rect.width, rect.height, slot.id))
    return items, diags


def ad_slot(slot: Slot, ctx: ComposeContext) -> tuple[list[FrameItem], list[Diagnostic]]:
    """An advertisement: a framed area marked 广告, holding an image or a slogan."""
    rect = ctx.grid.area_rect(slot.area)
    style = ctx.style("ad")
    items: list[FrameItem] = [Box(rect.x, rect.y, rect.width, rect.height, stroke=style.color,
                                  stroke_width=0.5)]
    diags: list[Diagnostic] = []
    if slot.ad_file and slot.ad_file.lower().endswith(".pdf"):
        placed, note = pdf_ad(slot, snap(rect.x + 2), snap(rect.y + 2), snap(rect.width - 4),
                              snap(rect.height - 4), str(Path(ctx.edition.folder) / slot.ad_file))
        items.append(placed)
        if note is not None:
            diags.append(note)
    elif slot.ad_file:
        path = str(Path(ctx.edition.folder) / slot.ad_file)
        size = ctx.image_sizes.get(path)
        if size:
            scale = min((rect.width - 4) / size[0], (rect.height - 4) / size[1])
            w, h = size[0] * scale, size[1] * scale
            items.append(ImageItem(snap(rect.x + (rect.width - w) / 2),
                                   snap(rect.y + (rect.height - h) / 2), snap(w), snap(h), path,
                                   (0, 0, size[0], size[1]), size))
    if slot.label:
        para = set_text(slot.label, style, rect.width - 2 * style.size, ctx, align="center")
        diags += too_long(slot.label, len(para.lines), style, rect.height, slot)
        height = len(para.lines) * style.pitch
        y = rect.y + (rect.height - height) / 2
        for line in para.lines:
            baseline = y + (style.pitch - style.size) / 2 + EM_BOX_ASCENT * style.size
            items.extend(line_runs(line, rect.x + style.size, baseline, style))
            y += style.pitch
    mark = replace(ctx.style("credit"), name="ad-mark")
    items += _text_items("广告", mark, rect.x, rect.y + mark.size + 2, rect.width - 3, "right",
                         ctx)
    items.append(Marker("slot", rect.x, rect.y, rect.width, rect.height, slot.id))
    return items, diags


def pdf_ad(slot: Slot, x: float, y: float, width: float, height: float, path: str
           ) -> tuple[PlacedPage, Diagnostic | None]:
    """A PDF ad in the area (x, y, width, height): with its trim size known, an ad whose
    proportions are within AD_ASPECT_TOLERANCE of the area's fills it exactly; another is
    scaled to fit, centred (letterboxed) and a warning says both sizes in mm and what is left
    empty. Unknown trim size: the renderer fits it keeping proportions."""
    page = max(slot.ad_page, 1) - 1
    if not slot.ad_trim or min(slot.ad_trim) <= 0 or width <= 0 or height <= 0:
        return PlacedPage(x, y, width, height, path, page), None
    trim_w, trim_h = slot.ad_trim
    off = (trim_w / trim_h) / (width / height)
    if max(off, 1 / off) - 1 <= AD_ASPECT_TOLERANCE + 1e-9:
        return PlacedPage(x, y, width, height, path, page, stretch=True), None
    scale = min(width / trim_w, height / trim_h)
    w, h = trim_w * scale, trim_h * scale
    placed = PlacedPage(x + (width - w) / 2, y + (height - h) / 2, w, h, path, page,
                        stretch=True)
    if w < width:
        empty = f"{to_mm((width - w) / 2):.1f} mm empty left and right"
    else:
        empty = f"{to_mm((height - h) / 2):.1f} mm empty above and below"
    note = warning(
        "ad-aspect", f"ad {slot.ad_file} is {_mm(trim_w, trim_h)} (trim) but slot {slot.id} "
        f"holds {_mm(width, height)}: its proportions differ by {(max(off, 1 / off) - 1):.0%}, "
        f"so it is set {_mm(w, h)} ({scale:.0%}), centred, with {empty}",
        source=slot.source, slot=slot.id,
        hint=f"ask the agency for a {_mm(width, height)} ad, or size the slot to the ad")
    return placed, note


def _mm(width: float, height: float) -> str:
    return f"{to_mm(width):.1f} × {to_mm(height):.1f} mm"


def photo_slot(slot: Slot, ctx: ComposeContext):
    """A standalone photo slot: the picture fills the slot above its caption."""
    rect = ctx.grid.area_rect(slot.area)
    block = photo_block(slot.photo, rect.x, slot.area.top, rect.width, slot.area.lines, ctx,
                        fill=True)
    items = list(block.items)
    items.append(Marker("slot", rect.x, rect.y, rect.width, rect.height, slot.id))
    return items, list(block.diagnostics)


def cutoff_rules(page: Page, ctx: ComposeContext) -> list[FrameItem]:
    """Rules between neighbouring slots: vertical in the gutter between side-by-side slots,
    horizontal along the boundary where one slot sits on another. Boxed slots and ads have
    frames of their own, labels their own rule."""
    grid, layout = ctx.grid, ctx.layout
    style = layout.cutoff_rule
    slots = [s for s in page.slots if not s.box and s.kind not in ("label", "ad")]
    items: list[FrameItem] = []
    for a in slots:
        for b in slots:
            if a is b:
                continue
            if b.area.column == a.area.column + a.area.span:
                top, bottom = max(a.area.top, b.area.top), min(a.area.bottom, b.area.bottom)
                if bottom > top:
                    x = snap(grid.column_x(b.area.column) - layout.gutter / 2)
                    items.append(Rule(x, grid.line_top(top), x, grid.line_top(bottom),
                                      style.width, style.color))
            if b.area.top == a.area.bottom:
                first = max(a.area.column, b.area.column)
                last = min(a.area.column + a.area.span, b.area.column + b.area.span)
                if last > first:
                    y = grid.line_top(b.area.top)
                    items.append(Rule(grid.column_x(first), y,
                                      snap(grid.column_x(last - 1) + layout.column_width), y,
                                      style.width, style.color))
    return items
