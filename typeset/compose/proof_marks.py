"""Proof overlay markers: the column grid, and every diagnostic at its place on the page.

In: a composed page and the diagnostics about it. Out: `Marker` items that only a proof draws
(the final PDF ignores markers): a column outline per base column labelled with its number, and
for each warning or error with a slot, a note in the page's outer margin level with the slot.
"""

from __future__ import annotations

from typeset.diagnostics import Diagnostic, Severity
from typeset.frame import Marker
from typeset.model.edition import Page
from typeset.model.grid import PageGrid
from typeset.units import snap

NOTE_HEIGHT = 7.0
NOTE_LENGTH = 40
"""Characters of a margin note at most."""


def grid_markers(page: Page) -> list[Marker]:
    """One outline per base column of the type area, labelled 1…N."""
    grid = PageGrid(page.layout)
    area = grid.type_area()
    return [Marker("grid", grid.column_x(c), area.y, page.layout.column_width, area.height,
                   str(c)) for c in range(1, page.layout.columns + 1)]


def diagnostic_markers(page: Page, diags: list[Diagnostic]) -> list[Marker]:
    """A margin note for each warning/error on `page`, level with its slot (stacked if needed)."""
    grid = PageGrid(page.layout)
    area = grid.type_area()
    slots = {s.id: s for s in page.slots}
    margin_x = snap(area.right + 4.0)
    margin_w = snap(max(20.0, page.layout.trim_width - area.right - 8.0))
    notes: list[Marker] = []
    next_free = area.y
    for diag in diags:
        if diag.page != page.number or diag.severity is Severity.INFO:
            continue
        slot = slots.get(diag.slot or "")
        y = grid.line_top(slot.area.top) if slot else area.y
        y = max(y, next_free)
        label = _note(diag)
        kind = "overset" if diag.code == "overset" else "diagnostic"
        notes.append(Marker(kind, margin_x, snap(y), margin_w, NOTE_HEIGHT, label))
        next_free = y + NOTE_HEIGHT + 1.0
    return notes


def _note(diag: Diagnostic) -> str:
    """A short margin note: slot, code and the key figure (never quoted copy, which the proof
    face may not cover): 'a11-digital overset +153字'."""
    data = dict(diag.data)
    figure = ""
    if "characters" in data:
        figure = f" +{data['characters']}字"
    elif "lines" in data:
        figure = f" {data['lines']}行"
    return f"{diag.slot or ''} {diag.code}{figure}".strip()[:NOTE_LENGTH]
