"""The neutral page description (display list) that layout produces and backends consume.

A `Document` is a tuple of `PageFrame`s; each frame holds positioned items in points with the
origin at the top-left corner of the trim box (y grows downwards). Nothing here knows about
PDF: the PDF writer, the debug text dump and the previews are backends that read these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class CMYK:
    """A process colour, each channel 0..1."""

    c: float = 0.0
    m: float = 0.0
    y: float = 0.0
    k: float = 1.0

    @property
    def is_white(self) -> bool:
        """True when no ink at all is laid (white must never overprint)."""
        return self.c == 0 and self.m == 0 and self.y == 0 and self.k == 0

    @property
    def is_pure_black(self) -> bool:
        """True for 100 % K with no C, M or Y (the colour that overprints)."""
        return self.c == 0 and self.m == 0 and self.y == 0 and self.k == 1


BLACK = CMYK(0, 0, 0, 1)
WHITE = CMYK(0, 0, 0, 0)


@dataclass(frozen=True)
class FaceRef:
    """Which font face a run uses: the file, the face index in a collection, and its name."""

    path: str
    index: int
    name: str


class PlacedGlyph(NamedTuple):
    """One glyph of a run: glyph id in the full font, x offset from the run origin, and the
    source characters it stands for ('' for the 2nd..nth glyph of a cluster).

    A NamedTuple rather than a frozen dataclass: a page holds tens of thousands of glyphs and
    a tuple is several times cheaper to build, while staying immutable and hashable."""

    gid: int
    x: float
    text: str
    y: float = 0.0


@dataclass(frozen=True)
class GlyphRun:
    """A line (or part of a line) of text in one face and size, on one baseline.

    x, y: the run's origin on the baseline. `text` is the run's source text in reading order
    (what pdftotext should give back).
    """

    x: float
    y: float
    face: FaceRef
    size: float
    glyphs: tuple[PlacedGlyph, ...]
    text: str
    color: CMYK = BLACK
    role: str = "body"
    vertical: bool = False
    """Set top to bottom (竖排): every glyph upright where it is placed; a PDF writer shows it
    with a vertical-writing font, so that text extraction reads down the column."""
    rotated: bool = False
    """Turned 90° clockwise (a Latin word in vertical text): each glyph's (x, y) is its
    horizontal origin and its baseline runs down the page."""


@dataclass(frozen=True)
class Rule:
    """A straight line from (x0, y0) to (x1, y1), `width` pt thick."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    color: CMYK = BLACK
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Box:
    """A rectangle, filled and/or stroked (frames of boxed stories, tint panels, ad placeholders)."""

    x: float
    y: float
    width: float
    height: float
    fill: CMYK | None = None
    stroke: CMYK | None = None
    stroke_width: float = 0.5


@dataclass(frozen=True)
class ImageItem:
    """A raster image placed in the rect (x, y, width, height).

    `source` is the image file; `crop` is the part of the image (left, top, right, bottom, in
    source pixels) that fills the rect. Colour conversion happens in the backend.
    """

    x: float
    y: float
    width: float
    height: float
    source: str
    crop: tuple[int, int, int, int]
    pixel_size: tuple[int, int]


@dataclass(frozen=True)
class PlacedPage:
    """A page of another PDF (an advertisement delivered as PDF): its trim box (TrimBox, else
    CropBox, else MediaBox; outside it is clipped away) scaled to fit the rect (x, y, width,
    height), keeping its proportions, centred; with `stretch` mapped onto the rect exactly
    (compose has fitted the proportions already). `page` is 0-based."""

    x: float
    y: float
    width: float
    height: float
    source: str
    page: int = 0
    stretch: bool = False


@dataclass(frozen=True)
class Marker:
    """An invisible annotation for proofs and tests (slot outline, overset mark, jump target)."""

    kind: str
    x: float
    y: float
    width: float
    height: float
    label: str = ""


FrameItem = GlyphRun | Rule | Box | ImageItem | PlacedPage | Marker


@dataclass(frozen=True)
class PageFrame:
    """One finished page: its folio, its trim size, its bleed, and its items in paint order."""

    number: int
    width: float
    height: float
    bleed: float
    items: tuple[FrameItem, ...]
    label: str = ""


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF's identity needs: title, the date the edition is dated, and the paper."""

    title: str
    paper: str
    date: str
    timestamp: int = 0
    """Seconds since the epoch written as CreationDate/ModDate (deterministic output)."""


@dataclass(frozen=True)
class Document:
    """All pages of one build, in output order."""

    pages: tuple[PageFrame, ...]
    info: DocumentInfo
    output: dict = field(default_factory=dict, hash=False, compare=False)
    """Backend settings from the layout/edition (icc profile, jpeg quality…), plain values."""
