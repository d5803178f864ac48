"""The edition: pages of slots on a grid, the stories and photos they hold.

In: the edition manifest, read and validated by `typeset.manifest`. Out: an `Edition` whose
slots are still in grid units (columns and baseline lines); `model.grid` resolves them to
rectangles and `compose` fills them.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import SourceRef
from typeset.model.folio import Folio
from typeset.model.layout import Layout
from typeset.model.story import PrintedText, Story


@dataclass(frozen=True)
class GridArea:
    """Where a slot sits: first column (1-based), column span, top and bottom grid lines
    (0 = the top of the type area; bottom is exclusive)."""

    column: int
    span: int
    top: int
    bottom: int

    @property
    def lines(self) -> int:
        """Height in grid lines."""
        return self.bottom - self.top


@dataclass(frozen=True)
class Photo:
    """A photo: file, caption, credit (郭苑甫 摄), and how it is placed and cropped."""

    file: str
    caption: str = ""
    credit: str = ""
    span: int = 0
    """Columns the photo block spans inside a story slot (0 = the whole slot)."""
    lines: int = 0
    """Height of the picture in grid lines (0 = from the image's aspect ratio)."""
    place: str = "top"
    """top | bottom | left | right, inside a story slot."""
    fit: str = "crop"
    """crop (fill the frame, cut by `focus`) | fit (whole image, letterboxed)."""
    focus: tuple[float, float] = (0.5, 0.5)
    """Focal point (0..1, 0..1) kept in view when cropping."""
    crop: tuple[float, float, float, float] | None = None
    """Explicit crop box (left, top, right, bottom) as fractions of the image."""
    source: SourceRef | None = None
    title: str = ""
    """图片标题: set with the photo in the `photo-title` style."""
    label: str = ""
    """A 栏目 over the photo (画里有话), in the `label` style."""


@dataclass(frozen=True)
class Continue:
    """A jump: the story continues in slot `slot` on page `page` (a folio: 2 or A2)."""

    page: Folio
    slot: str
    source: SourceRef | None = None


@dataclass(frozen=True)
class Slot:
    """A rectangle of the page grid and what goes in it.

    kind: story | photo | ad | label | continuation (empty until a jump fills it) | furniture.
    """

    id: str
    kind: str
    area: GridArea
    story: str | None = None
    photo: Photo | None = None
    label: str = ""
    """Text of a section label (栏目) or of an ad's slogan."""
    ad_file: str | None = None
    ad_page: int = 1
    """Page of a PDF ad to place (1-based, as the manifest writes it)."""
    ad_trim: tuple[float, float] | None = None
    """A PDF ad's trim box as seen (width, height in pt; TrimBox, else CropBox, else MediaBox),
    read when the edition loads; None when unknown (the ad is then fitted keeping proportions)."""
    continue_to: Continue | None = None
    box: bool = False
    """Frame the story (boxed commentary)."""
    headline_span: int = 0
    """Columns the headline group spans (0 = the whole slot)."""
    headline_lines: int = 0
    """Most lines for the 主题 (0 = the style's max_lines); of a vertical 主题, its columns."""
    headline_vertical: str = ""
    """竖题: "right" or "left" sets the headline group top to bottom at that edge of the slot,
    the body text beside it; "" = a horizontal headline over the text."""
    text_columns: int = 0
    """变栏: set the text in this many columns across the slot instead of one per base column
    (e.g. 3 base columns set as 2 wider ones); 0 = one per base column. Photo and headline
    spans then count these text columns."""
    style: str = ""
    """Block style name (label and banner slots)."""
    tracking: float = 0.0
    """压字/拉字: em added between the characters of the story's text in this slot (the
    fit's tracking lever, or `tracking:` in the manifest); 0 = the body style's."""
    headline_spacing: int = 0
    """The headline group's 引题/副题 spacing: grid lines fewer (−1, tighter) or more (+1,
    looser) than it takes at the layout's spacing (the fit's spacing lever)."""
    source: SourceRef | None = None
    continued_from: Continue | None = None
    """The story's first part is on another page (of another edition's files): the slot
    opens with the jump-in line (（上接第1版）) and the 续题; only `page` is used."""


@dataclass(frozen=True)
class Page:
    """One page of the edition; `number` is its folio (2, or A2 with a section letter)."""

    number: Folio
    layout: Layout
    slots: tuple[Slot, ...]
    section: str = ""
    editor: str = ""
    source: SourceRef | None = None
    containers: tuple = ()
    """Stacks (typeset.model.stack.Container) whose items are among `slots` with provisional
    areas until `typeset.fit` gives them their heights (issue 18)."""
    make_up: str = ""
    """"auto": the engine arranges `makeup` (issue 19); "" = the slots as written."""
    makeup: tuple = ()
    """Items (typeset.model.makeup.MakeupItem) in priority order, for `make_up: auto`."""
    front: bool | None = None
    """A front page (报头 masthead and 报眼 ear) when true; None = as the manifest leaves it:
    page 1 (or A1 of a lettered edition) is a front page, every other page is not (see
    `is_front`)."""

    @property
    def is_front(self) -> bool:
        """Whether the page prints the masthead: `front:` as written, else page 1 (or A1)."""
        if self.front is not None:
            return self.front
        return self.number == 1 or str(self.number).upper() == "A1"


@dataclass(frozen=True)
class Edition:
    """One issue of the paper."""

    paper: str
    date: str
    """ISO date, e.g. 2026-03-07."""
    issue: str
    """The issue number as the manifest writes it (printed 第{issue}期: 012345 stays 012345)."""
    pages: tuple[Page, ...]
    stories: dict[str, Story]
    folder: str
    """The edition folder; every relative path in the manifest resolves inside it."""
    weekday: str = ""
    lunar: str = ""
    """The 农历 date for the ear (农历丙午年正月十九): as the manifest writes it, or derived from
    the date; empty for none."""
    timestamp: int = 0
    """Seconds since the epoch used for PDF dates (from the date or SOURCE_DATE_EPOCH)."""
    source: SourceRef | None = None
    extra: tuple[tuple[str, str], ...] = ()
    """Masthead extras (CN number, publisher, price …) as (key, value)."""
    timezone: str = ""
    """The paper's time zone (IANA name) for the release time in the slug; '' = the default,
    Asia/Shanghai."""
    texts: tuple[PrintedText, ...] = ()
    """Every text of the manifest and its caption files that the page prints (paper,
    masthead, sections, editors, labels, ad slogans, captions, credits) with its place, for
    the coverage check; the stories carry their own."""

    def page(self, number: Folio) -> Page | None:
        """The page with folio `number`, or None."""
        for page in self.pages:
            if page.number == number:
                return page
        return None
