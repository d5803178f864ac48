"""One page's content stream, written operator by operator.

In: the painting calls of `draw`, `marks` and `placed_pages` (CMYK colours, overprint,
line width, cap and dash, lines, rectangles, circles, operators written by the caller).
Out: `PageContent.data()`, the page's content bytes, one operator group a line, and
`ext_gstates()`, the ExtGState resources its `gs` operators name, for `pdfx.finish` to put on
the page (pikepdf then writes the whole PDF: one PDF library, and the pages are never
serialised and parsed again on the way).

Overprint is kept as one state per page (stroke OP, fill op, mode OPM, all off at the start
of a page as in PDF's default graphics state); every change is written as a `gs` of an
ExtGState that sets all three, so no key is ever left to a reader's default (PDF 32000
§8.4.5: OP without op sets op too). The method names are reportlab's, whose canvas this
replaces.
"""

from __future__ import annotations

from typeset.render.pdf.cmaps import pdf_number

KAPPA = 0.5522847498
"""Bézier handle length of a quarter circle, in radii."""


def _num(value: float) -> str:
    return str(pdf_number(value))


def _nums(*values: float) -> str:
    return " ".join(str(pdf_number(v)) for v in values)


PATH_ENDS = {(1, 0): "S", (0, 1): "f", (1, 1): "B", (0, 0): "n"}
"""(stroke, fill) → the operator that ends a path."""


class ExtGStates:
    """ExtGState names shared by every page of a document: one per overprint state."""

    def __init__(self) -> None:
        self.names: dict[tuple[bool, bool, int], str] = {}

    def name(self, state: tuple[bool, bool, int]) -> str:
        if state not in self.names:
            self.names[state] = f"TSgs{len(self.names) + 1}"
        return self.names[state]


class PageContent:
    """The operators of one page (see the module doc)."""

    def __init__(self, gstates: ExtGStates) -> None:
        self._ops: list[str] = []
        self._gstates = gstates
        self._state = (False, False, 0)  # OP (stroke), op (fill), OPM
        self._used: dict[str, tuple[bool, bool, int]] = {}

    # colours and overprint
    def setFillColorCMYK(self, c: float, m: float, y: float, k: float) -> None:
        self._ops.append(f"{_nums(c, m, y, k)} k")

    def setStrokeColorCMYK(self, c: float, m: float, y: float, k: float) -> None:
        self._ops.append(f"{_nums(c, m, y, k)} K")

    def setStrokeOverprint(self, on: bool) -> None:
        self._overprint((bool(on), self._state[1], self._state[2]))

    def setFillOverprint(self, on: bool) -> None:
        self._overprint((self._state[0], bool(on), self._state[2]))

    def setOverprintMask(self, on: bool) -> None:
        self._overprint((self._state[0], self._state[1], 1 if on else 0))

    def _overprint(self, state: tuple[bool, bool, int]) -> None:
        if state == self._state:
            return
        self._state = state
        name = self._gstates.name(state)
        self._used[name] = state
        self._ops.append(f"/{name} gs")

    # lines
    def setLineWidth(self, width: float) -> None:
        self._ops.append(f"{_num(width)} w")

    def setLineCap(self, mode: int) -> None:
        self._ops.append(f"{int(mode)} J")

    def setDash(self, array=(), phase: float = 0) -> None:
        self._ops.append(f"[{_nums(*array)}] {_num(phase)} d")

    # paths
    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self._ops.append(f"n {_nums(x0, y0)} m {_nums(x1, y1)} l S")

    def rect(self, x: float, y: float, width: float, height: float, stroke: int = 1,
             fill: int = 0) -> None:
        self._ops.append(f"n {_nums(x, y, width, height)} re {PATH_ENDS[bool(stroke), bool(fill)]}")

    def circle(self, x: float, y: float, r: float, stroke: int = 1, fill: int = 0) -> None:
        h = r * KAPPA
        self._ops.append(
            f"n {_nums(x + r, y)} m "
            f"{_nums(x + r, y + h, x + h, y + r, x, y + r)} c "
            f"{_nums(x - h, y + r, x - r, y + h, x - r, y)} c "
            f"{_nums(x - r, y - h, x - h, y - r, x, y - r)} c "
            f"{_nums(x + h, y - r, x + r, y - h, x + r, y)} c "
            f"{PATH_ENDS[bool(stroke), bool(fill)]}")

    # anything else
    def addLiteral(self, text: str) -> None:
        self._ops.append(text)

    def data(self) -> bytes:
        """The content stream (uncompressed; pikepdf compresses it when the PDF is saved)."""
        return "\n".join(self._ops).encode("latin-1")

    def ext_gstates(self) -> dict[str, tuple[bool, bool, int]]:
        """name → (OP, op, OPM) of every ExtGState this page names."""
        return dict(self._used)
