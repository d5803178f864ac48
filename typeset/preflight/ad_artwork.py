"""An advertisement delivered as PDF, checked when the edition loads (before any build).

In: the ad file, the page to place (1-based), the name the manifest gives it and whether the
edition is PDF/X-1a. Out: an `AdArtwork` — the file's page count, the size of the page's
trim box as it will be seen (TrimBox, else CropBox, else MediaBox; /Rotate and /UserUnit
applied) and the `Diagnostic`s a print shop would raise: encrypted or unreadable, content
that inflates past `bounds.MAX_CONTENT_BYTES` (a stream bomb), an image declaring more than
`bounds.MAX_IMAGE_PIXELS` (errors); fonts not embedded, RGB or Lab colour, transparency in a
PDF/X-1a edition, a damaged file (warnings). Only the placed page's dictionaries, resources,
font descriptors and the content operators that set colour or select a font are read (the
content inflated in bounded steps), never pixels or glyphs. Results are memoised in the
build session per file version (`session.file_key`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from typeset.diagnostics import Diagnostic, error, warning
from typeset.preflight.bounds import (MAX_IMAGE_PIXELS, TooLarge, bounded_content,
                                      declared_pixels)
from typeset.session import current, file_key

MAX_OBJECTS = 5000
"""Resources looked at per ad page (forms within forms included) before the walk stops."""
SHOW_TEXT = ("Tj", "TJ", "'", '"')
TEXT_OPERATORS = "Tf " + " ".join(SHOW_TEXT)
"""Content operators that say which fonts the content shows text in (read only when a font is
not embedded); rg/RG, cs/CS and ID (an inline image) are read for colour."""
OPAQUE_BLENDS = ("/Normal", "/Compatible")
FIX_HINT = "ask the agency for the ad as PDF/X-1a (CMYK, fonts embedded, transparency flattened)"


def AdFinding(severity: str, code: str, message: str, hint: str = FIX_HINT) -> Diagnostic:
    """One problem of the ad as a Diagnostic (severity 'error' or 'warning')."""
    return (error if severity == "error" else warning)(code, message, hint=hint)


@dataclass(frozen=True)
class AdArtwork:
    """What loading needs to know of a PDF ad. `pages` is 0 when the file cannot be read;
    `trim` is (width, height) in pt of the placed page's trim box as seen, or None."""

    pages: int
    trim: tuple[float, float] | None
    box: str
    findings: tuple[Diagnostic, ...]


def inspect_ad(path: Path, page: int = 1, *, name: str = "", pdfx_1a: bool = True
               ) -> AdArtwork:
    """Check page `page` (1-based) of the PDF ad at `path`; `name` is how messages call it.
    Memoised in the current session per file version."""
    key = (str(path), file_key(path), page, name or str(path), pdfx_1a)
    return current().memo("ad_artwork").get_or_make(
        key, lambda: _inspect(str(path), page, name or str(path), pdfx_1a))


def _inspect(path: str, page: int, name: str, pdfx_1a: bool) -> AdArtwork:
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return _broken("ad-encrypted", f"{name} is encrypted (it asks for a password)")
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        return _broken("ad-unreadable", f"{name} cannot be opened as a PDF ({exc})")
    with pdf:
        try:
            return _inspect_open(pdf, page, name, pdfx_1a)
        except (pikepdf.PdfError, ValueError, TypeError, AttributeError, KeyError) as exc:
            return _broken("ad-unreadable", f"{name} is damaged: its page {page} cannot be "
                                            f"read ({exc})")


def _broken(code: str, message: str) -> AdArtwork:
    hint = ("ask the agency for the ad without a password (PDF/X forbids encryption)"
            if code == "ad-encrypted" else "export the ad again as PDF/X-1a")
    return AdArtwork(0, None, "", (AdFinding("error", code, message, hint),))


def _inspect_open(pdf: pikepdf.Pdf, page: int, name: str, pdfx_1a: bool) -> AdArtwork:
    count = len(pdf.pages)
    findings: list[Diagnostic] = []
    if pdf.is_encrypted:
        findings.append(AdFinding(
            "error", "ad-encrypted", f"{name} is encrypted (with an owner password); PDF/X "
            "files must not be", "ask the agency for the ad without a password"))
    if count == 0:
        findings.append(AdFinding("error", "ad-unreadable", f"{name} has no pages",
                                  "export the ad again as PDF/X-1a"))
    if not 1 <= page <= count:
        return AdArtwork(count, None, "", tuple(findings))
    obj = pdf.pages[page - 1]
    box_name, trim = trim_size(obj)
    if trim is None:
        findings.append(AdFinding("error", "ad-unreadable", f"{name} page {page} has an empty "
                                  f"{box_name}", "export the ad again as PDF/X-1a"))
    walk = _Walk(pdf, pdfx_1a)
    walk.scope(obj.obj, "")
    findings += walk.findings(name, page)
    repairs = pdf.get_warnings()
    if repairs:
        findings.append(AdFinding(
            "warning", "ad-damaged", f"{name} is damaged; it was repaired when read "
            f"({repairs[0].strip()})", "export the ad again as PDF/X-1a"))
    return AdArtwork(count, trim, box_name, tuple(findings))


def trim_size(page: pikepdf.Page) -> tuple[str, tuple[float, float] | None]:
    """(which box, (width, height) in pt as the page is seen): its TrimBox, else CropBox, else
    MediaBox, inside the MediaBox, turned by /Rotate and scaled by /UserUnit."""
    box = "/TrimBox" if "/TrimBox" in page.obj else (
        "/CropBox" if "/CropBox" in page.obj else "/MediaBox")
    x0, y0, x1, y1 = visible_box(page)
    width, height = x1 - x0, y1 - y0
    if width <= 0 or height <= 0:
        return box[1:], None
    unit = float(page.obj.get("/UserUnit", 1))
    if int(page.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    return box[1:], (width * unit, height * unit)


def visible_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """The trim box (pikepdf's fallback: CropBox, then MediaBox), clipped to the MediaBox."""
    tx0, ty0, tx1, ty1 = _normal(page.trimbox)
    mx0, my0, mx1, my1 = _normal(page.mediabox)
    return max(tx0, mx0), max(ty0, my0), min(tx1, mx1), min(ty1, my1)


def _normal(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


class _Walk:
    """Walks one page's resources (and the forms, patterns and fonts they hold) once each."""

    def __init__(self, pdf: pikepdf.Pdf, pdfx_1a: bool) -> None:
        self.pdf = pdf
        self.pdfx_1a = pdfx_1a
        self.seen: set[tuple[int, int]] = set()
        self.count = 0
        self.unembedded: list[str] = []
        self.colour: list[str] = []
        self.transparency: list[str] = []
        self.too_large: list[str] = []

    def findings(self, name: str, page: int) -> list[Diagnostic]:
        where = f"{name}" + (f" page {page}" if page != 1 else "")
        out = []
        if self.unembedded:
            out.append(AdFinding(
                "warning", "ad-font-not-embedded", f"{where}: fonts not embedded: "
                f"{', '.join(_unique(self.unembedded))} (the printing plant's RIP substitutes "
                "them or refuses the page)"))
        if self.colour:
            out.append(AdFinding(
                "warning", "ad-colour", f"{where} is not CMYK: {'; '.join(_unique(self.colour))}"
                " (converted by the plant, colours shift)"))
        if self.too_large:
            out.append(AdFinding(
                "error", "ad-too-large", f"{where} is too large to place safely: "
                f"{'; '.join(_unique(self.too_large))}",
                "ask the agency for the ad again, exported as PDF/X-1a at its printed size"))
        if self.transparency:
            out.append(AdFinding(
                "warning", "ad-transparency", f"{where} uses transparency, which PDF/X-1a does "
                f"not allow: {'; '.join(_unique(self.transparency))}"))
        return out

    def _first_visit(self, obj) -> bool:
        """False for an object already walked, or once the walk has looked at enough."""
        self.count += 1
        if self.count > MAX_OBJECTS:
            return False
        if not obj.is_indirect:
            return True
        key = obj.objgen
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def scope(self, holder, inside: str) -> None:
        """A page, form or tiling pattern: its resources, and the content operators that
        set colour (and, when it has fonts that are not embedded, those that show text: a
        font only named in the resources is not reported)."""
        res = holder.get("/Resources")
        unembedded = self.unembedded_fonts(res)
        used = self.content(holder, inside, fonts=bool(unembedded))
        for key, base in unembedded.items():
            if used is None or key in used:
                self.unembedded.append(base)
        self.resources(res, inside)

    def resources(self, res, inside: str) -> None:
        if not isinstance(res, pikepdf.Dictionary) or not self._first_visit(res):
            return
        for key, space in _entries(res, "/ColorSpace"):
            self.space(space, f"colour space {key[1:]}{inside}")
        for key, state in _entries(res, "/ExtGState"):
            self.graphics_state(state, f"graphics state {key[1:]}{inside}")
        for key, shading in _entries(res, "/Shading"):
            if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)):
                self.space(shading.get("/ColorSpace"), f"shading {key[1:]}{inside}")
        for key, pattern in _entries(res, "/Pattern"):
            self.pattern(pattern, f"pattern {key[1:]}{inside}")
        for key, xobject in _entries(res, "/XObject"):
            self.xobject(xobject, f"{key[1:]}{inside}")

    def unembedded_fonts(self, res) -> dict[str, str]:
        """{resource name: font name} of the fonts in `res` whose program is not embedded
        (Type 3 fonts are drawn by the file itself: their resources are walked instead)."""
        found: dict[str, str] = {}
        if not isinstance(res, pikepdf.Dictionary):
            return found
        for key, font in _entries(res, "/Font"):
            if not isinstance(font, pikepdf.Dictionary):
                continue
            base = str(font.get("/BaseFont", "/unnamed font"))[1:] or "unnamed font"
            if font.get("/Subtype") == "/Type3":
                if self._first_visit(font):
                    self.resources(font.get("/Resources"), f" in Type 3 font {base}")
                continue
            if font.get("/Subtype") == "/Type0":
                descendants = font.get("/DescendantFonts")
                if isinstance(descendants, pikepdf.Array) and len(descendants):
                    font = descendants[0]
            descriptor = font.get("/FontDescriptor")
            if not (isinstance(descriptor, pikepdf.Dictionary) and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))):
                found[str(key)] = base.split("+", 1)[-1] if "+" in base[:7] else base
        return found

    def space(self, space, what: str) -> None:
        kind = colour_kind(space)
        if kind:
            self.colour.append(f"{what} is {kind}")

    def graphics_state(self, state, what: str) -> None:
        if not self.pdfx_1a or not isinstance(state, pikepdf.Dictionary):
            return
        for key in ("/CA", "/ca"):
            value = state.get(key)
            if value is not None and _number(value) < 1:
                self.transparency.append(f"{what} sets opacity {key[1:]} {_number(value):g}")
        blend = state.get("/BM")
        blends = list(blend) if isinstance(blend, pikepdf.Array) else [blend]
        names = [str(b) for b in blends if b is not None]
        if names and not any(n in OPAQUE_BLENDS for n in names):
            self.transparency.append(f"{what} blends {names[0][1:]}")
        mask = state.get("/SMask")
        if mask is not None and str(mask) != "/None":
            self.transparency.append(f"{what} has a soft mask")

    def pattern(self, pattern, what: str) -> None:
        if not isinstance(pattern, (pikepdf.Dictionary, pikepdf.Stream)):
            return
        if int(pattern.get("/PatternType", 0)) == 2:
            shading = pattern.get("/Shading")
            if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)):
                self.space(shading.get("/ColorSpace"), what)
            self.graphics_state(pattern.get("/ExtGState"), what)
        elif isinstance(pattern, pikepdf.Stream) and self._first_visit(pattern):
            self.scope(pattern, f" in {what}")

    def xobject(self, xobject, what: str) -> None:
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            pixels = declared_pixels(xobject)
            if pixels > MAX_IMAGE_PIXELS:
                self.too_large.append(
                    f"image {what} declares {int(xobject.get('/Width'))}×"
                    f"{int(xobject.get('/Height'))} pixels (more than "
                    f"{MAX_IMAGE_PIXELS // 1_000_000} million)")
            if xobject.get("/ImageMask", False):
                return
            kind = colour_kind(xobject.get("/ColorSpace"))
            if kind:
                self.colour.append(f"image {what} is {kind}")
            if self.pdfx_1a and (("/SMask" in xobject) or int(xobject.get("/SMaskInData", 0))):
                self.transparency.append(f"image {what} has a soft mask")
        elif subtype == "/Form" and self._first_visit(xobject):
            group = xobject.get("/Group")
            if isinstance(group, pikepdf.Dictionary):
                self.space(group.get("/CS"), f"transparency group of form {what}")
            self.scope(xobject, f" in form {what}")

    def content(self, holder, inside: str, fonts: bool) -> set[str] | None:
        """Colour set in the content itself (rg/RG, cs/CS /DeviceRGB, inline RGB images);
        with `fonts`, also the font resource names it shows text in (else an empty set;
        None when the content cannot be read). Only the operators needed are asked for: the
        tokenizer is fast, making Python objects of every instruction is not."""
        try:
            try:
                raw = bounded_content(_content_streams(holder))
            except TooLarge as exc:
                self.too_large.append(f"the content{inside} {exc}")
                return None
            wanted = [op for op, needs in (("rg RG", b"rg" in raw or b"RG" in raw),
                                           ("cs CS", b"RGB" in raw), ("ID", b"ID" in raw),
                                           (TEXT_OPERATORS, fonts and b"Tf" in raw)) if needs]
            if not wanted:
                return set()
            stream = holder if isinstance(holder, pikepdf.Stream) else pikepdf.Stream(
                self.pdf, raw)
            found = pikepdf.parse_content_stream(stream, " ".join(wanted))
        except pikepdf.PdfError:
            return None
        fonts: set[str] = set()
        current = ""
        for operands, operator in found:
            op = str(operator)
            if op == "Tf" and operands:
                current = str(operands[0])
            elif op in SHOW_TEXT:
                fonts.add(current)
            elif op in ("rg", "RG") or (op in ("cs", "CS") and operands and str(
                    operands[0]) in ("/DeviceRGB", "/RGB")):
                self.colour.append(f"DeviceRGB colour in the content{inside}")
            elif op == "ID":
                pairs = dict(zip([str(o) for o in operands[::2]], operands[1::2]))
                space = pairs.get("/CS", pairs.get("/ColorSpace"))
                if space is not None and str(space) in ("/RGB", "/DeviceRGB", "/CalRGB"):
                    self.colour.append(f"an inline image{inside} is RGB")
        return fonts


def colour_kind(space) -> str:
    """'RGB', 'ICC-based RGB', 'Lab' … for a colour space a newspaper cannot print as it is;
    '' for CMYK, grey, spot colours with CMYK alternates, or nothing."""
    if space is None:
        return ""
    if isinstance(space, (pikepdf.Name, str)):
        return {"/DeviceRGB": "RGB", "/RGB": "RGB", "/CalRGB": "RGB", "/Lab": "Lab"}.get(
            str(space), "")
    if not isinstance(space, pikepdf.Array) or not len(space):
        return ""
    family = str(space[0])
    if family == "/CalRGB":
        return "RGB (CalRGB)"
    if family == "/Lab":
        return "Lab"
    if family == "/ICCBased" and len(space) > 1 and isinstance(space[1], pikepdf.Stream):
        if int(space[1].get("/N", 0)) != 3:
            return ""
        alternate = space[1].get("/Alternate")
        if alternate is not None and str(alternate) == "/Lab":
            return "ICC-based Lab"
        try:
            header = space[1].read_bytes()[16:20]
        except pikepdf.PdfError:
            header = b""
        return "ICC-based Lab" if header == b"Lab " else "ICC-based RGB"
    if family in ("/Indexed", "/I") and len(space) > 1:
        kind = colour_kind(space[1])
        return f"indexed {kind}" if kind else ""
    if family == "/Pattern" and len(space) > 1:
        return colour_kind(space[1])
    if family == "/Separation" and len(space) > 2:
        kind = colour_kind(space[2])
        return f"a spot colour with an {kind} alternate" if kind else ""
    if family == "/DeviceN" and len(space) > 2:
        kind = colour_kind(space[2])
        return f"DeviceN with an {kind} alternate" if kind else ""
    return ""


def _entries(res: pikepdf.Dictionary, key: str):
    group = res.get(key)
    if isinstance(group, pikepdf.Dictionary):
        yield from sorted(group.items(), key=lambda kv: str(kv[0]))


def _content_streams(holder) -> list[pikepdf.Stream]:
    if isinstance(holder, pikepdf.Stream):
        return [holder]
    contents = holder.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    if isinstance(contents, pikepdf.Array):
        return [c for c in contents if isinstance(c, pikepdf.Stream)]
    return []


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 1.0


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
