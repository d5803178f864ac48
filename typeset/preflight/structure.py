"""Document-level checks on the PDF objects: PDF/X identity, boxes, fonts, images' encoding.

In: an open pikepdf document (and its raw bytes for the object-stream test) plus the profile.
Out: findings with the check ids of print-ready.md §2 (output_intent, pdfx_marker, info_keys,
xmp_metadata, pdf_version, encryption, actions_js, annotations, page_boxes, bleed,
page_size_consistency, fonts_embedded, fonts_subset, fonts_tounicode, image_filters).
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Name

from typeset.preflight.bounds import MAX_IMAGE_PIXELS, declared_pixels

from typeset.preflight.result import Finding, failed, noted, passed, warned
from typeset.preflight.settings import PreflightProfile

MM = 72.0 / 25.4


def _str(value) -> str:
    try:
        return str(value)
    except (UnicodeDecodeError, ValueError, pikepdf.PdfError):  # present but unreadable
        return "?"


def identity(pdf: pikepdf.Pdf, raw: bytes, profile: PreflightProfile) -> list[Finding]:
    """A2–A8: encryption, version, object streams, OutputIntent, PDF/X keys, Info, XMP, JS."""
    out: list[Finding] = []
    out.append(failed("encryption", "the file is encrypted") if pdf.is_encrypted
               else passed("encryption", "not encrypted"))
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    version = _str(info.get("/GTS_PDFXVersion", "")) or _xmp_pdfx_version(pdf)
    if version in profile.pdfx_versions:
        out.append(passed("pdfx_marker", f"GTS_PDFXVersion {version}"))
    elif version:
        out.append(failed("pdfx_marker", f"GTS_PDFXVersion {version!r} is not accepted by "
                                         f"profile {profile.name}"))
    else:
        out.append(failed("pdfx_marker", "no GTS_PDFXVersion in the Info dictionary: not a "
                                         "PDF/X file"))
    limit = "1.3" if version == "PDF/X-1:2001" else profile.max_pdf_version
    if version == "PDF/X-1a:2003":
        limit = "1.4"
    if _version_key(pdf.pdf_version) > _version_key(limit):
        allowed = f"for {version}" if version in profile.pdfx_versions else \
            f"by profile {profile.name}"
        out.append(failed("pdf_version", f"PDF {pdf.pdf_version} is newer than the {limit} "
                                         f"allowed {allowed}"))
    elif re.search(rb"/Type\s*/(ObjStm|XRef)\b", raw) and limit <= "1.4":
        out.append(failed("pdf_version", "object or cross-reference streams (PDF 1.5) are not "
                                         "allowed in PDF/X-1a"))
    else:
        out.append(passed("pdf_version", f"PDF {pdf.pdf_version}"))
    out.extend(_output_intent(pdf))
    missing = [k for k in ("/Title", "/CreationDate", "/ModDate") if not _str(info.get(k, ""))]
    trapped = info.get("/Trapped")
    problems = [f"{k[1:]} missing" for k in missing]
    if trapped not in (Name("/True"), Name("/False")):
        problems.append(f"Trapped is {trapped if trapped is not None else 'missing'} (must be "
                        f"/True or /False)")
    if "/ID" not in pdf.trailer:
        problems.append("trailer /ID missing")
    out.append(failed("info_keys", "; ".join(problems)) if problems
               else passed("info_keys", "Title, dates, Trapped and /ID present"))
    out.append(passed("xmp_metadata", "XMP metadata present") if "/Metadata" in pdf.Root
               else warned("xmp_metadata", "no XMP metadata stream"))
    js = []
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        js.append("document JavaScript")
    if "/OpenAction" in pdf.Root:
        js.append("OpenAction")
    if "/AA" in pdf.Root:
        js.append("document actions (AA)")
    if "/AcroForm" in pdf.Root:
        js.append("form (AcroForm)")
    out.append(failed("actions_js", ", ".join(js) + " present") if js
               else passed("actions_js", "no JavaScript, actions or forms"))
    return out


def _xmp_pdfx_version(pdf: pikepdf.Pdf) -> str:
    """PDF/X-4 names itself in the XMP (`pdfxid:GTS_PDFXVersion`); the Info key is optional."""
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return ""
    found = re.search(rb"<pdfxid:GTS_PDFXVersion>([^<]{1,40})</pdfxid:GTS_PDFXVersion>",
                      metadata.read_bytes()[:1_000_000])
    return found.group(1).decode("utf-8", "replace").strip() if found else ""


def _version_key(text: str) -> tuple[int, int]:
    try:
        major, minor = text.split(".")[:2]
        return int(major), int(minor)
    except ValueError:
        return (9, 9)


def _output_intent(pdf: pikepdf.Pdf) -> list[Finding]:
    intents = pdf.Root.get("/OutputIntents")
    gts = [i for i in (intents or []) if i.get("/S") == Name.GTS_PDFX]
    if not gts:
        return [failed("output_intent", "no OutputIntent with /S /GTS_PDFX")]
    if len(gts) > 1:
        return [failed("output_intent", f"{len(gts)} GTS_PDFX OutputIntents (exactly one allowed)")]
    intent = gts[0]
    ident = _str(intent.get("/OutputConditionIdentifier", ""))
    if not ident:
        return [failed("output_intent", "OutputConditionIdentifier is empty")]
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        if _str(intent.get("/RegistryName", "")):
            return [passed("output_intent", f"registered condition {ident} (no embedded profile)")]
        return [failed("output_intent", f"{ident}: neither a DestOutputProfile nor a RegistryName")]
    try:
        header = profile.read_bytes()[:40]
    except pikepdf.PdfError as exc:
        return [failed("output_intent", f"DestOutputProfile cannot be read: {exc}")]
    cls, space = header[12:16], header[16:20]
    if header[36:40] != b"acsp" or cls != b"prtr" or space != b"CMYK":
        return [failed("output_intent", f"DestOutputProfile is {space.decode('latin-1')} "
                                        f"'{cls.decode('latin-1')}', not a CMYK printer profile")]
    return [passed("output_intent", f"{ident}, CMYK printer profile embedded")]


def _box(page: pikepdf.Page, key: str):
    value = page.obj.get(key)
    if value is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def print_area(page: pikepdf.Page):
    """The BleedBox (else TrimBox, ArtBox, MediaBox) of a page as (x0, y0, x1, y1)."""
    for key in ("/BleedBox", "/TrimBox", "/ArtBox", "/MediaBox"):
        box = _box(page, key)
        if box is not None:
            return box
    return None


def _inside(inner, outer, tol: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def geometry(pdf: pikepdf.Pdf, profile: PreflightProfile) -> list[Finding]:
    """B1–B4: MediaBox, TrimBox xor ArtBox, nesting, bleed, same trim size, annotations."""
    out: list[Finding] = []
    sizes = set()
    for number, page in enumerate(pdf.pages, start=1):
        media = page.mediabox and tuple(float(v) for v in page.mediabox)
        media = (min(media[0], media[2]), min(media[1], media[3]),
                 max(media[0], media[2]), max(media[1], media[3]))
        trim, art = _box(page, "/TrimBox"), _box(page, "/ArtBox")
        bleed, crop = _box(page, "/BleedBox"), _box(page, "/CropBox")
        if trim is None and art is None:
            out.append(failed("page_boxes", "no TrimBox (nor ArtBox)", number))
            continue
        if trim is not None and art is not None:
            out.append(failed("page_boxes", "both TrimBox and ArtBox are set", number))
            continue
        trim = trim or art
        problems = []
        if bleed is not None and not _inside(trim, bleed):
            problems.append("TrimBox is not inside the BleedBox")
        if not _inside(bleed or trim, media):
            problems.append("BleedBox/TrimBox is not inside the MediaBox")
        if crop is not None and not _inside(bleed or trim, crop):
            problems.append("CropBox cuts into the bleed")
        if problems:
            out.append(failed("page_boxes", "; ".join(problems), number))
        sizes.add((round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1)))
        if profile.min_bleed_mm:
            bleed_pt = min(trim[0] - (bleed or trim)[0], trim[1] - (bleed or trim)[1])
            if bleed_pt < profile.min_bleed_mm * MM - 0.01:
                out.append(warned("bleed", f"bleed {bleed_pt / MM:.1f} mm, less than "
                                           f"{profile.min_bleed_mm} mm", number))
        for annot in page.obj.get("/Annots", []) or []:
            subtype = annot.get("/Subtype")
            if subtype in (Name.PrinterMark, Name.TrapNet):
                continue
            rect = tuple(float(v) for v in annot.get("/Rect", [0, 0, 0, 0]))
            area = bleed or trim
            if rect[0] < area[2] and rect[2] > area[0] and rect[1] < area[3] and rect[3] > area[1]:
                out.append(failed("annotations", f"{subtype} annotation inside the print area",
                                  number))
    if not any(f.code == "page_boxes" for f in out):
        out.append(passed("page_boxes", "every page has a TrimBox inside Bleed/MediaBox"))
    if len(sizes) > 1:
        shown = ", ".join(f"{w}×{h}" for w, h in sorted(sizes))
        out.append(warned("page_size_consistency", f"pages have different trim sizes: {shown} pt"))
    elif sizes:
        out.append(passed("page_size_consistency", "all pages have the same trim size"))
    if not any(f.code == "annotations" for f in out):
        out.append(passed("annotations", "no annotations in the print area"))
    return out


def _fonts_in(resources, seen: set, found: list, depth: int = 0) -> None:
    if resources is None or depth > 12:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        for name, font in fonts.items():
            key = font.objgen if font.is_indirect else (id(font), 0)
            if key not in seen:
                seen.add(key)
                found.append((name, font))
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for _, xobj in xobjects.items():
            if xobj.get("/Subtype") == Name.Form:
                _fonts_in(xobj.get("/Resources"), seen, found, depth + 1)
    for _, font in list(fonts.items()) if fonts is not None else []:
        if font.get("/Subtype") == Name.Type3:
            _fonts_in(font.get("/Resources"), seen, found, depth + 1)


def _embedded(font) -> bool:
    if font.get("/Subtype") == Name.Type3:
        return True
    target = font
    if font.get("/Subtype") == Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return False
        target = descendants[0]
    descriptor = target.get("/FontDescriptor")
    return descriptor is not None and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts(pdf: pikepdf.Pdf) -> list[Finding]:
    """C1, C2, C4: every font in any resource dictionary embedded, subset, with ToUnicode."""
    found: list = []
    seen: set = set()
    for page in pdf.pages:
        _fonts_in(page.obj.get("/Resources"), seen, found)
    out: list[Finding] = []
    unembedded = sorted({_str(f.get("/BaseFont", n)) for n, f in found if not _embedded(f)})
    out.append(failed("fonts_embedded", "not embedded: " + ", ".join(unembedded)) if unembedded
               else passed("fonts_embedded", f"all {len(found)} fonts embedded"))
    whole = sorted({_str(f.get("/BaseFont", n)) for n, f in found
                    if f.get("/Subtype") != Name.Type3
                    and not re.match(r"^/[A-Z]{6}\+", _str(f.get("/BaseFont", "")))})
    out.append(noted("fonts_subset", "not subset (whole font embedded or not embedded): "
                     + ", ".join(whole)) if whole else passed("fonts_subset", "all fonts subset"))
    no_map = sorted({_str(f.get("/BaseFont", n)) for n, f in found
                     if f.get("/Subtype") == Name.Type0 and "/ToUnicode" not in f})
    out.append(warned("fonts_tounicode", "CID fonts without ToUnicode (text cannot be "
                      "extracted): " + ", ".join(no_map)) if no_map
               else passed("fonts_tounicode", "every CID font has a ToUnicode map"))
    return out


def image_filters(pdf: pikepdf.Pdf) -> list[Finding]:
    """A9: no LZW, JBIG2 or JPEG 2000 compression anywhere (checked on every stream); and no
    image declaring more than `bounds.MAX_IMAGE_PIXELS` (a RIP decodes it whole), painted or
    not."""
    banned = {"/LZWDecode", "/JBIG2Decode", "/JPXDecode"}
    hits = set()
    huge: list[str] = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            f = obj.get("/Filter")
            names = [str(x) for x in f] if isinstance(f, pikepdf.Array) else (
                [str(f)] if f is not None else [])
            hits.update(n for n in names if n in banned)
            if obj.get("/Subtype") == "/Image" and declared_pixels(obj) > MAX_IMAGE_PIXELS:
                label = str(obj.get("/TS_Source", f"object {obj.objgen[0]}"))
                huge.append(f"{label} ({int(obj.Width)}×{int(obj.Height)} px)")
    out = []
    if huge:
        out.append(failed("image_size", f"images declaring more than "
                          f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels: "
                          + ", ".join(huge[:5]) + (" …" if len(huge) > 5 else ""),
                          count=len(huge)))
    if hits:
        return out + [failed("image_filters", "forbidden compression: " + ", ".join(sorted(hits)))]
    return out + [passed("image_filters", "no LZW, JBIG2 or JPEG 2000")]
