"""The PDF itself: pages, fonts and photos in their resources, OutputIntent, Info, XMP, save.

In: one `Sheet` per page (boxes, content stream, the ExtGStates it names), the embedded-font
subsets and the placed photos and forms per page, the output profile and the document info.
Out: the finished file, built with pikepdf and saved deterministically (fixed dates, an /ID
derived from the content, no object streams, PDF 1.4 for PDF/X-1a:2003) to a temporary file
that is renamed over the target, so a failed build never leaves half a PDF behind.
"""

from __future__ import annotations

import hashlib
import os
import zlib
import time
from pathlib import Path
from typing import NamedTuple

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from typeset.render.pdf.cmaps import pdf_number
from typeset.render.pdf.fonts import FontSubset, add_font, vertical_font
from typeset.render.pdf.images import PreparedImage
from typeset.render.pdf.placed_pages import add_forms
from typeset.render.pdf.profiles import OutputProfile
from typeset.render.atomic import replacing

PDF_VERSIONS = {"PDF/X-1a:2001": "1.3", "PDF/X-1a:2003": "1.4", "PDF/X-3:2003": "1.4",
                "PDF/X-4": "1.6"}
PRODUCER = "typeset (pikepdf)"
PROC_SET = ("/PDF", "/Text", "/ImageB", "/ImageC")
"""Obsolete since PDF 1.4 but harmless; some old RIPs still look for it."""


class PageFont(NamedTuple):
    """A font a page names: resource name, the face's subset, and whether it is the face's
    vertical-writing (Identity-V) font, which shares the horizontal one's embedded program."""

    resource: str
    subset: FontSubset
    vertical: bool = False


class Sheet(NamedTuple):
    """One page as painted: MediaBox size, TrimBox and BleedBox (PDF points, origin at the
    MediaBox's bottom left), the content stream, and name → (OP, op, OPM) of the ExtGStates
    it names."""

    media: tuple[float, float]
    trim_box: tuple[float, float, float, float]
    bleed_box: tuple[float, float, float, float]
    content: bytes
    ext_gstates: dict


def escape(text: str) -> str:
    """&, < and > as XML entities (what xml.sax.saxutils.escape does, without importing
    urllib and http.client at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pdf_date(timestamp: int) -> str:
    """PDF date string in UTC: D:YYYYMMDDHHmmSS+00'00'."""
    return time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(timestamp))


def xmp_date(timestamp: int) -> str:
    """ISO 8601 date for XMP, UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(timestamp))


def resolve_timestamp(timestamp: int) -> int:
    """The document timestamp, else SOURCE_DATE_EPOCH, else 0 (1970): never the clock, so that
    two builds of the same input are byte-identical."""
    if timestamp:
        return int(timestamp)
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(env) if env.isdigit() else 0


def _uuid(digest: str) -> str:
    return f"uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"


def content_digest(sheets: list, page_images: list | None) -> str:
    """A digest of what the pages print: every content stream (BLAKE2) and every photo's data
    (its CRC-32 and length: a photo replaced under the same name changes it, like an edited
    headline)."""
    digest = hashlib.blake2b(digest_size=32)
    for sheet in sheets:
        digest.update(repr((sheet.media, sheet.trim_box, sheet.bleed_box)).encode())
        digest.update(sheet.content)
    for photos in page_images or []:
        for name in sorted(photos):
            image = photos[name][0]
            digest.update(name.encode())
            if image is None:
                digest.update(b"missing")
            else:
                digest.update(f"{len(image.data)}:{zlib.crc32(image.data)}".encode())
    return digest.hexdigest()


def _xmp(title: str, subject: str, created: int, pdfx: str | None, content: str = "") -> bytes:
    """A small, fixed-layout XMP packet: dc, xmp, pdf, the xmpMM document, instance and
    version IDs and rendition class (PDF/X-4 requires them) and the PDF/X identification.

    The DocumentID names the edition (title and subject: the same across its versions); the
    InstanceID and VersionID derive from `content` (`content_digest`), so a changed page is
    a new version and an unchanged rebuild is byte-identical."""
    pdfx_props = ""
    if pdfx:
        pdfx_props = (
            f'   <rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"'
            f' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">\n'
            f"    <pdfx:GTS_PDFXVersion>{escape(pdfx)}</pdfx:GTS_PDFXVersion>\n"
            f"    <pdfxid:GTS_PDFXVersion>{escape(pdfx)}</pdfxid:GTS_PDFXVersion>\n"
            f"   </rdf:Description>\n"
        )
    date = xmp_date(created)
    document_id = _uuid(hashlib.sha256(f"{title}\n{subject}".encode()).hexdigest())
    version = hashlib.sha256(f"{content}\n{created}".encode()).hexdigest()
    instance_id = _uuid(version)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '   <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        '    <dc:format>application/pdf</dc:format>\n'
        f'    <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        "</rdf:Alt></dc:title>\n"
        f'    <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li>'
        "</rdf:Alt></dc:description>\n"
        "   </rdf:Description>\n"
        '   <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f"    <xmp:CreateDate>{date}</xmp:CreateDate>\n"
        f"    <xmp:ModifyDate>{date}</xmp:ModifyDate>\n"
        f"    <xmp:MetadataDate>{date}</xmp:MetadataDate>\n"
        "    <xmp:CreatorTool>typeset</xmp:CreatorTool>\n"
        "   </rdf:Description>\n"
        '   <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"    <pdf:Producer>{PRODUCER}</pdf:Producer>\n"
        "    <pdf:Trapped>False</pdf:Trapped>\n"
        "   </rdf:Description>\n"
        '   <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">\n'
        f"    <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>\n"
        f"    <xmpMM:InstanceID>{instance_id}</xmpMM:InstanceID>\n"
        f"    <xmpMM:VersionID>{version[:16]}</xmpMM:VersionID>\n"
        "    <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
        "   </rdf:Description>\n"
        f"{pdfx_props}"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


PagePhoto = tuple[PreparedImage | None, float, float]
"""A photo painted as `/name Do`: the prepared image (None: it could not be prepared, a
crossed frame stands in) and its placed width and height in pt."""


def finish(
    sheets: list[Sheet], path: Path, *, page_fonts: list[list[PageFont]],
    profile: OutputProfile | None,
    output_condition: str, pdfx: str | None, title: str, subject: str, timestamp: int,
    page_images: list[dict[str, PagePhoto]] | None = None,
    page_forms: list | None = None, page_labels: list[str] | None = None,
    image_sources: dict[str, str] | None = None,
) -> None:
    """Build the PDF from `sheets` with fonts, photos, forms, OutputIntent, Info and XMP and save
    it at `path`. `page_images` gives per page the image XObjects its content names.

    `pdfx` None writes no PDF/X version keys (proofs, or when no profile was found);
    `page_labels` (the folios) become the PDF's /PageLabels, which viewers and
    `paiban preview --pdf` read; `image_sources` (XObject name → photo file name) is kept in
    each image's `/TS_Source` (a second-class key: readers ignore it, preflight names the
    image by it)."""
    sources: dict[str, pikepdf.Pdf] = {}
    with pikepdf.new() as pdf:
        for sheet in sheets:
            _add_page(pdf, sheet)
        for page, forms in zip(pdf.pages, page_forms or []):
            add_forms(pdf, page, forms, sources)
        objects: dict[str, pikepdf.Object] = {}
        images: dict[object, pikepdf.Object] = {}
        for page, fonts, photos in zip(pdf.pages, page_fonts, page_images or [{}] * len(pdf.pages)):
            resources = page.obj.get("/Resources")
            if resources is None:
                resources = page.obj.Resources = Dictionary()
            if photos:
                xobjects = resources.get("/XObject")
                if xobjects is None:
                    xobjects = resources.XObject = Dictionary()
                for name, photo in photos.items():
                    xobject = _image_object(pdf, photo, images)
                    source = (image_sources or {}).get(name)
                    if source and photo[0] is not None and "/TS_Source" not in xobject:
                        xobject[Name("/TS_Source")] = String(source)
                    xobjects[Name("/" + name)] = xobject
            if not fonts:
                continue
            font_dict = Dictionary()
            for name, subset, _vertical in fonts:
                if subset.resource not in objects:
                    objects[subset.resource] = add_font(pdf, subset)
                if name not in objects:  # the vertical font: the same program, Identity-V
                    objects[name] = vertical_font(pdf, objects[subset.resource])
                font_dict[Name("/" + name)] = objects[name]
            resources.Font = font_dict
        if profile is not None:
            icc = pdf.make_stream(profile.data, N=4)
            intent = Dictionary(
                Type=Name.OutputIntent, S=Name.GTS_PDFX,
                OutputConditionIdentifier=String(output_condition),
                OutputCondition=String(output_condition),
                RegistryName=String("http://www.color.org"),
                Info=String(profile.description or output_condition),
                DestOutputProfile=icc,
            )
            pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
        date = pdf_date(timestamp)
        info = Dictionary(
            Title=String(title), Subject=String(subject), Creator=String("typeset"),
            Producer=String(PRODUCER), CreationDate=String(date), ModDate=String(date),
            Trapped=Name("/False"),
        )
        if pdfx:
            info.GTS_PDFXVersion = String(pdfx)
            if pdfx == "PDF/X-1a:2001":
                info.GTS_PDFXVersion = String("PDF/X-1:2001")
                info.GTS_PDFXConformance = String("PDF/X-1a:2001")
        pdf.trailer.Info = pdf.make_indirect(info)
        pdf.Root.Metadata = pdf.make_stream(
            _xmp(title, subject, timestamp, pdfx, content_digest(sheets, page_images)),
            Type=Name.Metadata, Subtype=Name.XML
        )
        if page_labels and len(page_labels) == len(pdf.pages):
            nums = Array()
            for index, label in enumerate(page_labels):
                nums.append(index)
                nums.append(Dictionary(P=String(str(label))))
            pdf.Root.PageLabels = Dictionary(Nums=nums)
        version = PDF_VERSIONS.get(pdfx or "", "1.4")
        try:
            with replacing(path) as tmp:  # the mode of the file replaced, or umask's
                pdf.save(
                    tmp, deterministic_id=True,
                    object_stream_mode=pikepdf.ObjectStreamMode.disable,
                    compress_streams=True, force_version=version, linearize=False,
                    fix_metadata_version=False,
                )
        finally:
            for source in sources.values():
                source.close()


def _image_object(pdf: pikepdf.Pdf, photo: PagePhoto, made: dict) -> pikepdf.Object:
    """The XObject for one placed photo, made once per distinct JPEG (or missing-frame size).

    A CMYK JPEG from Pillow is Adobe-inverted, hence the Decode array. A photo that could not
    be prepared becomes a Form XObject with the crossed frame `draw.draw_missing_image`
    paints, in pt inside the unit square `Do` maps to the rect."""
    image, width, height = photo
    if image is None:
        key = ("missing", width, height)
        if key not in made:
            w, h = pdf_num(width), pdf_num(height)
            content = (f"0 0 0 1 K 0.5 w [] 0 d 0 0 {w} {h} re S 0 0 m {w} {h} l S "
                       f"0 {h} m {w} 0 l S").encode()
            made[key] = pdf.make_indirect(pdf.make_stream(
                content, Type=Name.XObject, Subtype=Name.Form,
                BBox=Array([0, 0, width, height]),
                Matrix=Array([1 / width if width else 1, 0, 0, 1 / height if height else 1,
                              0, 0])))
        return made[key]
    key = image.data
    if key not in made:
        extra = {"Decode": Array([1, 0] * 4)} if image.mode == "CMYK" else {}
        stream = pikepdf.Stream(pdf, image.data)
        stream.Type = Name.XObject
        stream.Subtype = Name.Image
        stream.Width = image.width
        stream.Height = image.height
        stream.ColorSpace = Name.DeviceCMYK if image.mode == "CMYK" else Name.DeviceGray
        stream.BitsPerComponent = 8
        stream.Filter = Array([Name.DCTDecode])
        for k, v in extra.items():
            stream[Name("/" + k)] = v
        made[key] = pdf.make_indirect(stream)
    return made[key]


def pdf_num(value: float) -> str:
    """A number for a content stream: at most 4 decimals, no trailing zeros."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _add_page(pdf: pikepdf.Pdf, sheet: Sheet) -> None:
    """Append one page: its boxes, its content stream and the ExtGStates it names."""
    width, height = sheet.media
    resources = Dictionary(ProcSet=Array([Name(n) for n in PROC_SET]))
    if sheet.ext_gstates:
        resources.ExtGState = Dictionary({
            "/" + name: Dictionary(Type=Name.ExtGState, OP=stroke, op=fill, OPM=mode)
            for name, (stroke, fill, mode) in sorted(sheet.ext_gstates.items())})
    page = Dictionary(
        Type=Name.Page, MediaBox=Array([0, 0, _box_num(width), _box_num(height)]),
        TrimBox=Array([_box_num(v) for v in sheet.trim_box]),
        BleedBox=Array([_box_num(v) for v in sheet.bleed_box]),
        Resources=resources, Contents=pdf.make_stream(sheet.content))
    pdf.pages.append(pikepdf.Page(page))


def _box_num(value: float) -> float | int:
    """A box coordinate rounded as the content streams' coordinates are (`cmaps.pdf_number`),
    so that a mark drawn on a box edge is exactly on it."""
    return pdf_number(value)
