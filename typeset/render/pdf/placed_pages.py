"""Pages of other PDFs placed on our pages (advertisements delivered as PDF).

In: `PlacedPage` items while pages are painted. Out: per page, the form XObjects to add and
where (`pages`), filled in by `pdfx.finish` with pikepdf: the ad's page becomes a form XObject
(`as_form_xobject`) scaled to fit its rect, proportions kept. A source that cannot be opened,
or lacks the page, is reported and painted as a crossed frame instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from typeset.diagnostics import Diagnostic, error
from typeset.frame import PlacedPage
from typeset.render.pdf import draw


@dataclass(frozen=True)
class FormPlacement:
    """One form XObject on one page: its resource name, source, page and rect in PDF points
    (x0, y0, x1, y1, origin bottom-left of the MediaBox)."""

    name: str
    source: str
    page: int
    rect: tuple[float, float, float, float]


class PlacedPages:
    """Collects the placed pages of every page while painting; reports unusable sources."""

    def __init__(self, diags: list[Diagnostic]) -> None:
        self._diags = diags
        self._checked: dict[tuple[str, int], bool] = {}
        self._here: list[FormPlacement] = []
        self.pages: list[list[FormPlacement]] = []

    def paint(self, canvas: Canvas, item: PlacedPage, geo: draw.PageGeometry, page: int) -> None:
        """Note `item` for the current page (or draw a crossed frame when it is unusable)."""
        if not self._usable(item, page):
            draw.draw_missing_image(canvas, item, geo)
            return
        x0, y0 = geo.x(item.x), geo.y(item.y + item.height)
        name = f"TSPg{len(self._here) + 1}"
        self._here.append(FormPlacement(name, item.source, item.page,
                                        (x0, y0, x0 + item.width, y0 + item.height)))

    def end_page(self) -> None:
        self.pages.append(self._here)
        self._here = []

    def _usable(self, item: PlacedPage, page: int) -> bool:
        key = (item.source, item.page)
        if key not in self._checked:
            problem = _problem(item)
            self._checked[key] = problem is None
            if problem:
                self._diags.append(error("ad-unreadable", f"{item.source}: {problem}",
                                         page=page, hint="export the ad again as PDF/X-1a"))
        return self._checked[key]


def _problem(item: PlacedPage) -> str | None:
    try:
        with pikepdf.open(item.source) as pdf:
            if item.page >= len(pdf.pages):
                return f"has {len(pdf.pages)} pages, page {item.page + 1} was asked for"
    except pikepdf.PasswordError:
        return "the PDF is encrypted"
    except (pikepdf.PdfError, OSError) as exc:
        return f"cannot be opened as a PDF ({exc})"
    return None


def add_forms(pdf: pikepdf.Pdf, page: pikepdf.Page, placements: list[FormPlacement],
              sources: dict[str, pikepdf.Pdf]) -> None:
    """Add each placement's form XObject to `page` and draw it over the page's content."""
    for placement in placements:
        source = sources.get(placement.source)
        if source is None:
            source = sources[placement.source] = pikepdf.open(placement.source)
        form = pdf.copy_foreign(source.pages[placement.page].as_form_xobject())
        name = pikepdf.Name("/" + placement.name)
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = page.obj.Resources = pikepdf.Dictionary()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            xobjects = resources.XObject = pikepdf.Dictionary()
        xobjects[name] = form
        content = page.calc_form_xobject_placement(
            form, name, pikepdf.Rectangle(*placement.rect), allow_expand=True)
        page.contents_add(pdf.make_stream(content), prepend=False)
