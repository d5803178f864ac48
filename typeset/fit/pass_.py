"""The fitting pass: every page's containers measured, shared out and resolved to slots.

In: an `Edition`, a `FontBook`, image sizes. Out: `FitResult` (edition with plain slots, one
`FitItem` per item of every container, diagnostics). Pages are fitted in order, so an empty
continuation slot in a stack is measured with the rest of the story that jumps into it once
the page it jumps from is fitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from typeset.compose.context import ComposeContext
from typeset.diagnostics import Diagnostic
from typeset.fonts import FontBook
from typeset.model.edition import Edition, GridArea, Page
from typeset.text import CompositionRules


@dataclass(frozen=True)
class FitItem:
    """One item of a container as fitted: what it holds, what it needs, what it was given."""

    page: int
    container: str
    slot: str
    kind: str
    story: str = ""
    chars: int = 0
    """字数 of the story's body."""
    line_chars: float = 0.0
    """Body characters per grid line across the slot."""
    natural: int = 0
    """Grid lines the item takes at its width as set (0 when elastic)."""
    given: int = 0
    area: GridArea | None = None
    note: str = ""
    elastic: bool = False
    photo_lines: int | None = None
    """The photo's picture height the photo lever chose (None: as the manifest says)."""
    headline_lines: int | None = None
    """The 主题's most lines the headline lever chose (None: as the manifest says)."""
    tracking: float | None = None
    """The tracking (压字/拉字) the tracking lever chose, em (None: as the manifest says)."""
    spacing: int | None = None
    """The headline group's spacing lines the spacing lever chose (None: as written)."""

    @property
    def over(self) -> int:
        """Lines that do not fit (> 0) or are left empty (< 0) beyond the item's foot."""
        return 0 if self.elastic or not self.natural else self.natural - self.given


@dataclass
class FitResult:
    """The fitted edition, what was done per item, and what could not be absorbed."""

    edition: Edition
    items: list[FitItem] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def contexts_for(edition: Edition, fonts: FontBook,
                 image_sizes: dict | None) -> dict[str, ComposeContext]:
    """One ComposeContext per layout, as the composer makes them."""
    out: dict[str, ComposeContext] = {}
    for page in edition.pages:
        if page.layout.name not in out:
            rules = CompositionRules.from_mapping(page.layout.composition or {})
            out[page.layout.name] = ComposeContext(page.layout, fonts, rules, edition,
                                                   image_sizes or {})
    return out


def fit_edition(edition: Edition, fonts: FontBook, image_sizes: dict | None = None,
                pages: set[int] | None = None, parts: list[dict] | None = None) -> FitResult:
    """Resolve every container of the edition (all pages: jumps connect them). `parts`: the
    edition already fitted in parts (`fit_part` over groups of pages no jump crosses, in
    any processes), put together here in page order, as a whole fit gives them."""
    if not any(page.containers for page in edition.pages):
        return FitResult(edition)
    if parts is None:
        parts = [fit_part(edition, fonts, image_sizes)]
    fitted = {index: done for part in parts for index, done in part.items()}
    result = FitResult(edition)
    new_pages = list(edition.pages)
    for index in sorted(fitted):
        new_pages[index], items, diagnostics = fitted[index]
        result.items.extend(items)
        result.diagnostics.extend(diagnostics)
    result.edition = replace(edition, pages=tuple(new_pages))
    if pages is not None:
        result.items = [i for i in result.items if i.page in pages]
    return result


def fit_part(edition: Edition, fonts: FontBook, image_sizes: dict | None = None,
             numbers: set | None = None) -> dict[int, tuple[Page, list, list]]:
    """Fit the pages `numbers` (all when None; a set closed under jumps) in page order:
    page index → (the fitted page, its `FitItem`s, its diagnostics), for pages with
    containers."""
    contexts = contexts_for(edition, fonts, image_sizes)
    new_pages = list(edition.pages)
    done = {}
    for index, page in enumerate(edition.pages):
        if not page.containers or (numbers is not None and page.number not in numbers):
            continue
        # Imported here: an edition without stacks or rows never needs the measuring,
        # sharing and lever modules (≈ 8 ms of a build's start-up).
        from typeset.fit.page_fitter import PageFitter

        result = FitResult(edition)
        new_pages[index] = PageFitter(page, contexts, result, new_pages).run()
        done[index] = (new_pages[index], result.items, result.diagnostics)
    return done


__all__ = ["FitItem", "FitResult", "fit_edition", "fit_part"]
