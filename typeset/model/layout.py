"""A page-grid template (layouts/*.yaml) as frozen data: trim, bleed, margins, columns, grid, styles.

In: values read and validated by `typeset.manifest`. Out: a `Layout` that `model.grid` turns
into rectangles and that `compose` asks for the style of every role on a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typeset.frame import BLACK, CMYK
from typeset.model.output import OutputSettings


@dataclass(frozen=True)
class TextStyle:
    """How one role of text is set (body, 主题 headline, 引题 kicker, caption, folio …)."""

    name: str
    font: str = "body"
    """Font role for CJK text (see fonts/fonts.yaml)."""
    latin: str = "latin"
    """Font role for Latin letters and digits."""
    size: float = 9.0
    """Type size in pt."""
    leading: float = 0.0
    """Line pitch in pt for text off the body grid (headlines); 0 = 1.25 × size."""
    color: CMYK = BLACK
    align: str = "justify"
    """justify | left | center | right | distribute (均排)."""
    indent: float = 0.0
    """First-line indent in em."""
    tracking: float = 0.0
    """Extra space between characters in em (horizontal and vertical setting, added by
    typeset/text/prepare.py; never negative for body in a layout — the fit's 压字 lever may
    set it)."""
    emphasis_font: str = "body-bold"
    """Font role for **bold** runs (datelines, run-in emphasis)."""
    emphasis_latin: str = "latin-bold"
    size_ladder: tuple[float, ...] = ()
    """Smaller sizes (pt) to step down to when a headline does not fit its lines."""
    max_lines: int = 0
    """Most lines a headline may take (0 = no limit)."""
    max_chars: int = 0
    """Longest line in characters of this style's size (captions: 30 字 when 0)."""
    space_before: int = 0
    """Empty grid lines above a block in this style (a crosshead's space above)."""

    @property
    def pitch(self) -> float:
        """The line pitch in pt."""
        return self.leading or round(self.size * 1.25, 3)


@dataclass(frozen=True)
class Margins:
    """Distances in pt from the trim edges to the type area (版心)."""

    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class RuleStyle:
    """A rule's look: width in pt and colour."""

    width: float = 0.5
    color: CMYK = BLACK


@dataclass(frozen=True)
class Layout:
    """One page template. The body grid: `columns` columns of `column_chars` body characters,
    `gutter_chars` characters apart, `lines` baseline-grid lines of `line_pitch` pt."""

    name: str
    trim_width: float
    trim_height: float
    bleed: float
    margins: Margins
    columns: int
    column_chars: int
    gutter_chars: float
    body_size: float
    line_pitch: float
    lines: int
    styles: dict[str, TextStyle] = field(hash=False, compare=False, default_factory=dict)
    column_rule: RuleStyle | None = None
    cutoff_rule: RuleStyle = RuleStyle()
    box_rule: RuleStyle = RuleStyle(0.75)
    box_inset_lines: int = 1
    """Inset of a boxed story's text from its frame, in grid lines (vertical) and em (sides)."""
    underset_lines: int = 3
    """A story slot with more empty grid lines than this at its foot is reported underset."""
    head_band: float = 0.0
    """Height in pt of the running-head band above the type area (版眉), inside the top margin."""
    jump_out: str = "（转第{page}版）"
    jump_in: str = "（上接第{page}版）"
    composition: dict = field(hash=False, compare=False, default_factory=dict)
    """Composition rules for the composer (kinsoku level, punctuation style …) as plain values."""
    output: OutputSettings = field(hash=False, compare=False, default_factory=OutputSettings)
    """Backend settings (pdfx, icc_profile, jpeg_quality, max_ink, split_name …), validated
    where the layout (and the edition's `output:` over it) was read."""
    fit: dict = field(hash=False, compare=False, default_factory=dict)
    """Copyfit levers for stacks (order and limits, `typeset.fit.levers`) as plain values."""

    @property
    def column_width(self) -> float:
        """Width of one base column (基本栏) in pt."""
        return self.column_chars * self.body_size

    @property
    def gutter(self) -> float:
        """Gap between columns in pt."""
        return self.gutter_chars * self.body_size

    @property
    def type_width(self) -> float:
        """Width of the type area in pt."""
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def type_height(self) -> float:
        """Height of the type area in pt (whole grid lines)."""
        return self.lines * self.line_pitch

    def style(self, name: str) -> TextStyle:
        """The named style; KeyError lists the styles the template defines."""
        try:
            return self.styles[name]
        except KeyError:
            known = ", ".join(sorted(self.styles))
            raise KeyError(f"layout {self.name} has no style '{name}' (it has: {known})") from None
