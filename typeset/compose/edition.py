"""Compose a whole edition: follow every story through its jump chain, then build each page.

In: an `Edition`, a `FontBook`, and the pixel sizes of the images it names. Out: a `Document`
(display list of every page) and all diagnostics, in page order. Pure: no files are read.

The work comes in parts (`compose_part`: the stories that start on some pages, then those
pages), so that pages connected by no jump can be composed in other processes
(`typeset.page_pool`); `compose_edition` puts the parts together in one order whoever made
them, so a build composed in parts is the same as one composed whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from typeset.compose.context import ComposeContext
from typeset.compose.coverage import check_edition
from typeset.compose.page import compose_page
from typeset.compose.proof_marks import diagnostic_markers, grid_markers
from typeset.compose.story import ChainLink, StoryResult, compose_story
from typeset.diagnostics import Diagnostic, error
from typeset.fonts import FontBook
from typeset.frame import Document, DocumentInfo, PageFrame
from typeset.model.edition import Edition, Page, Slot
from typeset.model.folio import Folio, folio_key
from typeset.session import current
from typeset.text import CompositionRules


def story_chain(edition: Edition, page: Page, slot: Slot,
                contexts: dict[str, ComposeContext]) -> list[ChainLink]:
    """The slot a story starts in, then each `continue:` target in turn (loops are cut; the
    manifest loader reports them before layout)."""
    chain = [ChainLink(page, slot, contexts[page.layout.name])]
    seen = {(page.number, slot.id)}
    current = slot
    while current.continue_to is not None:
        target_page = edition.page(current.continue_to.page)
        if target_page is None:
            break
        target = next((s for s in target_page.slots if s.id == current.continue_to.slot), None)
        if target is None or (target_page.number, target.id) in seen:
            break
        seen.add((target_page.number, target.id))
        chain.append(ChainLink(target_page, target, contexts[target_page.layout.name]))
        current = target
    return chain


def jump_groups(edition: Edition) -> list[list[Folio]]:
    """The edition's pages in groups that no jump crosses (`continue:` joins the page a story
    jumps from and the page it jumps to), each in page order, groups by their first page: a
    group can be fitted and composed without the others."""
    numbers = [page.number for page in edition.pages]
    parent = {n: n for n in numbers}

    def root(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for page in edition.pages:
        for slot in page.slots:
            target = edition.page(slot.continue_to.page) if slot.continue_to else None
            if target is not None:
                a, b = root(page.number), root(target.number)
                if a != b:
                    parent[max(a, b, key=numbers.index)] = min(a, b, key=numbers.index)
    groups: dict[Folio, list[Folio]] = {}
    for n in numbers:
        groups.setdefault(root(n), []).append(n)
    return list(groups.values())


@dataclass
class EditionPart:
    """What composing some pages gave: the stories that start on them (by where they start:
    page index, slot index) and each page's frame and diagnostics (by page index)."""

    stories: dict[tuple[int, int], StoryResult]
    pages: dict[int, tuple[PageFrame, list[Diagnostic]]]


def contexts_for(edition: Edition, fonts: FontBook,
                 image_sizes: dict | None) -> dict[str, ComposeContext]:
    """One ComposeContext per layout of the edition."""
    contexts: dict[str, ComposeContext] = {}
    for page in edition.pages:
        if page.layout.name not in contexts:
            rules = CompositionRules.from_mapping(page.layout.composition or {})
            contexts[page.layout.name] = ComposeContext(page.layout, fonts, rules, edition,
                                                        image_sizes or {})
    return contexts


def compose_part(edition: Edition, fonts: FontBook, image_sizes: dict | None,
                 numbers: set[Folio] | None = None) -> EditionPart:
    """Set the stories that start on the pages `numbers` (all when None) and build those
    pages. The pages must be closed under jumps (`jump_groups`): a page's frame holds the
    stories jumping into it."""
    contexts = contexts_for(edition, fonts, image_sizes)
    stories: dict[tuple[int, int], StoryResult] = {}
    outputs: dict[tuple[Folio, str], object] = {}
    wanted = [(index, page) for index, page in enumerate(edition.pages)
              if numbers is None or page.number in numbers]
    for index, page in wanted:
        for at, slot in enumerate(page.slots):
            if slot.kind != "story" or not slot.story:
                continue
            story = edition.stories.get(slot.story)
            if story is None:
                continue  # reported by the manifest loader
            result = _compose_story_cached(story, story_chain(edition, page, slot, contexts),
                                           edition)
            stories[(index, at)] = result
            for out in result.slots:
                outputs[(out.page, out.slot)] = out
    pages = {}
    for index, page in wanted:
        page_outputs = {slot_id: out for (number, slot_id), out in outputs.items()
                        if number == page.number}
        pages[index] = compose_page(page, edition, contexts[page.layout.name], page_outputs,
                                    page.is_front)
    return EditionPart(stories, pages)


def compose_edition(edition: Edition, fonts: FontBook,
                    image_sizes: dict[str, tuple[int, int] | None] | None = None,
                    pages: set[Folio] | None = None, parts: list[EditionPart] | None = None
                    ) -> tuple[Document, list[Diagnostic], list[StoryResult]]:
    """Set every story and page; `pages` limits which pages are returned (all are composed,
    since jumps connect them). `parts`: the edition already composed in parts
    (`compose_part` over groups of `jump_groups`, in any processes), put together here in
    the order a whole composition has: stories by where they start, then pages."""
    diags: list[Diagnostic] = list(getattr(fonts, "warnings", ()))
    coverage, uncovered = check_edition(edition, fonts)
    diags += coverage
    if parts is None:
        parts = [compose_part(edition, fonts, image_sizes)]
    stories = {at: result for part in parts for at, result in part.stories.items()}
    composed = {index: made for part in parts for index, made in part.pages.items()}
    results: list[StoryResult] = [stories[at] for at in sorted(stories)]
    for result in results:
        diags.extend(result.diagnostics)
    frames = []
    by_number = {}
    for index, page in enumerate(edition.pages):
        frame, page_diags = composed[index]
        diags.extend(page_diags)
        if pages is None or page.number in pages:
            frames.append(frame)
            by_number[page.number] = page
    frames = [replace(f, items=f.items + tuple(grid_markers(by_number[f.number]))
                      + tuple(diagnostic_markers(by_number[f.number], diags)))
              for f in frames]
    if pages:
        missing = sorted(pages - {p.number for p in edition.pages}, key=folio_key)
        for number in missing:
            diags.append(error("no-such-page", f"the edition has no page {number}",
                                 page=number, hint="see the page numbers in edition.yaml"))
    diags = [d for d in diags if not _reported(d, uncovered)]
    issue = f" 第{edition.issue}期" if edition.issue else ""
    info = DocumentInfo(title=f"{edition.paper} {edition.date}{issue}",
                        paper=edition.paper, date=edition.date, timestamp=edition.timestamp)
    return Document(tuple(frames), info), _ordered(diags), results
SET_STORIES = "compose.stories"
"""The session's table of stories already set, by the story itself (frozen data) and
everything about its chain that can change the result; a re-proof after a one-story change
sets only that story."""
_SET_LIMIT = 2048


def _compose_story_cached(story, chain: list[ChainLink], edition: Edition) -> StoryResult:
    """`compose_story`, reusing the result when nothing it depends on has changed (the
    session's table "set-stories", keyed by the story itself — frozen data — and everything
    about its chain that can change the result): a re-proof after a one-story change sets
    only that story.

    The key holds the layout and font book objects themselves (alive as long as the entry is),
    so comparing their ids is sound; unchanged layouts are the same object across builds
    (manifest.layout_file keeps them in the session by file state)."""
    links = tuple(
        (link.page.number, link.slot, link.ctx.rules, link.page.layout, id(link.page.layout),
         link.ctx.fonts, id(link.ctx.fonts),
         link.ctx.image_sizes.get(str(Path(edition.folder) / link.slot.photo.file))
         if link.slot.photo else None)
        for link in chain)
    key = (story, edition.folder, links)
    return current().memo(SET_STORIES, _SET_LIMIT).get_or_make(
        key, lambda: compose_story(story, chain))


def _reported(diag: Diagnostic, uncovered: set[str]) -> bool:
    """A composer's missing-glyph whose characters the coverage check already reported at
    their own file:line:column (one problem, one error)."""
    if diag.code != "missing-glyph" or diag.source is not None:
        return False
    chars = str(dict(diag.data).get("characters", ""))
    return bool(chars) and set(chars) <= uncovered


def _ordered(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics by page, then in the order they were found (stable)."""
    return sorted(diags, key=lambda d: (0, folio_key(d.page)) if d.page is not None else (-1,))
