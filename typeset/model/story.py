"""Stories as frozen data: the headline group, dateline, paragraphs of runs, byline.

In: a story file (Markdown with YAML front matter) parsed by `typeset.manifest`. Out: a
`Story` that `compose` sets in its slot(s). Paragraph text is kept exactly as written (after
normalising line ends); nothing is dropped here.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import SourceRef

EDITOR_NOTE_LEAD = "编者按："
"""The run-in lead-in of an editor's note (编者按), printed before its first paragraph."""


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one manner: plain, or emphasised (**bold** → bold face)."""

    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class PrintedText:
    """A text the page prints (a caption, a label, a headline …) and where its first character
    was written; `origins` as for `Paragraph` when the text spans lines (else empty: the
    characters follow each other from `source`)."""

    text: str
    source: SourceRef | None = None
    what: str = ""
    """The field it came from ('caption', 'headline' …), for messages."""
    origins: tuple[tuple[int, int, int], ...] = ()

    def where(self, offset: int) -> SourceRef | None:
        """The file:line:column of character `offset`."""
        return locate(self.source, self.origins, offset)


def locate(source: SourceRef | None, origins: tuple[tuple[int, int, int], ...],
           offset: int) -> SourceRef | None:
    """Character `offset` of a text written from `source`: through `origins` ((offset, line,
    column) where each stretch of consecutive characters starts), else counted along the line."""
    if source is None:
        return None
    best = None
    for start, line, column in origins:
        if start > offset:
            break
        best = (start, line, column)
    if best is None:
        return SourceRef(source.file, source.line, source.column + offset if source.column
                         else 0)
    start, line, column = best
    return SourceRef(source.file, line, column + offset - start)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of body text, with where it came from."""

    runs: tuple[Run, ...]
    source: SourceRef | None = None
    indent: bool = True
    """False for a paragraph that continues a sentence (no first-line indent)."""
    origins: tuple[tuple[int, int, int], ...] = ()
    """Where the characters were written: (offset in `text`, line, column) at the start of
    each stretch of characters that follow each other in the file (a new line, after an
    escape or a `**`), so a problem with one character names its own line and column."""
    style: str = ""
    """The layout style the paragraph is set in: "" = the body style; "crosshead" for a
    小标题 (`## …` in the story file); any other style named by a `{.style}` suffix."""

    def where(self, offset: int) -> SourceRef | None:
        """The file:line:column of character `offset` of `text`."""
        return locate(self.source, self.origins, offset)

    @property
    def text(self) -> str:
        """The paragraph's characters, runs joined."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Headline:
    """The headline group: 引题 kicker above, 主题 headline, 副题 deck below."""

    headline: str
    kicker: str = ""
    deck: str = ""
    level: int = 1
    """Importance of the 主题: 1 = lead, larger numbers are smaller headlines."""
    banner: str = ""
    """A series banner (看迎泽区高质量发展) set above the headline group, in its own style."""
    continued: str = ""
    """续题: the short headline over a continuation; derived from the headline when empty."""


@dataclass(frozen=True)
class Story:
    """A story: id (file stem), headline group, dateline, body, byline and signature."""

    id: str
    headline: Headline | None
    paragraphs: tuple[Paragraph, ...]
    dateline: str = ""
    """电头 run into the first paragraph (本报讯, 本报记者 王勇): set in the dateline style."""
    byline: str = ""
    """署名 after the body: （于健、付磊） or 记者 王勇."""
    byline_place: str = "end"
    """end = flush right after the last paragraph; top = own line under the headline."""
    signature: str = ""
    """Commentary signature (本报评论员), flush right after the body."""
    kind: str = "news"
    """news | commentary | brief | feature (chooses headline styles)."""
    source: SourceRef | None = None
    texts: tuple[PrintedText, ...] = ()
    """The front matter's printed values (headline group, dateline, byline …) with their
    places, for the coverage check (the paragraphs carry their own)."""
    summary: tuple[str, ...] = ()
    """提要: lines set under the headline group in the `summary` style."""
    editor_note: tuple[str, ...] = ()
    """编者按: its paragraphs, set before the body in the `editor-note` style."""
    editor_note_signature: str = ""
    """The editor's note signature (编 者), flush right after the note."""
    author: str = ""
    """署名 under the headline (本报记者 孙广勇), beside the end `byline`."""
    tagline: str = ""
    """A sponsor's or campaign line after the body, in the `tagline` style (not an ad)."""

    def all_text(self) -> str:
        """Every character the story asks to print, in reading order (for no-loss checks)."""
        parts = []
        if self.headline:
            parts += [self.headline.banner, self.headline.kicker, self.headline.headline,
                      self.headline.deck]
        parts += list(self.summary)
        parts.append(self.author)
        if self.byline_place == "top":
            parts.append(self.byline)
        parts += list(self.editor_note)
        if self.editor_note:
            parts.append(self.editor_note_signature)
        parts.append(self.dateline)
        parts += [p.text for p in self.paragraphs]
        if self.byline_place != "top":
            parts.append(self.byline)
        parts.append(self.signature)
        parts.append(self.tagline)
        return "".join(parts)
