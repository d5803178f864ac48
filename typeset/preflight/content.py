"""Walk a page's content streams (and its form XObjects) and record what gets painted.

In: a pikepdf page. Out: a `PageMarks` with every text show (font, effective size, fill colour,
overprint state), stroke (effective width, colour, overprint), fill, image placement (pixels,
effective ppi, colour space, filters) and every colour space set — what the print checks need.
This follows the graphics state (q/Q, cm, gs, colour operators, Tf, Tm, Tr); it does not lay out
glyphs and ignores shading/pattern internals beyond their colour spaces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

from typeset.preflight.bounds import TooLarge, bounded_content

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 12


def mul(a: Matrix, b: Matrix) -> Matrix:
    """a × b (apply a first, then b), PDF row-vector convention."""
    return (
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    )


def scale_of(m: Matrix) -> float:
    """The mean linear scale of a matrix (square root of |det|)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


@dataclass(frozen=True)
class Paint:
    """A colour as set: family (DeviceCMYK, DeviceGray, DeviceRGB, ICCBased-RGB, Separation
    …) and the components."""

    family: str
    values: tuple[float, ...]

    @property
    def is_pure_black(self) -> bool:
        return self.family == "DeviceCMYK" and self.values == (0.0, 0.0, 0.0, 1.0)

    @property
    def is_gray_black(self) -> bool:
        return self.family == "DeviceGray" and self.values == (0.0,)

    @property
    def is_white(self) -> bool:
        if self.family == "DeviceCMYK":
            return all(v == 0 for v in self.values)
        if self.family == "DeviceGray":
            return self.values == (1.0,)
        if self.family in ("DeviceRGB", "CalRGB", "ICCBased-RGB"):
            return all(v == 1 for v in self.values)
        if self.family in ("Separation", "DeviceN"):
            return bool(self.values) and all(v == 0 for v in self.values)
        return False

    @property
    def is_rich_black(self) -> bool:
        return (self.family == "DeviceCMYK" and len(self.values) == 4 and self.values[3] >= 0.9
                and any(v > 0 for v in self.values[:3]))

    @property
    def inks(self) -> int:
        if self.family == "DeviceCMYK":
            return sum(1 for v in self.values if v > 0)
        return 1


@dataclass(frozen=True)
class TextShow:
    font: str
    size: float
    fill: Paint
    op: bool
    opm: int
    render_mode: int
    x: float = 0.0
    y: float = 0.0
    """Where the show starts on the page (user space of the page)."""


@dataclass(frozen=True)
class Stroke:
    width: float
    paint: Paint
    op: bool
    opm: int


@dataclass(frozen=True)
class Fill:
    paint: Paint
    op: bool


@dataclass(frozen=True)
class ImagePlacement:
    name: str
    width: int
    height: int
    bpc: int
    colour: str
    filters: tuple[str, ...]
    ppi: float
    has_smask: bool
    image_mask: bool


@dataclass
class PageMarks:
    """Everything painted on one page."""

    texts: list[TextShow] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    images: list[ImagePlacement] = field(default_factory=list)
    colour_spaces: set[str] = field(default_factory=set)
    transparency: list[str] = field(default_factory=list)
    fonts_selected: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    too_large: bool = False
    """A content stream inflates past `bounds.MAX_CONTENT_BYTES`: the page was not walked."""


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: Paint = Paint("DeviceGray", (0.0,))
    stroke: Paint = Paint("DeviceGray", (0.0,))
    fill_space: str = "DeviceGray"
    stroke_space: str = "DeviceGray"
    op: bool = False
    OP: bool = False
    opm: int = 0
    line_width: float = 1.0
    font: str = ""
    font_size: float = 0.0
    render_mode: int = 0

    def copy(self) -> _State:
        return _State(**self.__dict__)


def colour_family(space, resources) -> str:
    """The family name of a colour space object or resource name (ICCBased by its N)."""
    if isinstance(space, Name):
        name = str(space)[1:]
        if name in ("DeviceGray", "DeviceRGB", "DeviceCMYK", "Pattern", "G", "RGB", "CMYK"):
            return {"G": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK"}.get(name, name)
        cs_dict = resources.get("/ColorSpace") if resources is not None else None
        if cs_dict is not None and space in cs_dict:
            return colour_family(cs_dict[space], None)
        return name
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        kind = str(space[0])[1:]
        if kind == "ICCBased":
            n = int(space[1].get("/N", 0))
            return {1: "ICCBased-Gray", 3: "ICCBased-RGB", 4: "ICCBased-CMYK"}.get(n, "ICCBased")
        if kind == "Indexed":
            return "Indexed-" + colour_family(space[1], resources)
        if kind in ("Separation", "DeviceN"):
            return kind
        return kind
    return "unknown"


def _floats(operands) -> tuple[float, ...]:
    out = []
    for o in operands:
        try:
            out.append(float(o))
        except (TypeError, ValueError):
            continue
    return tuple(out)


def _filters(obj) -> tuple[str, ...]:
    f = obj.get("/Filter")
    if f is None:
        return ()
    if isinstance(f, pikepdf.Array):
        return tuple(str(x)[1:] for x in f)
    return (str(f)[1:],)


def _image_placement(name: str, image, ctm: Matrix, resources) -> ImagePlacement:
    source = image.get("/TS_Source") if isinstance(image, pikepdf.Dictionary) or hasattr(
        image, "get") else None
    if source is not None:
        name = str(source)  # the photo file typeset placed, not its resource name /TSIm1
    width = int(image.get("/Width", 0))
    height = int(image.get("/Height", 0))
    placed_w = math.hypot(ctm[0], ctm[1])
    placed_h = math.hypot(ctm[2], ctm[3])
    ppi = min(width / (placed_w / 72.0) if placed_w else 0.0,
              height / (placed_h / 72.0) if placed_h else 0.0)
    mask = bool(image.get("/ImageMask", False))
    colour = "mask" if mask else colour_family(image.get("/ColorSpace", Name.DeviceGray), resources)
    return ImagePlacement(name, width, height, int(image.get("/BitsPerComponent", 1 if mask else 8)),
                          colour, _filters(image), ppi, "/SMask" in image, mask)


class _Walker:
    def __init__(self, marks: PageMarks):
        self.marks = marks

    def walk(self, stream_owner, resources, state: _State, depth: int) -> None:
        try:
            bounded_content(_streams_of(stream_owner))  # a stream bomb is not parsed
        except TooLarge as exc:
            self.marks.errors.append(f"content stream {exc}: not checked")
            self.marks.too_large = True
            return
        except pikepdf.PdfError:
            pass  # parse_content_stream says what is wrong
        try:
            instructions = pikepdf.parse_content_stream(stream_owner)
        except pikepdf.PdfError as exc:
            self.marks.errors.append(f"content stream cannot be parsed: {exc}")
            return
        stack: list[_State] = []
        tm: Matrix = IDENTITY
        for inst in instructions:
            if isinstance(inst, pikepdf.ContentStreamInlineImage):
                img = inst.iimage
                try:
                    cs = img.colorspace
                    fam = colour_family(Name(cs) if isinstance(cs, str) else cs, resources)
                    self.marks.images.append(ImagePlacement(
                        "inline", int(img.width), int(img.height), int(img.bits_per_component),
                        fam, tuple(str(f) for f in img.filters),
                        _image_placement("inline", pikepdf.Dictionary(
                            Width=img.width, Height=img.height), state.ctm, None).ppi,
                        False, bool(img.image_mask)))
                    self.marks.colour_spaces.add(fam)
                except Exception as exc:  # noqa: BLE001 - malformed inline image
                    self.marks.errors.append(f"inline image cannot be read: {exc}")
                continue
            op = str(inst.operator)
            args = inst.operands
            if op == "q":
                stack.append(state.copy())
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm" and len(args) == 6:
                state.ctm = mul(tuple(float(a) for a in args), state.ctm)
            elif op == "w" and args:
                state.line_width = float(args[0])
            elif op == "gs" and args:
                self._extgstate(args[0], resources, state)
            elif op in ("g", "G", "rg", "RG", "k", "K"):
                fam = {"g": "DeviceGray", "rg": "DeviceRGB", "k": "DeviceCMYK"}[op.lower()]
                self.marks.colour_spaces.add(fam)
                paint = Paint(fam, _floats(args))
                if op.islower():
                    state.fill, state.fill_space = paint, fam
                else:
                    state.stroke, state.stroke_space = paint, fam
            elif op in ("cs", "CS") and args:
                fam = colour_family(args[0], resources)
                self.marks.colour_spaces.add(fam)
                if op == "cs":
                    state.fill_space = fam
                else:
                    state.stroke_space = fam
            elif op in ("sc", "scn", "SC", "SCN"):
                if op.islower():
                    state.fill = Paint(state.fill_space, _floats(args))
                else:
                    state.stroke = Paint(state.stroke_space, _floats(args))
            elif op == "BT":
                tm = IDENTITY
            elif op == "Tm" and len(args) == 6:
                tm = tuple(float(a) for a in args)
            elif op in ("Td", "TD") and len(args) == 2:
                tm = mul((1.0, 0.0, 0.0, 1.0, float(args[0]), float(args[1])), tm)
            elif op == "Tf" and len(args) == 2:
                state.font = str(args[0])
                state.font_size = float(args[1])
                self.marks.fonts_selected.add(state.font)
            elif op == "Tr" and args:
                state.render_mode = int(args[0])
            elif op in ("Tj", "TJ", "'", '"'):
                trm = mul(tm, state.ctm)
                size = abs(state.font_size) * scale_of(trm)
                overprint = state.op if state.render_mode in (0, 2, 4, 6) else state.OP
                self.marks.texts.append(TextShow(state.font, size, state.fill, overprint,
                                                 state.opm, state.render_mode, trm[4], trm[5]))
            elif op in ("S", "s", "B", "B*", "b", "b*"):
                width = state.line_width * scale_of(state.ctm)
                self.marks.strokes.append(Stroke(width, state.stroke, state.OP, state.opm))
                if op not in ("S", "s"):
                    self.marks.fills.append(Fill(state.fill, state.op))
            elif op in ("f", "F", "f*"):
                self.marks.fills.append(Fill(state.fill, state.op))
            elif op == "sh" and args:
                shadings = resources.get("/Shading") if resources is not None else None
                if shadings is not None and args[0] in shadings:
                    fam = colour_family(shadings[args[0]].get("/ColorSpace"), resources)
                    self.marks.colour_spaces.add(fam)
            elif op == "Do" and args:
                self._do(args[0], resources, state, depth)

    def _extgstate(self, name, resources, state: _State) -> None:
        table = resources.get("/ExtGState") if resources is not None else None
        if table is None or name not in table:
            self.marks.errors.append(f"ExtGState {name} is not in the resources")
            return
        gs = table[name]
        if "/OP" in gs:
            state.OP = bool(gs.OP)
            if "/op" not in gs:
                state.op = state.OP
        if "/op" in gs:
            state.op = bool(gs.op)
        if "/OPM" in gs:
            state.opm = int(gs.OPM)
        if "/LW" in gs:
            state.line_width = float(gs.LW)
        smask = gs.get("/SMask")
        if smask is not None and smask != Name.None_:
            self.marks.transparency.append(f"soft mask in ExtGState {name}")
        for key in ("/CA", "/ca"):
            if key in gs and float(gs[key]) < 1:
                self.marks.transparency.append(f"{key[1:]} {float(gs[key])} in ExtGState {name}")
        bm = gs.get("/BM")
        if bm is not None and str(bm) not in ("/Normal", "/Compatible"):
            self.marks.transparency.append(f"blend mode {bm} in ExtGState {name}")

    def _do(self, name, resources, state: _State, depth: int) -> None:
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None or name not in xobjects:
            self.marks.errors.append(f"XObject {name} is not in the resources")
            return
        xobj = xobjects[name]
        subtype = xobj.get("/Subtype")
        if subtype == Name.Image:
            placement = _image_placement(str(name), xobj, state.ctm, resources)
            self.marks.images.append(placement)
            if not placement.image_mask:
                self.marks.colour_spaces.add(placement.colour)
            if placement.has_smask:
                self.marks.transparency.append(f"image {name} has a soft mask")
        elif subtype == Name.Form and depth < MAX_FORM_DEPTH:
            inner = state.copy()
            matrix = xobj.get("/Matrix")
            if matrix is not None and len(matrix) == 6:
                inner.ctm = mul(tuple(float(v) for v in matrix), state.ctm)
            if "/Group" in xobj and xobj.Group.get("/S") == Name.Transparency:
                self.marks.transparency.append(f"form {name} is a transparency group")
            self.walk(xobj, xobj.get("/Resources", resources), inner, depth + 1)


def _streams_of(owner) -> list:
    """The content streams of a page (its /Contents) or of a form XObject (itself)."""
    if isinstance(owner, pikepdf.Stream):
        return [owner]
    contents = owner.obj.get("/Contents") if isinstance(owner, pikepdf.Page) else \
        owner.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    if isinstance(contents, pikepdf.Array):
        return [c for c in contents if isinstance(c, pikepdf.Stream)]
    return []


def page_marks(page: pikepdf.Page) -> PageMarks:
    """Walk `page` and return what it paints."""
    marks = PageMarks()
    resources = page.obj.get("/Resources")
    if resources is None:
        resources = pikepdf.Dictionary()
    _Walker(marks).walk(page, resources, _State(), 0)
    return marks
