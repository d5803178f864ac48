"""Printer's marks and the proof overlay, as display-list items around and over a page.

In: a `PageFrame`, the page geometry and the options (marks, slug text, proof). Out: extra frame
items (crop-mark rules, the slug line, slot outlines and labels, the 校样 watermark) in the same
coordinates as the page's own items, so fonts for them are embedded like any other text;
`draw_registration()` paints the registration targets, which need circles.

Everything printer-side lies outside the bleed box; the proof overlay sits on the page and is
only drawn when `proof` is on (a proof is never a PDF/X final).
"""

from __future__ import annotations

from typeset.render.pdf.content import PageContent

from typeset.fonts import Face, load_face
from typeset.fonts.resolve import find_face, search_dirs
from typeset.frame import CMYK, Box, GlyphRun, Marker, PageFrame, PlacedGlyph, Rule
from typeset.render.pdf.draw import PageGeometry, set_stroke
from typeset.units import MM

REGISTRATION = CMYK(1, 1, 1, 1)
"""'All' colour of registration marks: every plate."""

MARK_LENGTH = 6 * MM
MARK_GAP = 3 * MM
SLUG_SIZE = 6.0
PROOF_COLOR = CMYK(0, 1, 0, 0)
OVERSET_COLOR = CMYK(0, 1, 1, 0)
WATERMARK_COLOR = CMYK(0, 0, 0, 0.12)
LABEL_SIZE = 5.0
LABEL_LEADING = 6.0
LABEL_PAD = 1.0
"""Proof labels and margin notes: size, baseline distance and padding inside their box (the
sizes `compose.proof_marks` wraps notes for)."""

UTILITY_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "LXGW WenKai", "Droid Sans Fallback")


def marks_margin(bleed: float) -> float:
    """Distance from the trim edge to the MediaBox edge when marks are on."""
    return max(bleed, MARK_GAP) + MARK_LENGTH + MARK_GAP + SLUG_SIZE * 2


def utility_face(text: str, used: list[Face]) -> Face | None:
    """A face for slug and proof labels: a face the document already uses that covers `text`
    (no extra font), else an installed CJK sans; None when nothing covers it."""
    wanted = [ch for ch in text if not ch.isspace()]
    for face in used:
        if all(face.covers(ch) for ch in wanted):
            return face
    dirs = search_dirs(None)
    for family in UTILITY_FAMILIES:
        entry = find_face(family, "Regular", dirs)
        if entry is not None:
            face = load_face(entry.path, entry.index)
            if all(face.covers(ch) for ch in wanted):
                return face
    return None


def shape_run(face: Face, text: str, size: float, x: float, y: float, color: CMYK,
              role: str) -> GlyphRun:
    """Shape `text` in `face` into a run at (x, y); clusters carry their source text."""
    glyphs = face.shape(text)
    starts = sorted({g.cluster for g in glyphs}) + [len(text)]
    next_start = {s: starts[i + 1] for i, s in enumerate(starts[:-1])}
    placed = []
    pen = 0.0
    seen: set[int] = set()
    scale = size / face.upem
    for g in glyphs:
        piece = "" if g.cluster in seen else text[g.cluster:next_start[g.cluster]]
        seen.add(g.cluster)
        placed.append(PlacedGlyph(g.gid, round(pen + g.x_offset * scale, 3), piece,
                                  round(-g.y_offset * scale, 3)))
        pen += g.advance * scale
    return GlyphRun(x, y, face.ref, size, tuple(placed), text, color, role)


def run_width(run: GlyphRun, face: Face) -> float:
    """Advance width of a run shaped by `shape_run`."""
    if not run.glyphs:
        return 0.0
    last = run.glyphs[-1]
    return last.x + face.advance(last.gid) * run.size / face.upem


def crop_marks(page: PageFrame) -> list[Rule]:
    """Eight hairline-but-printable (0.25 pt) rules at the trim corners, outside the bleed."""
    off = max(page.bleed, MARK_GAP)
    w, h = page.width, page.height
    rules = []
    for x in (0.0, w):
        for y in (0.0, h):
            sx = -1 if x == 0 else 1
            sy = -1 if y == 0 else 1
            rules.append(Rule(x + sx * off, y, x + sx * (off + MARK_LENGTH), y, 0.25, REGISTRATION))
            rules.append(Rule(x, y + sy * off, x, y + sy * (off + MARK_LENGTH), 0.25, REGISTRATION))
    return rules


def slug_text(template: str, page: PageFrame, title: str, date: str, time: str = "") -> str:
    """The slug line for one page: `template` with {page} (the page number), {section} (the
    page label), {title}, {date} and {time} filled in; default 'title · 第N版 section · date
    time'. The page is what the plate room reads first, so ' · 第N版 section' is appended when
    the template does not name {page}."""
    number = page.number    # a section folio (A2) is printed A2版, a plain one 第2版
    folio = f"{number if isinstance(number, str) else f'第{number}'}版 {page.label}".strip()
    if not template:
        return " · ".join(p for p in (title, folio, f"{date} {time}".strip()) if p)
    text = (template.replace("{page}", str(page.number)).replace("{section}", page.label)
            .replace("{title}", title).replace("{date}", date).replace("{time}", time))
    return text if "{page}" in template else f"{text} · {folio}"


def slug_run(page: PageFrame, text: str, face: Face) -> GlyphRun:
    """The slug below the bottom crop marks, starting at the trim's left edge."""
    off = max(page.bleed, MARK_GAP)
    baseline = page.height + off + MARK_LENGTH + MARK_GAP + SLUG_SIZE
    return shape_run(face, text, SLUG_SIZE, 0.0, baseline, REGISTRATION, "slug")


def draw_registration(c: PageContent, page: PageFrame, geo: PageGeometry) -> None:
    """Registration targets (circle and cross) centred outside each edge of the bleed."""
    off = max(page.bleed, MARK_GAP) + MARK_LENGTH / 2
    radius = MARK_LENGTH / 2 - 0.5 * MM
    centres = [(page.width / 2, -off), (page.width / 2, page.height + off),
               (-off, page.height / 2), (page.width + off, page.height / 2)]
    set_stroke(c, REGISTRATION)
    c.setLineWidth(0.25)
    c.setDash([], 0)
    for fx, fy in centres:
        x, y = geo.x(fx), geo.y(fy)
        c.circle(x, y, radius, stroke=1, fill=0)
        c.circle(x, y, radius / 2, stroke=1, fill=0)
        c.line(x - radius - 1 * MM, y, x + radius + 1 * MM, y)
        c.line(x, y - radius - 1 * MM, x, y + radius + 1 * MM)


def proof_items(page: PageFrame, face: Face | None) -> tuple[list, list]:
    """(under, over): the 校样 watermark to paint below the page content and the marker
    outlines and labels to paint above it."""
    under: list = []
    over: list = []
    if face is not None:
        size = min(page.width, page.height) / 4
        mark = shape_run(face, "校样", size, 0.0, 0.0, WATERMARK_COLOR, "proof")
        width = run_width(mark, face)
        under.append(GlyphRun((page.width - width) / 2, page.height / 2 + size * 0.35,
                              mark.face, size, mark.glyphs, mark.text, WATERMARK_COLOR, "proof"))
    for item in page.items:
        if not isinstance(item, Marker):
            continue
        color = OVERSET_COLOR if item.kind in ("overset", "overset-note") else PROOF_COLOR
        over.append(Box(item.x, item.y, item.width, item.height, None, color, 0.3))
        label = item.label or item.kind
        if face is not None:
            label = "".join(ch if ch.isspace() or face.covers(ch) else "?" for ch in label)
        if face is None or not label:
            continue
        for index, line in enumerate(label.split("\n")):
            if not line:
                continue
            run = shape_run(face, line, LABEL_SIZE, 0.0, 0.0, color, "proof")
            size = LABEL_SIZE
            room = item.width - 2 * LABEL_PAD
            width = run_width(run, face)
            if width > room > 0:  # never cut: a line the estimate got wrong is set smaller
                size = LABEL_SIZE * room / width
            baseline = item.y + LABEL_PAD + LABEL_SIZE * 0.88 + index * LABEL_LEADING
            over.append(shape_run(face, line, size, item.x + LABEL_PAD, baseline, color,
                                  "proof"))
    return under, over
