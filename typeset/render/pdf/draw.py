"""Paint display-list items into a page's content stream: glyph runs, rules, boxes and photos.

In: a page's items in frame coordinates (pt, origin top-left of the trim box, y down) and a
`PageGeometry` that maps them to PDF user space (origin bottom-left of the MediaBox, y up).
Out: operators in the page's `PageContent`. Text is written as raw `BT … TJ ET` operators
with 2-byte CID codes, one absolute `Tm` per run (or per y offset change) and TJ adjustments so
every glyph lands exactly at the composer's x. Pure 100 % K fills and strokes overprint (op/OP
with OPM 1), except black rules and frames on strong colour (`overprint.knockout_items`);
everything else, white above all, knocks out.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.render.pdf.content import PageContent

from typeset.frame import CMYK, Box, GlyphRun, ImageItem, Rule
from typeset.render.pdf.cmaps import pdf_number
from typeset.render.pdf.fonts import FontSubset


@dataclass(frozen=True)
class PageGeometry:
    """Where the trim box sits on the sheet: `margin` pt from every MediaBox edge."""

    trim_width: float
    trim_height: float
    bleed: float
    margin: float

    @property
    def media(self) -> tuple[float, float]:
        """MediaBox width and height."""
        return (self.trim_width + 2 * self.margin, self.trim_height + 2 * self.margin)

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        m = self.margin
        return (m, m, m + self.trim_width, m + self.trim_height)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)

    def x(self, x: float) -> float:
        """Frame x → PDF x."""
        return self.margin + x

    def y(self, y: float) -> float:
        """Frame y (down from the trim top) → PDF y (up from the MediaBox bottom)."""
        return self.margin + self.trim_height - y


def _num(value: float) -> str:
    number = pdf_number(value)
    return str(number)


FILL_STATE = "_typeset_fill"
"""Attribute of a page's `PageContent` holding the fill colour last set (None: unknown)."""


def set_fill(c: PageContent, color: CMYK) -> None:
    """Fill colour and overprint: only pure 100 % K overprints, with OPM 1.

    Nothing is written when the page's fill is already `color` (most glyph runs share the
    body colour); the canvas forgets it at every new page (`forget_fill`). Nothing between
    two fills restores an older graphics state (image placements' q … Q set no colour)."""
    if getattr(c, FILL_STATE, None) == color:
        return
    c.setFillColorCMYK(color.c, color.m, color.y, color.k)
    c.setFillOverprint(color.is_pure_black)
    c.setOverprintMask(True)
    setattr(c, FILL_STATE, color)


def forget_fill(c: PageContent) -> None:
    """A new page starts with the default graphics state: the next fill is written."""
    setattr(c, FILL_STATE, None)


def set_stroke(c: PageContent, color: CMYK, knockout: bool = False) -> None:
    """Stroke colour and overprint: only pure 100 % K overprints (unless `knockout`), OPM 1."""
    overprint = color.is_pure_black and not knockout
    c.setStrokeColorCMYK(color.c, color.m, color.y, color.k)
    c.setStrokeOverprint(overprint)
    # The fill's overprint follows the stroke's here and the next fill is written again, as a
    # reader that applies OP to op too (PDF 32000 §8.4.5) would see it.
    c.setFillOverprint(overprint)
    c.setOverprintMask(True)
    forget_fill(c)


_HEX: dict[int, str] = {}
"""2-byte code → its `<XXXX>` string (made once per process)."""


def run_operators(run: GlyphRun, font: FontSubset, geo: PageGeometry) -> str:
    """`BT … ET` for one glyph run: codes from `font`, positions from the composer.

    The hottest loop of painting (every glyph of the edition): locals and a string table
    instead of calls; numbers as `cmaps.pdf_number` writes them."""
    size = run.size
    codes, widths, hexes = font.codes, font.widths, _HEX
    out = [f"BT /{font.resource} {_num(size)} Tf"]
    segment: list[str] = []
    pen = 0.0  # where the pen is (run units, pt) after the last glyph of the segment
    seg_y: float | None = None
    for glyph in run.glyphs:
        code = codes[glyph.gid]
        gx = glyph.x
        if seg_y is None or glyph.y != seg_y:
            if segment:
                out.append("[" + "".join(segment) + "] TJ")
                segment = []
            seg_y = glyph.y
            out.append(f"1 0 0 1 {_num(geo.x(run.x + gx))} {_num(geo.y(run.y + glyph.y))} Tm")
        else:
            adjust = round((pen - gx) * 1000.0 / size, 3)
            if adjust:
                segment.append(str(int(adjust)) if adjust == int(adjust) else str(adjust))
        text = hexes.get(code)
        if text is None:
            text = hexes[code] = f"<{code:04X}>"
        segment.append(text)
        pen = gx + widths[code] * size / 1000.0
    if segment:
        out.append("[" + "".join(segment) + "] TJ")
    out.append("ET")
    return "\n".join(out)


VERTICAL_SUFFIX = "V"
"""Appended to a face's font resource name for its vertical-writing (Identity-V) font."""
VERTICAL_ORIGIN = 0.88
"""The default vertical origin's height above the horizontal one, in em (DW2 [880 −1000])."""


def vertical_operators(run: GlyphRun, font: FontSubset, geo: PageGeometry) -> str:
    """`BT … ET` for a run set top to bottom (`run.vertical`), with the face's Identity-V
    font (resource `font.resource` + "V"): one `Tm` per glyph, at the glyph's vertical origin,
    half its width right of and 0.88 em above where the composer put its horizontal origin, so
    that it lands exactly there (PDF 32000 §9.7.4.3); text extraction then reads the column
    top to bottom as vertical text."""
    size = run.size
    codes, widths = font.codes, font.widths
    out = [f"BT /{font.resource}{VERTICAL_SUFFIX} {_num(size)} Tf"]
    for glyph in run.glyphs:
        code = codes[glyph.gid]
        x = geo.x(run.x + glyph.x) + widths[code] * size / 2000.0
        y = geo.y(run.y + glyph.y) + VERTICAL_ORIGIN * size
        out.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm <{code:04X}> Tj")
    out.append("ET")
    return "\n".join(out)


def rotated_operators(run: GlyphRun, font: FontSubset, geo: PageGeometry) -> str:
    """`BT … ET` for a run turned 90° clockwise (`run.rotated`: a Latin word in vertical
    text): one `Tm` per glyph whose matrix [0 −1 1 0] sends the text's x axis down the page
    and its "up" to the right, with the glyph's horizontal origin where the composer put it."""
    size = run.size
    codes = font.codes
    out = [f"BT /{font.resource} {_num(size)} Tf"]
    for glyph in run.glyphs:
        x, y = geo.x(run.x + glyph.x), geo.y(run.y + glyph.y)
        out.append(f"0 -1 1 0 {_num(x)} {_num(y)} Tm <{codes[glyph.gid]:04X}> Tj")
    out.append("ET")
    return "\n".join(out)


def draw_run(c: PageContent, run: GlyphRun, font: FontSubset, geo: PageGeometry) -> None:
    """Paint one glyph run in its colour."""
    if not run.glyphs:
        return
    set_fill(c, run.color)
    if run.rotated:
        c.addLiteral(rotated_operators(run, font, geo))
    elif run.vertical:
        c.addLiteral(vertical_operators(run, font, geo))
    else:
        c.addLiteral(run_operators(run, font, geo))


def draw_rule(c: PageContent, rule: Rule, geo: PageGeometry, knockout: bool = False) -> None:
    """Stroke one rule (butt caps, optional dash pattern); `knockout`: black does not overprint."""
    set_stroke(c, rule.color, knockout)
    c.setLineWidth(rule.width)
    c.setLineCap(0)
    if rule.dash:
        c.setDash(list(rule.dash), 0)
    else:
        c.setDash([], 0)
    c.line(geo.x(rule.x0), geo.y(rule.y0), geo.x(rule.x1), geo.y(rule.y1))


def draw_box(c: PageContent, box: Box, geo: PageGeometry, knockout: bool = False) -> None:
    """Fill and/or stroke one rectangle; `knockout`: a black stroke does not overprint."""
    if box.fill is None and box.stroke is None:
        return
    if box.fill is not None:
        set_fill(c, box.fill)
    if box.stroke is not None:
        set_stroke(c, box.stroke, knockout)
        c.setLineWidth(box.stroke_width)
        c.setDash([], 0)
    c.rect(geo.x(box.x), geo.y(box.y + box.height), box.width, box.height,
           stroke=int(box.stroke is not None), fill=int(box.fill is not None))


def draw_image(c: PageContent, item: ImageItem, name: str, geo: PageGeometry) -> None:
    """Place the image XObject `/name` in the item's rect. The XObject itself is added when
    the PDF is finished (`pdfx.finish`), so painting never waits for a photo to be prepared."""
    x, y = geo.x(item.x), geo.y(item.y + item.height)
    c.addLiteral(f"q {_num(item.width)} 0 0 {_num(item.height)} {_num(x)} {_num(y)} cm "
                 f"/{name} Do Q")


def draw_missing_image(c: PageContent, item: ImageItem, geo: PageGeometry) -> None:
    """A crossed frame where an image could not be read (the build reports an error)."""
    black = CMYK(0, 0, 0, 1)
    set_stroke(c, black)
    c.setLineWidth(0.5)
    c.setDash([], 0)
    x0, y0 = geo.x(item.x), geo.y(item.y + item.height)
    x1, y1 = x0 + item.width, y0 + item.height
    c.rect(x0, y0, item.width, item.height, stroke=1, fill=0)
    c.line(x0, y0, x1, y1)
    c.line(x0, y1, x1, y0)
