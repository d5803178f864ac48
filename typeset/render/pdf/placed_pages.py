"""Pages of other PDFs placed on our pages (advertisements delivered as PDF).

In: `PlacedPage` items while pages are painted. Out: per page, the form XObjects to add and
where (`pages`), filled in by `pdfx.finish` with pikepdf: the ad's page becomes a form XObject
(`as_form_xobject`) whose BBox — and so its clip — is the page's trim box (TrimBox, else
CropBox, else MediaBox, inside the MediaBox), so the agency's bleed and marks never show. The
trim box is mapped onto the rect: exactly when the item says `stretch` (compose fitted the
proportions), else scaled to fit, proportions kept, centred. A source that cannot be opened,
or lacks the page, is reported and painted as a crossed frame instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from typeset.render.pdf.content import PageContent

from typeset.diagnostics import Diagnostic, error
from typeset.frame import PlacedPage
from typeset.render.pdf import draw


@dataclass(frozen=True)
class FormPlacement:
    """One form XObject on one page: its resource name, source, page and rect in PDF points
    (x0, y0, x1, y1, origin bottom-left of the MediaBox); `stretch`: fill the rect exactly."""

    name: str
    source: str
    page: int
    rect: tuple[float, float, float, float]
    stretch: bool = False


class PlacedPages:
    """Collects the placed pages of every page while painting; reports unusable sources."""

    def __init__(self, diags: list[Diagnostic]) -> None:
        self._diags = diags
        self._checked: dict[tuple[str, int], bool] = {}
        self._here: list[FormPlacement] = []
        self.pages: list[list[FormPlacement]] = []

    def paint(self, canvas: PageContent, item: PlacedPage, geo: draw.PageGeometry, page: int) -> None:
        """Note `item` for the current page (or draw a crossed frame when it is unusable)."""
        if not self._usable(item, page):
            draw.draw_missing_image(canvas, item, geo)
            return
        x0, y0 = geo.x(item.x), geo.y(item.y + item.height)
        name = f"TSPg{len(self._here) + 1}"
        self._here.append(FormPlacement(name, item.source, item.page,
                                        (x0, y0, x0 + item.width, y0 + item.height),
                                        item.stretch))

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
            x0, y0, x1, y1 = trim_box(pdf.pages[item.page])
            if x1 <= x0 or y1 <= y0:
                return f"page {item.page + 1} has an empty trim box (nothing to place)"
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
        ad_page = source.pages[placement.page]
        trim = trim_box(ad_page)
        form = pdf.copy_foreign(ad_page.as_form_xobject())
        form.BBox = pikepdf.Array(trim)
        name = pikepdf.Name("/" + placement.name)
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = page.obj.Resources = pikepdf.Dictionary()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            xobjects = resources.XObject = pikepdf.Dictionary()
        xobjects[name] = form
        matrix = placement_matrix(_matrix(form), trim, placement.rect, placement.stretch)
        numbers = " ".join(f"{v:.6f}".rstrip("0").rstrip(".") for v in matrix)
        content = f"q {numbers} cm /{placement.name} Do Q\n".encode()
        page.contents_add(pdf.make_stream(content), prepend=False)


def trim_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """The part of an ad's page that is placed: its TrimBox, else CropBox, else MediaBox
    (pikepdf's fallbacks), clipped to the MediaBox; (x0, y0, x1, y1) in its own units."""
    tx0, ty0, tx1, ty1 = _normal(page.trimbox)
    mx0, my0, mx1, my1 = _normal(page.mediabox)
    return max(tx0, mx0), max(ty0, my0), min(tx1, mx1), min(ty1, my1)


def placement_matrix(form_matrix: tuple[float, ...], bbox: tuple[float, float, float, float],
                     rect: tuple[float, float, float, float], stretch: bool
                     ) -> tuple[float, float, float, float, float, float]:
    """The `cm` that puts a form (its BBox as turned by its /Matrix) onto `rect`: exactly
    (`stretch`), or scaled uniformly to fit and centred."""
    a, b, c, d, e, f = form_matrix
    xs, ys = [], []
    for x, y in ((bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    rx0, ry0, rx1, ry1 = rect
    sx, sy = (rx1 - rx0) / width, (ry1 - ry0) / height
    if not stretch:
        sx = sy = min(sx, sy)
    tx = rx0 + ((rx1 - rx0) - sx * width) / 2 - sx * min(xs)
    ty = ry0 + ((ry1 - ry0) - sy * height) / 2 - sy * min(ys)
    return sx, 0.0, 0.0, sy, tx, ty


def _matrix(form: pikepdf.Object) -> tuple[float, ...]:
    matrix = form.get("/Matrix")
    if isinstance(matrix, pikepdf.Array) and len(matrix) == 6:
        return tuple(float(v) for v in matrix)
    return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _normal(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
