"""The site's HTML: the page view (page image, hot zones, 版面导航) and the article view.

In: plain values — the edition's identity, the pages (image, zones per article), the articles
and their web photos — and `root`, the path from the file written back to the site's folder
("" or "../"). Out: HTML text (UTF-8, no script or style from elsewhere: links are relative,
so the site works from the file system and from any web server).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from html import escape
from string import Template

from typeset.model.story import Run
from typeset.render.epaper.articles import CLOSING, Article
from typeset.render.epaper.catalog import PageArticle, PageEntry, PhotoFile
from typeset.render.epaper.images import THUMB_WIDTH
from typeset.render.epaper.zones import scaled

WEEKDAYS = "一二三四五六日"

PAGE = Template("""\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<link rel="stylesheet" href="${root}assets/epaper.css">
</head>
<body class="$kind">
$masthead
$pager
$main
<script src="${root}assets/epaper.js"></script>
</body>
</html>
""")


@dataclass(frozen=True)
class Edition:
    """What every view shows at the top: paper, date, issue."""

    paper: str
    date: str
    issue: int
    weekday: str = ""

    def date_text(self) -> str:
        """2026年3月7日 星期六 (the weekday as the manifest says, else from the date)."""
        try:
            day = datetime.date.fromisoformat(self.date)
        except ValueError:
            return self.date
        weekday = self.weekday or f"星期{WEEKDAYS[day.weekday()]}"
        return f"{day.year}年{day.month}月{day.day}日 {weekday}"


def page_label(page: PageEntry) -> str:
    """第2版 综合新闻"""
    return f"第{page.number}版 {page.section}".strip()


def _masthead(ed: Edition, root: str) -> str:
    return (f'<header class="masthead"><a class="paper" href="{root}index.html">'
            f'{escape(ed.paper)}</a><span class="date">{escape(ed.date_text())}</span>'
            f'<span class="issue">第{ed.issue}期</span><span>电子版</span></header>')


def _link(href: str | None, text: str, rel: str) -> str:
    if href is None:
        return f'<span class="off {rel}">{text}</span>'
    return f'<a class="{rel}" rel="{rel}" href="{escape(href)}">{text}</a>'


def page_view(ed: Edition, pages: list[PageEntry], index: int, page_files: list[str],
              titles: dict[str, str], urls: dict[str, str], root: str = "") -> str:
    """The view of pages[index]: image with a zone per article part, 上一版/下一版, the
    page's headlines, and every page as a thumbnail."""
    page = pages[index]
    prev_href = root + page_files[index - 1] if index > 0 else None
    next_href = root + page_files[index + 1] if index + 1 < len(pages) else None
    pager = (f'<nav class="pager" aria-label="版面">{_link(prev_href, "上一版", "prev")}'
             f'<span class="current">{escape(page_label(page))}</span>'
             f'{_link(next_href, "下一版", "next")}</nav>')
    zones = []
    for entry in page.articles:
        title = escape(titles.get(entry.id, entry.id))
        for zone in entry.zones:
            points = " ".join(f"{x},{y}" for x, y in scaled(zone, page.scale, 0))
            zones.append(f'<a class="zone" href="{escape(root + urls[entry.id])}" '
                         f'data-article="{escape(entry.id)}" aria-label="{title}">'
                         f'<title>{title}</title><polygon points="{points}"/></a>')
    sheet = (
        '<section class="sheet">'
        '<div class="tools"><button type="button" data-zoom="out" aria-label="缩小">−</button>'
        '<button type="button" data-zoom="fit">适应</button>'
        '<button type="button" data-zoom="in" aria-label="放大">+</button>'
        '<button type="button" data-zones aria-pressed="false">显示热区</button></div>'
        '<div class="viewport" id="viewport"><div class="canvas" id="canvas">'
        f'<img src="{escape(root + page.image)}" width="{page.width}" height="{page.height}" '
        f'alt="{escape(page_label(page))}">'
        f'<svg viewBox="0 0 {page.width} {page.height}" preserveAspectRatio="none" '
        f'class="zones">{"".join(zones)}</svg></div></div></section>')
    heads = "".join(
        f'<li><a href="{escape(root + urls[e.id])}">{escape(titles.get(e.id, e.id))}</a>'
        f'{_jump_note(e, page.number, pages)}</li>' for e in page.articles)
    thumbs = "".join(
        f'<li{" class=current" if k == index else ""}><a href="{escape(root + page_files[k])}">'
        f'<img src="{escape(root + thumb_of(p))}" alt="" width="{THUMB_WIDTH}" '
        f'height="{round(THUMB_WIDTH * p.height / p.width)}">'
        f'<span>{escape(page_label(p))}</span></a></li>' for k, p in enumerate(pages))
    aside = (f'<aside class="sidebar"><h2>本版标题</h2><ol class="titles">{heads}</ol>'
             f'<h2>版面导航</h2><ul class="thumbs">{thumbs}</ul></aside>')
    title = f"{ed.paper} {ed.date} {page_label(page)}"
    return PAGE.substitute(title=escape(title), root=root, kind="page-view",
                           masthead=_masthead(ed, root), pager=pager,
                           main=f'<main class="layout">{sheet}{aside}</main>')


def _jump_note(entry: PageArticle, number: int, pages: list[PageEntry]) -> str:
    """（上接第1版） after the headline of a continuation, （转第2版） after that of a first
    part whose story goes on on another page; "" for a story all on this page."""
    first = [p.number for p in pages for e in p.articles if e.id == entry.id and e.first_part]
    if not entry.first_part:
        return f'<span class="cont">（上接第{first[0]}版）</span>' if first else ""
    others = [p.number for p in pages for e in p.articles
              if e.id == entry.id and not e.first_part and p.number != number]
    return f'<span class="cont">（转第{others[0]}版）</span>' if others else ""


def thumb_of(page: PageEntry) -> str:
    """The thumbnail's path beside the page image (images/page-01.jpg → images/thumb-01.jpg)."""
    return page.image.replace("page-", "thumb-")


def _runs(runs: tuple[Run, ...]) -> str:
    return "".join(f"<strong>{escape(r.text)}</strong>" if r.emphasis else escape(r.text)
                   for r in runs)


def article_view(ed: Edition, article: Article, photos: list[PhotoFile],
                 pages: list[PageEntry], page_files: dict[int, str],
                 prev_url: str | None, next_url: str | None, root: str = "../") -> str:
    """The article: 栏目, 引题, 主题, 副题, author, photos with caption and credit, the body
    with its dateline run in, byline and signature; links to the pages it is on."""
    labels = {p.number: page_label(p) for p in pages}
    on_pages = [n for n in article.pages if n in page_files]
    back = [_link(root + page_files[n], escape(labels[n]), "page") for n in on_pages]
    pager = (f'<nav class="pager" aria-label="文章">{"".join(back)}'
             f'{_link(root + prev_url if prev_url else None, "上一篇", "prev")}'
             f'{_link(root + next_url if next_url else None, "下一篇", "next")}</nav>')
    head = []
    if article.column:
        head.append(f'<p class="column">{escape(article.column)}</p>')
    if article.kicker:
        head.append(f'<p class="kicker">{escape(article.kicker)}</p>')
    head.append(f'<h1 class="headline">{escape(article.headline)}</h1>')
    if article.deck:
        head.append(f'<p class="deck">{escape(article.deck)}</p>')
    head += [f'<p class="summary">{escape(line)}</p>' for line in article.summary]
    if article.author_line:
        head.append(f'<p class="author-line">{escape(article.author_line)}</p>')
    meta = []
    if article.author:
        meta.append(f'<span class="author">作者：{escape(article.author)}</span>')
    if on_pages:
        meta.append(f'<span class="pages">{"、".join(f"第{n}版" for n in on_pages)}</span>')
    if meta:
        head.append(f'<p class="meta">{"".join(meta)}</p>')
    figures = "".join(
        f'<figure><img src="{escape(root + p.image)}" width="{p.width}" height="{p.height}" '
        f'alt="{escape(p.caption)}"><figcaption>'
        f'{f"<b class=photo-title>{escape(p.title)}</b> " if p.title else ""}{escape(p.caption)}'
        f'{f"<span class=credit>{escape(p.credit)}</span>" if p.credit else ""}'
        '</figcaption></figure>' for p in photos)
    body = []
    if article.byline and article.byline_top:
        body.append(f'<p class="byline">{escape(article.byline)}</p>')
    for k, note in enumerate(article.editor_note):
        lead = "<b>编者按：</b>" if k == 0 else ""
        body.append(f'<p class="editor-note">{lead}{escape(note)}</p>')
    if article.editor_note and article.editor_note_signature:
        body.append(f'<p class="editor-note signature">{escape(article.editor_note_signature)}'
                    '</p>')
    styles = article.paragraph_styles or ("",) * len(article.paragraphs)
    for k, (runs, style) in enumerate(zip(article.paragraphs, styles)):
        html = _runs(runs)
        if style == "crosshead":
            body.append(f'<h2 class="crosshead">{html}</h2>')
            continue
        if k == 0 and article.dateline:
            gap = "" if article.dateline.endswith(CLOSING) else "\u3000"
            html = f'<span class="dateline">{escape(article.dateline)}</span>{gap}{html}'
        body.append(f'<p class="{escape(style)}">{html}</p>' if style else f"<p>{html}</p>")
    if article.dateline and not article.paragraphs:
        body.append(f'<p><span class="dateline">{escape(article.dateline)}</span></p>')
    if article.byline and not article.byline_top:
        body.append(f'<p class="byline">{escape(article.byline)}</p>')
    if article.signature:
        body.append(f'<p class="signature">{escape(article.signature)}</p>')
    if article.tagline:
        body.append(f'<p class="tagline">{escape(article.tagline)}</p>')
    where = "".join(f'<a href="{escape(root + page_files[n])}">{escape(labels[n])}</a> '
                    for n in on_pages)
    main = (f'<article data-article="{escape(article.id)}">{"".join(head)}{figures}'
            f'<div class="body">{"".join(body)}</div>'
            f'<p class="onpages">本文见：{where.strip()}</p></article>')
    title = f"{article.headline} - {ed.paper} {ed.date}"
    return PAGE.substitute(title=escape(title), root=root, kind="article-view",
                           masthead=_masthead(ed, root), pager=pager, main=main)


def file_name(article_id: str, taken: set[str]) -> str:
    """A file name for an article: its id when that is a plain ASCII name, else the id's safe
    characters and a short hash of it; unique (case-blind) among `taken`, which it joins."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", article_id).strip("-")
    if safe != article_id or not safe:
        digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
        safe = f"{safe}-{digest}" if safe else f"article-{digest}"
    name, n = safe, 2
    while name.lower() in taken:
        name, n = f"{safe}-{n}", n + 1
    taken.add(name.lower())
    return name
