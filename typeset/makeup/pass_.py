"""The make-up pass: every `make_up: auto` page given the best tree the search finds.

In: an `Edition`, a `FontBook`, image sizes. Out: `MakeupResult`. An edition without
`make_up: auto` pages is returned as it is; the others go to `typeset.makeup.pages`
(imported only then), which does the work: first the headline lever
(`typeset.makeup.hierarchy`: the lead's 主题 the page's largest). The free space is the type
area (below the masthead on the first page) less the pinned items (`at:`, anywhere on the
page): it is cut into rectangles by guillotine cuts along the pinned items' edges (the
modules then stand L-shaped around them), the units dealt to the rectangles in priority
order (the first, top-left, holds the lead), each rectangle searched; the cheapest sum wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from typeset.diagnostics import Diagnostic
from typeset.fonts import FontBook
from typeset.model.edition import Edition

if TYPE_CHECKING:  # annotations only: the search's modules load with `typeset.makeup.pages`
    from typeset.makeup.search import Candidate
    from typeset.model.stack import Container


@dataclass
class PageChoice:
    """What the search chose for one page."""

    page: int
    containers: tuple[Container, ...]
    candidates: list[Candidate]
    tried: int
    seconds: float
    vertical: tuple[str, ...] = ()


@dataclass
class MakeupResult:
    """The edition with its make-up pages given trees, the choices and the diagnostics."""

    edition: Edition
    pages: list[PageChoice] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def make_up_edition(edition: Edition, fonts: FontBook, image_sizes: dict | None = None
                    ) -> MakeupResult:
    """Give every `make_up: auto` page a stack/row tree (pages in order)."""
    result = MakeupResult(edition)
    if not any(p.make_up == "auto" for p in edition.pages):
        return result
    # Imported here: the search (and the fitting it measures with) is needed only by an
    # edition with make_up: auto pages, not by every build's start-up.
    from typeset.makeup.pages import make_up_pages

    return make_up_pages(edition, fonts, image_sizes, result)
