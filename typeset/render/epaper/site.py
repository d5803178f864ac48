"""Write the e-paper site: page images, page and article views, web photos, epaper.json.

In: the composed `Document` (display list), the `Edition` model, the article parts of the
composition, the PDF written from that same document, and the folder to write. Out: the folder
replaced whole (written beside it first, then swapped in, so a failure leaves the previous
e-paper as it was) and the diagnostics of what could not be made:

    DIR/index.html             the edition, opening on its first page
    DIR/page-01.html …         a view per page: image, hot zones, 上一版/下一版, 版面导航
    DIR/articles/<id>.html     a view per article
    DIR/images/page-01.jpg …   page images (trim box, 150 dpi) and thumb-01.jpg … thumbnails
    DIR/photos/<id>-1.jpg …    the articles' photos, RGB, web size
    DIR/assets/epaper.css, epaper.js
    DIR/epaper.json            for the CMS (schema in `catalog`)

The same input gives byte-identical files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from typeset.diagnostics import Diagnostic, error, warning
from typeset.frame import Document, Marker, PageFrame
from typeset.model.edition import Edition
from typeset.render.epaper import assets, html
from typeset.render.epaper.articles import Article, articles
from typeset.render.epaper.catalog import PageArticle, PageEntry, PhotoFile, catalog, to_json
from typeset.render.epaper.images import ImageProblem, render_pages, web_photo
from typeset.render.epaper.parts import ArticlePart, parts_by_page
from typeset.render.epaper.zones import part_polygon, zone_bounds

CATALOG = "epaper.json"


def write_site(document: Document, edition: Edition, parts: list[ArticlePart], pdf: Path,
               out: Path) -> list[Diagnostic]:
    """Write the site for `document` into `out` (see the module doc)."""
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.writing-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()  # (not mkdtemp: its 0700 would keep a web server out)
    try:
        diags = _write(document, edition, parts, pdf, staging)
        if any(d.severity.value == "error" for d in diags):
            return diags
        _swap(staging, out)
        return diags
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(document: Document, edition: Edition, parts: list[ArticlePart], pdf: Path,
           root: Path) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for folder in ("images", "articles", "photos", "assets"):
        (root / folder).mkdir()
    arts = articles(edition, parts)
    taken: set[str] = set()
    urls = {a.id: f"articles/{html.file_name(a.id, taken)}.html" for a in arts}
    digits = max(2, len(str(max((f.number for f in document.pages), default=1))))
    pages = [PageEntry(f.number, f.label, f"images/page-{f.number:0{digits}d}.jpg", 0, 0,
                       f.width) for f in document.pages]
    try:
        sizes = render_pages(pdf, [(root / p.image, root / html.thumb_of(p)) for p in pages])
    except ImageProblem as exc:
        return [error("epaper-images", str(exc), hint="build the edition again")]
    for page, (width, height) in zip(pages, sizes):
        page.width, page.height = width, height
    by_page = parts_by_page(parts)
    for page, frame in zip(pages, document.pages):
        page.articles = _page_articles(edition, frame, by_page.get(page.number, []))
    photos = _photos(arts, root, urls, diags)
    page_files = [f"page-{p.number:0{digits}d}.html" for p in pages]
    ed = html.Edition(edition.paper, edition.date, edition.issue, edition.weekday)
    titles = {a.id: a.headline or a.id for a in arts}
    for k in range(len(pages)):
        _text(root / page_files[k], html.page_view(ed, pages, k, page_files, titles, urls))
    if pages:
        _text(root / "index.html", html.page_view(ed, pages, 0, page_files, titles, urls))
    by_number = {p.number: f for p, f in zip(pages, page_files)}
    for k, article in enumerate(arts):
        prev_url = urls[arts[k - 1].id] if k > 0 else None
        next_url = urls[arts[k + 1].id] if k + 1 < len(arts) else None
        _text(root / urls[article.id], html.article_view(
            ed, article, photos.get(article.id, []), pages, by_number, prev_url, next_url))
    _text(root / "assets" / "epaper.css", assets.CSS)
    _text(root / "assets" / "epaper.js", assets.JS)
    data = catalog(edition.paper, edition.date, edition.issue, pages, arts, urls, photos)
    _text(root / CATALOG, to_json(data))
    return diags


def _page_articles(edition: Edition, frame: PageFrame, parts: list[ArticlePart]
                   ) -> list[PageArticle]:
    """Each article's zones on the page of `frame`, in the order of the page's slots."""
    page = edition.page(frame.number)
    order = {s.id: k for k, s in enumerate(page.slots)} if page else {}
    slots = [(i.x, i.y, i.x + i.width, i.y + i.height) for i in frame.items
             if isinstance(i, Marker) and i.kind == "slot"]
    entries: dict[str, PageArticle] = {}
    for part in sorted(parts, key=lambda p: order.get(p.slot, len(order))):
        rect = part.slot_rect()
        bounds = zone_bounds(rect, slots, frame.width) if rect else None
        polygon = part_polygon(part.items, bounds) if bounds else None
        if polygon is None:
            continue
        entry = entries.setdefault(part.story, PageArticle(part.story, False))
        entry.first_part = entry.first_part or part.first
        entry.zones.append(polygon)
    return list(entries.values())


def _photos(arts: list[Article], root: Path, urls: dict[str, str],
            diags: list[Diagnostic]) -> dict[str, list[PhotoFile]]:
    """Write every article's photos; a photo that cannot be read is left out, with a warning."""
    out: dict[str, list[PhotoFile]] = {}
    for article in arts:
        stem = Path(urls[article.id]).stem
        for k, photo in enumerate(article.photos, 1):
            name = f"photos/{stem}-{k}.jpg"
            try:
                width, height = web_photo(photo.source, photo.crop, root / name)
            except ImageProblem as exc:
                diags.append(warning("epaper-photo", str(exc), story=article.id,
                                     hint="the article is published without this photo"))
                continue
            out.setdefault(article.id, []).append(
                PhotoFile(name, width, height, photo.caption, photo.credit, photo.title,
                          photo.label))
    return out


def _text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _swap(staging: Path, out: Path) -> None:
    """Put the written folder where `out` is; the previous one goes only once it is there."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.rmdir(old)
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
