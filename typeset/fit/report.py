"""The fitting report: per story (and per item of a stack) what it needs and what it got.

In: the fitted edition, the font book and image sizes, the fit pass's result and the
composer's diagnostics. Out: `ReportRow`s — 字数, lines at the slot's width, lines given,
over (+) or under (−) in lines and 字, and the one-line manifest change — for `paiban fit`.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import Diagnostic
from typeset.fit import measure
from typeset.fit.pass_ import FitResult, contexts_for
from typeset.fonts import FontBook
from typeset.model.edition import Edition
from typeset.model.stack import leaves


@dataclass(frozen=True)
class ReportRow:
    """One line of the report."""

    page: int
    slot: str
    kind: str
    story: str
    chars: int
    natural: int
    """Lines the item takes at its slot's width (0 when it takes what is left)."""
    given: int
    over_lines: int
    """> 0: lines that do not fit (overset); < 0: lines left empty beyond the layout's limit."""
    over_chars: int
    status: str
    change: str
    """The one-line manifest change ('at: {…}' of a stack item, the fix of a plain slot)."""
    stack: str = ""
    levers: str = ""


def report_rows(edition: Edition, fonts: FontBook, image_sizes: dict, fit: FitResult | None,
                diagnostics: list[Diagnostic], pages: set[int] | None = None
                ) -> list[ReportRow]:
    """Rows for every story slot and every stack item of the chosen pages, in page order."""
    contexts = contexts_for(edition, fonts, image_sizes)
    items = {(i.page, i.slot): i for i in (fit.items if fit else [])}
    overset = {(d.page, d.slot): dict(d.data) for d in diagnostics if d.code == "overset"}
    underset = {(d.page, d.slot): dict(d.data) for d in diagnostics if d.code == "underset"}
    rows: list[ReportRow] = []
    for page in edition.pages:
        if pages is not None and page.number not in pages:
            continue
        ctx = contexts[page.layout.name]
        in_stack = {leaf.slot_id: c.id for c in page.containers for leaf in leaves(c.root)}
        for slot in page.slots:
            item = items.get((page.number, slot.id))
            if slot.kind != "story" and item is None:
                continue
            key = (page.number, slot.id)
            area = slot.area
            at = f"at: {{column: {area.column}, span: {area.span}, top: {area.top}, " \
                 f"bottom: {area.bottom}}}"
            story = edition.stories.get(slot.story or "")
            chars, natural, per_line = 0, item.natural if item else 0, 0.0
            if story is not None:
                m = measure.story_height(story, slot, page, ctx)
                chars, per_line = m.chars, m.line_chars
                if item is None or not natural:
                    natural = 0 if slot.continue_to is not None and item is not None else (
                        m.lines)
            over_lines, status, chars_over = 0, "fits", None
            if key in overset:
                # grid lines across the slot (the composer's `lines` are column lines)
                over_lines = overset[key].get("more_lines", overset[key].get("lines", 0))
                chars_over = overset[key].get("characters")
                status = f"overset {overset[key].get('characters', 0)}字"
            elif key in underset:
                over_lines = -underset[key].get("lines", 0)
                status = f"underset {-over_lines} lines"
            elif slot.continue_to is not None:
                status = f"continues on page {slot.continue_to.page}"
            elif slot.kind == "continuation":
                status = "continuation"
            over_chars = chars_over if chars_over is not None else round(over_lines * per_line)
            if item is not None:
                change = at
            elif over_lines > 0 or over_lines < 0:
                bottom = area.top + natural
                change = (f"bottom: {bottom}" if bottom <= page.layout.lines else
                          f"cut {over_chars}字 or continue it on another page")
                if slot.continue_to is None and story is not None and over_lines > 0 \
                        and bottom <= page.layout.lines:
                    change += f"  (or cut {over_chars}字)"
            else:
                change = "—"
            rows.append(ReportRow(page.number, slot.id, slot.kind, slot.story or "", chars,
                                  natural, area.lines, over_lines, over_chars, status, change,
                                  in_stack.get(slot.id, ""), item.note.strip() if item else ""))
    return rows
