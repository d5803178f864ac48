"""Compose a whole edition: follow every story through its jump chain, then build each page.

In: an `Edition`, a `FontBook`, and the pixel sizes of the images it names. Out: a `Document`
(display list of every page) and all diagnostics, in page order. Pure: no files are read.
"""

from __future__ import annotations

from typeset.compose.context import ComposeContext
from typeset.compose.coverage import check_edition
from dataclasses import replace
from pathlib import Path

from typeset.compose.page import compose_page
from typeset.compose.proof_marks import diagnostic_markers, grid_markers
from typeset.compose.story import ChainLink, StoryResult, compose_story
from typeset.diagnostics import Diagnostic, error
from typeset.fonts import FontBook
from typeset.frame import Document, DocumentInfo
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


def compose_edition(edition: Edition, fonts: FontBook,
                    image_sizes: dict[str, tuple[int, int] | None] | None = None,
                    pages: set[Folio] | None = None
                    ) -> tuple[Document, list[Diagnostic], list[StoryResult]]:
    """Set every story and page; `pages` limits which pages are returned (all are composed,
    since jumps connect them)."""
    diags: list[Diagnostic] = list(getattr(fonts, "warnings", ()))
    coverage, uncovered = check_edition(edition, fonts)
    diags += coverage
    contexts: dict[str, ComposeContext] = {}
    for page in edition.pages:
        if page.layout.name not in contexts:
            rules = CompositionRules.from_mapping(page.layout.composition or {})
            contexts[page.layout.name] = ComposeContext(page.layout, fonts, rules, edition,
                                                        image_sizes or {})
    results: list[StoryResult] = []
    outputs: dict[tuple[int, str], object] = {}
    for page in edition.pages:
        for slot in page.slots:
            if slot.kind != "story" or not slot.story:
                continue
            story = edition.stories.get(slot.story)
            if story is None:
                continue  # reported by the manifest loader
            result = _compose_story_cached(story, story_chain(edition, page, slot, contexts),
                                           edition)
            results.append(result)
            diags.extend(result.diagnostics)
            for out in result.slots:
                outputs[(out.page, out.slot)] = out
    frames = []
    by_number = {}
    for page in edition.pages:
        ctx = contexts[page.layout.name]
        page_outputs = {slot_id: out for (number, slot_id), out in outputs.items()
                        if number == page.number}
        frame, page_diags = compose_page(page, edition, ctx, page_outputs, page.is_front)
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
