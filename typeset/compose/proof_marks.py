"""Proof overlay markers: the column grid, and every diagnostic at its place on the page.

In: a composed page and the diagnostics about it (and, for the first page, those about no
page: the edition's own). Out: `Marker` items that only a proof draws (the final PDF ignores
markers): a column outline per base column labelled with its number, and for each warning
or error a note in the page's outer margin level with its slot — in Chinese (溢出, 欠行,
背题 …) with its code and key figure, wrapped to the margin's width, its box sized to its
lines, stacked down the right margin and then the left one, never past the page's edge.
"""

from __future__ import annotations

import unicodedata

from typeset.diagnostics import Diagnostic, Severity
from typeset.frame import Marker
from typeset.model.edition import Page
from typeset.model.grid import PageGrid
from typeset.units import snap

NOTE_SIZE = 5.0
"""Type size of a margin note (proof_items in render/pdf/marks.py sets it at this size)."""
NOTE_LEADING = 6.0
"""Distance between the baselines of a note's lines."""
NOTE_PAD = 1.0
NOTE_GAP = 1.0
MIN_NOTE_WIDTH = 3 * NOTE_SIZE + 2 * NOTE_PAD
MAX_NOTE_LINES = 6
"""Lines of one note at most; a longer message ends with '…' (its code is always shown)."""

TERMS = {
    "overset": "溢出", "overset-refused": "溢出", "underset": "欠行",
    "headline-without-body": "背题", "headline-overflows-slot": "标题超出",
    "widow": "孤行", "orphan": "孤行", "empty-continuation": "空转版",
    "image-unreadable": "图片不可读", "image-low-resolution": "图片精度低",
    "photo-low-resolution": "图片精度低", "missing-glyph": "缺字", "font-missing": "缺字体",
    "placeholder": "占位文字", "empty-story": "空稿", "image-ppi": "图片精度低",
    "image-missing": "缺图", "image-crop-empty": "裁切为空", "photo-too-big": "图片过大",
    "text-overflows-slot": "文字超出", "headline-too-wide": "标题过宽",
    "kinsoku-forced": "避头尾未尽", "paragraph-too-long": "段落过长", "jump": "转版",
    "unknown-story": "缺稿", "ad-too-large": "广告文件过大", "bad-ad": "广告有误",
}
"""The desk's word for a finding, shown before its code."""
NOTE_KINDS = ("diagnostic", "overset-note")
"""Marker kinds of the margin notes (a proof rebuilt from the final verdict replaces them)."""


def grid_markers(page: Page) -> list[Marker]:
    """One outline per base column of the type area, labelled 1…N."""
    grid = PageGrid(page.layout)
    area = grid.type_area()
    return [Marker("grid", grid.column_x(c), area.y, page.layout.column_width, area.height,
                   str(c)) for c in range(1, page.layout.columns + 1)]


def diagnostic_markers(page: Page, diags: list[Diagnostic], first: bool = False
                       ) -> list[Marker]:
    """A margin note for each warning/error on `page` (with `first`, also those that name no
    page), level with its slot, stacked where notes meet, in the right margin and then the
    left one; a note that fits in neither is summed up in a last note ('+N 条')."""
    grid = PageGrid(page.layout)
    area = grid.type_area()
    layout = page.layout
    slots = {s.id: s for s in page.slots}
    columns = [(snap(area.right + 2.0), snap(layout.trim_width - area.right - 4.0)),
               (2.0, snap(area.x - 4.0))]
    columns = [(x, w) for x, w in columns if w >= MIN_NOTE_WIDTH] or [
        (snap(area.right - 60.0), 58.0)]  # no margin to speak of: over the type area's edge
    bottom = layout.trim_height - 2.0
    notes: list[Marker] = []
    free = [2.0 for _ in columns]
    left_over = 0
    for diag in diags:
        if diag.severity is Severity.INFO:
            continue
        if diag.page != page.number and not (first and diag.page is None):
            continue
        slot = slots.get(diag.slot or "")
        want = grid.line_top(slot.area.top) if slot and slot.area else area.y
        kind = "overset-note" if diag.code in ("overset", "overset-refused") else "diagnostic"
        for index, (x, width) in enumerate(columns):
            lines = wrap(note_text(diag), width - 2 * NOTE_PAD)
            height = len(lines) * NOTE_LEADING + 2 * NOTE_PAD
            y = max(want, free[index])
            if y + height <= bottom:
                notes.append(Marker(kind, x, snap(y), snap(width), snap(height),
                                    "\n".join(lines)))
                free[index] = y + height + NOTE_GAP
                break
        else:
            left_over += 1
    if left_over:
        x, width = columns[0]
        label = f"另有 {left_over} 条 (paiban check)"
        lines = wrap(label, width - 2 * NOTE_PAD)
        height = len(lines) * NOTE_LEADING + 2 * NOTE_PAD
        y = max(2.0, bottom - height)
        notes.append(Marker("diagnostic", x, snap(y), snap(width), snap(height),
                            "\n".join(lines)))
    return notes


def note_text(diag: Diagnostic) -> str:
    """A margin note: slot, the desk's word, the key figure, the code and the message
    (figures in 字 and 行): 'a11-digital 溢出 +153字 +12行 overset: …'."""
    data = dict(diag.data)
    figure = ""
    if diag.code in ("overset", "overset-refused") and "characters" in data:
        figure = f"+{data['characters']}字"
        if data.get("more_lines"):
            figure += f" 需+{data['more_lines']}行"
    elif diag.code == "underset" and "lines" in data:
        figure = f"{data['lines']}行"
        if data.get("characters_short"):
            figure += f" 缺≈{data['characters_short']}字"
    elif "column" in data:
        figure = f"第{data['column']}栏"
    elif "lines" in data:
        figure = f"{data['lines']}行"
    term = TERMS.get(diag.code, "")
    head = " ".join(p for p in (diag.slot or "", term, figure, diag.code) if p)
    return f"{head}: {diag.message}"


def _width(ch: str) -> float:
    """The advance of `ch` in a note, in em (CJK and full-width 1, others ≈ 0.6)."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6


def wrap(text: str, width: float, size: float = NOTE_SIZE,
         max_lines: int = MAX_NOTE_LINES) -> list[str]:
    """`text` broken into lines no wider than `width` pt at `size` (at spaces where it can,
    anywhere in CJK); at most `max_lines`, the last ending in '…' when text was left."""
    limit = max(size, width) / size
    lines: list[str] = []
    line, used = "", 0.0
    last_space = -1
    for ch in " ".join(text.split()):
        w = _width(ch)
        if used + w > limit and line:
            if ch != " " and last_space > 0:
                lines.append(line[:last_space].rstrip())
                line = line[last_space + 1:]
            else:
                lines.append(line.rstrip())
                line = ""
            used = sum(_width(c) for c in line)
            last_space = -1
            if ch == " ":
                continue
        if ch == " ":
            last_space = len(line)
        line += ch
        used += w
    if line.strip():
        lines.append(line.strip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        tail = lines[-1]
        while tail and sum(_width(c) for c in tail) + 1.0 > limit:
            tail = tail[:-1]
        lines[-1] = tail + "…"
    return lines or [""]
