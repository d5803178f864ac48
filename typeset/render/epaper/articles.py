"""Articles from the edition model: headline group, author, dateline, body, photos, byline.

In: the `Edition` (stories as written, pages and slots) and the article parts of the
composition. Out: an `Article` per story that was set, in edition order (by the page and slot
it starts in), holding its text exactly as the story file gives it; the photos point at the
pictures the composition placed (source file and crop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from typeset.frame import ImageItem
from typeset.model.edition import Edition, Page, Slot
from typeset.model.story import EDITOR_NOTE_LEAD, Run, Story
from typeset.render.epaper.parts import ArticlePart

RUN_IN_SPACE = "\u3000"
CLOSING = ("）", ")", "】", "〕", "」")
"""A dateline ending in a closing bracket runs straight into the text (as in print)."""
ROLE_WORDS = ("本报记者", "特约记者", "见习记者", "实习记者", "首席记者", "记者", "特约通讯员",
              "通讯员", "实习生", "摄影")
"""Words before a name in a dateline or byline (记者 周晓岚); not part of the author."""


@dataclass(frozen=True)
class ArticlePhoto:
    """A photo of an article: the placed picture (file and crop in pixels) and its texts."""

    source: str
    crop: tuple[int, int, int, int]
    caption: str
    credit: str
    title: str = ""
    """图片标题 and 栏目 label of the photo (issue 17)."""
    label: str = ""


@dataclass(frozen=True)
class Article:
    """One story as the e-paper shows it."""

    id: str
    column: str
    """栏目: the series banner, or the section label heading the story's stack of slots."""
    kicker: str
    headline: str
    deck: str
    author: str
    dateline: str
    byline: str
    byline_top: bool
    signature: str
    paragraphs: tuple[tuple[Run, ...], ...]
    photos: tuple[ArticlePhoto, ...]
    pages: tuple[int, ...]
    summary: tuple[str, ...] = ()
    """提要 lines (issue 17), shown before the text."""
    author_line: str = ""
    """The 署名 under the headline as written (本报记者 孙广勇)."""
    editor_note: tuple[str, ...] = ()
    editor_note_signature: str = ""
    tagline: str = ""
    paragraph_styles: tuple[str, ...] = ()
    """Per paragraph: "" (body), "crosshead" (## 小标题) or the `{.style}` it names."""

    @property
    def paragraph_texts(self) -> list[str]:
        """Each paragraph's characters, as written."""
        return ["".join(r.text for r in runs) for runs in self.paragraphs]

    @property
    def text(self) -> str:
        """The whole story text as written, in reading order, one line per paragraph: the
        dateline run into the first paragraph (as printed), the byline and signature on
        lines of their own. The headline group is in its own fields."""
        lines = list(self.summary) + ([self.author_line] if self.author_line else [])
        lines += [self.byline] if self.byline and self.byline_top else []
        lines += [(EDITOR_NOTE_LEAD if i == 0 else "") + note
                  for i, note in enumerate(self.editor_note)]
        if self.editor_note and self.editor_note_signature:
            lines.append(self.editor_note_signature)
        paras = self.paragraph_texts
        if self.dateline:
            gap = "" if self.dateline.endswith(CLOSING) else RUN_IN_SPACE
            paras = [self.dateline + gap + paras[0]] + paras[1:] if paras else [self.dateline]
        lines += paras
        if self.byline and not self.byline_top:
            lines.append(self.byline)
        if self.signature:
            lines.append(self.signature)
        if self.tagline:
            lines.append(self.tagline)
        return "\n".join(lines)


def articles(edition: Edition, parts: list[ArticlePart]) -> list[Article]:
    """An `Article` for every story with a part, in the order of the parts' first slots."""
    chains: dict[str, list[ArticlePart]] = {}
    for part in parts:
        chains.setdefault(part.story, []).append(part)
    out = []
    for story_id, chain in chains.items():
        story = edition.stories.get(story_id)
        if story is None:
            continue
        first = min(chain, key=lambda p: p.index)
        page = edition.page(first.page)
        slot = next((s for s in page.slots if s.id == first.slot), None) if page else None
        out.append(make_article(story, edition, page, slot, chain))
    return out


def make_article(story: Story, edition: Edition, page: Page | None, slot: Slot | None,
                 chain: list[ArticlePart]) -> Article:
    """The `Article` of one story set through `chain`."""
    head = story.headline
    pages = tuple(sorted({p.page for p in chain if p.items}))
    column = (head.banner if head and head.banner else "") or (
        section_label(page, slot) if page and slot else "")
    return Article(
        id=story.id, column=column, kicker=head.kicker if head else "",
        headline=head.headline if head else "", deck=head.deck if head else "",
        author=author_of(story), dateline=story.dateline, byline=story.byline,
        byline_top=story.byline_place == "top", signature=story.signature,
        paragraphs=tuple(p.runs for p in story.paragraphs),
        photos=_photos(edition, slot, chain), pages=pages,
        summary=story.summary, author_line=story.author, editor_note=story.editor_note,
        editor_note_signature=story.editor_note_signature, tagline=story.tagline,
        paragraph_styles=tuple(p.style for p in story.paragraphs))


def _photos(edition: Edition, slot: Slot | None, chain: list[ArticlePart]
            ) -> tuple[ArticlePhoto, ...]:
    """The story's photo as placed (the picture item of its first part), with its texts."""
    if slot is None or slot.photo is None:
        return ()
    images = [i for p in chain if p.index == 0 for i in p.items if isinstance(i, ImageItem)]
    if not images:
        return ()  # unreadable: composed as a crossed frame
    image = images[0]
    return (ArticlePhoto(image.source, image.crop, slot.photo.caption, slot.photo.credit,
                         slot.photo.title, slot.photo.label),)


def section_label(page: Page, slot: Slot) -> str:
    """The text of a label slot (栏目 head) over the stack of slots `slot` stands in: a label
    slot of the same columns whose foot is the top of the stack's first slot."""
    area = slot.area
    stacked = {(s.area.top, s.area.bottom) for s in page.slots
               if s.area.column == area.column and s.area.span == area.span}
    top = area.top
    while True:
        for other in page.slots:
            if (other.kind == "label" and other.area.column == area.column
                    and other.area.span == area.span and other.area.bottom == top):
                return other.label
        above = [t for t, b in stacked if b == top]
        if not above:
            return ""
        top = above[0]


def author_of(story: Story) -> str:
    """The people the story credits, 、-separated: the names in the dateline's brackets or
    after its role words (本报讯（记者 周晓岚） → 周晓岚), else the byline's ((林涛、许敏) →
    林涛、许敏), else the signature (本报评论员)."""
    names = (_names(story.author, need_role=False) or _names(story.dateline, need_role=True)
             or _names(story.byline, need_role=False))
    if not names and story.signature:
        names = [story.signature]
    return "、".join(names)


def _names(text: str, need_role: bool) -> list[str]:
    if not text:
        return []
    inside = re.findall(r"[（(]([^）)]*)[）)]", text)
    source = " ".join(inside) if inside else text
    has_role = any(word in source for word in ROLE_WORDS)
    if need_role and not has_role and not inside:
        return []
    for word in ROLE_WORDS:
        source = source.replace(word, " ")
    names = []
    for token in re.split(r"[\s、，,;；/／]+", source):
        token = token.strip("（）() ")
        if not token or re.search(r"\d|讯$|电$|^本报", token):
            continue
        if token not in names:
            names.append(token)
    return names
