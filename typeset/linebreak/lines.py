"""What the composer hands on: set paragraphs made of set lines made of glyph runs.

Pure data (frozen, hashable). Positions are in pt from the line's left edge and already
include indentation, compression and justification: drawing the glyphs as given reproduces
the line exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import Diagnostic
from typeset.frame import FaceRef, PlacedGlyph


@dataclass(frozen=True)
class LineRun:
    """Glyphs of one face and size in a line."""

    face: FaceRef
    size: float
    x: float
    """Origin of the run from the line's left edge, pt."""
    glyphs: tuple[PlacedGlyph, ...]
    """Full-font glyph ids; x relative to the run's x; text = source characters of the glyph."""
    text: str
    """The source characters of the run."""
    emphasis: bool = False


@dataclass(frozen=True)
class SetLine:
    """One line of a paragraph."""

    start: int
    """Index of the line's first character in the paragraph text (runs joined)."""
    end: int
    text: str
    """Exactly paragraph_text[start:end]."""
    measure: float
    """The column width the line was set to, pt."""
    natural: float
    """Where the content ends as set (indent included), pt; = measure for a justified line."""
    runs: tuple[LineRun, ...]
    last: bool
    """True for the paragraph's last line."""
    overfull: float = 0.0
    """pt beyond the measure when the line could not be made to fit (else 0)."""
    indent: float = 0.0
    """Where the content starts (first-line indent, or the alignment offset), pt."""


_new = object.__new__


def new_line_run(face: FaceRef, size: float, x: float, glyphs: tuple[PlacedGlyph, ...],
                 text: str, emphasis: bool) -> LineRun:
    """`LineRun(face, size, x, glyphs, text, emphasis)`, field for field, without the frozen
    dataclass's object.__setattr__ per field (the composer makes one or more a line)."""
    run = _new(LineRun)
    run.__dict__.update({"face": face, "size": size, "x": x, "glyphs": glyphs, "text": text,
                         "emphasis": emphasis})
    return run


def new_set_line(start: int, end: int, text: str, measure: float, natural: float,
                 runs: tuple[LineRun, ...], last: bool, overfull: float, indent: float
                 ) -> SetLine:
    """`SetLine(start, end, text, measure, natural, runs, last, overfull, indent)`, field for
    field, without the frozen dataclass's object.__setattr__ per field."""
    line = _new(SetLine)
    line.__dict__.update({"start": start, "end": end, "text": text, "measure": measure,
                          "natural": natural, "runs": runs, "last": last,
                          "overfull": overfull, "indent": indent})
    return line


@dataclass(frozen=True)
class SetParagraph:
    """A composed paragraph: its text, its lines, and what went wrong."""

    text: str
    lines: tuple[SetLine, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def line_texts(self) -> list[str]:
        """The source characters of every line (what the galley command prints)."""
        return [line.text for line in self.lines]
