"""epaper.json: the edition, its pages with each article's zones, and the articles, for the
paper's CMS.

In: the edition's identity, the laid-out pages (`PageEntry`: image file and size, zones per
article in points) and the articles with their file names. Out: plain data in the issue's
schema, and its JSON text (keys in schema order, UTF-8, ends with a newline: the same input
gives the same bytes).

    {"paper", "date", "issue",
     "pages": [{"number", "section", "image", "width", "height",
                "articles": [{"id", "first_part", "zones", "zones_pt"}]}],
     "articles": [{"id", "kicker", "headline", "deck", "author", "dateline", "byline",
                   "text", "paragraphs", "photos", "pages", "url"}]}

`zones` are polygons in image pixels (integers), `zones_pt` the same polygons in PDF points
from the trim box's top-left corner, y down (two decimals).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from typeset.render.epaper.articles import Article
from typeset.render.epaper.zones import Polygon, scaled


@dataclass
class PageArticle:
    """An article's zones on one page (points), and whether its first part is there."""

    id: str
    first_part: bool
    zones: list[Polygon] = field(default_factory=list)


@dataclass
class PageEntry:
    """A page of the e-paper: folio, section, image (relative path, pixels), trim size (pt)."""

    number: int
    section: str
    image: str
    width: int
    height: int
    trim_width: float
    articles: list[PageArticle] = field(default_factory=list)

    @property
    def scale(self) -> float:
        """Image pixels per point."""
        return self.width / self.trim_width


@dataclass(frozen=True)
class PhotoFile:
    """A web photo written for an article: relative path, pixels, texts."""

    image: str
    width: int
    height: int
    caption: str
    credit: str
    title: str = ""
    label: str = ""


def catalog(paper: str, date: str, issue: int, pages: list[PageEntry],
            articles: list[Article], urls: dict[str, str],
            photos: dict[str, list[PhotoFile]]) -> dict:
    """The epaper.json data (see the module doc)."""
    return {
        "paper": paper, "date": date, "issue": issue,
        "pages": [{
            "number": page.number, "section": page.section, "image": page.image,
            "width": page.width, "height": page.height,
            "articles": [{
                "id": entry.id, "first_part": entry.first_part,
                "zones": [_points(scaled(z, page.scale, 0)) for z in entry.zones],
                "zones_pt": [_points(scaled(z, 1.0, 2)) for z in entry.zones],
            } for entry in page.articles],
        } for page in pages],
        "articles": [{
            "id": a.id, "kicker": a.kicker, "headline": a.headline, "deck": a.deck,
            "author": a.author, "dateline": a.dateline, "byline": a.byline or a.signature,
            "text": a.text, "paragraphs": a.paragraph_texts,
            "photos": [{"image": p.image, "width": p.width, "height": p.height,
                        "caption": p.caption, "credit": p.credit, "title": p.title,
                        "label": p.label}
                       for p in photos.get(a.id, [])],
            "pages": list(a.pages), "url": urls[a.id],
        } for a in articles],
    }


def _points(polygon: Polygon) -> list[list]:
    return [[x, y] for x, y in polygon]


_POINT = re.compile(r"\[\s+(-?[0-9.]+),\s+(-?[0-9.]+)\s+\]")


def to_json(data: dict) -> str:
    """The JSON text of `data`: schema order kept, non-ASCII as is, two-space indent, each
    corner of a polygon on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _POINT.sub(r"[\1, \2]", text) + "\n"
