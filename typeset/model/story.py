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
class Paragraph:
    """One paragraph of body text, with where it came from."""

    runs: tuple[Run, ...]
    source: SourceRef | None = None
    indent: bool = True
    """False for a paragraph that continues a sentence (no first-line indent)."""
    style: str = ""
    """The layout style the paragraph is set in: "" = the body style; "crosshead" for a
    小标题 (`## …` in the story file); any other style named by a `{.style}` suffix."""

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
