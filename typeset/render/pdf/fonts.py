"""CID font embedding: one Type0 (Identity-H) font per face, subset with HarfBuzz.

In: the glyphs a document draws with each face (full-font glyph ids from shaping, with the
source text each stands for). Out: a `FontSubset` per face holding the subset font program,
the code for every glyph id (the glyph id *in the subset*, so codes, /W and ToUnicode agree),
the widths, and the descriptor metrics; `add_font()` turns it into PDF objects with pikepdf.

CFF faces (Noto CJK, CID-keyed or name-keyed) become CIDFontType0 with a bare CFF `FontFile3
/CIDFontType0C`; the subsetter is asked for an identity charset so that CID = subset glyph id.
TrueType faces (LXGW WenKai) become CIDFontType2 with `FontFile2` and `/CIDToGIDMap /Identity`.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

import pikepdf
import uharfbuzz as hb
from pikepdf import Array, Dictionary, Name

from typeset.diagnostics import Diagnostic, error, warning
from typeset.fonts import Face, load_face
from typeset.frame import FaceRef
from typeset.render.pdf.cmaps import pdf_number, tounicode_cmap, width_array

_DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG",
                "kern", "morx", "mort", "feat", "STAT", "meta", "COLR", "CPAL")


class FontEmbedError(Exception):
    """A face that cannot be embedded (licence forbids it, CFF2 outlines …)."""


@dataclass
class FaceUsage:
    """What the document draws with one face: glyph ids and the text each glyph stands for."""

    ref: FaceRef
    gids: set[int] = field(default_factory=set)
    texts: dict[int, str] = field(default_factory=dict)
    conflicts: dict[int, set[str]] = field(default_factory=dict)

    def add(self, gid: int, text: str) -> None:
        """Record one drawn glyph; the first non-empty text wins, later different ones are
        remembered as conflicts (the same glyph drawn for different characters)."""
        self.gids.add(gid)
        if not text:
            return
        known = self.texts.get(gid)
        if known is None:
            self.texts[gid] = text
        elif known != text:
            self.conflicts.setdefault(gid, set()).add(text)


@dataclass(frozen=True)
class FontSubset:
    """A subset ready to embed. `codes` maps full-font gid → 2-byte code written in content."""

    ref: FaceRef
    resource: str
    base_font: str
    kind: str  # "cff" | "truetype"
    program: bytes
    codes: dict[int, int]
    widths: dict[int, float]  # code → width in 1/1000 em
    texts: dict[int, str]  # code → text
    flags: int
    bbox: tuple[float, float, float, float]
    italic_angle: float
    ascent: float
    descent: float
    cap_height: float
    stem_v: float


def _table(face: hb.Face, tag: str) -> bytes:
    return face.reference_table(tag).data or b""


def _subset_tag(name: str, gids: list[int]) -> str:
    """Six capital letters derived from the face and glyph set (stable across builds)."""
    digest = hashlib.sha256((name + ":" + ",".join(map(str, gids))).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _descriptor_metrics(face: Face, hb_face: hb.Face) -> dict:
    """Flags, bbox, italic angle, cap height and StemV from head/OS2/post, in 1/1000 em."""
    scale = 1000.0 / face.upem
    head = _table(hb_face, "head")
    x0, y0, x1, y1 = struct.unpack(">hhhh", head[36:44]) if len(head) >= 44 else (0, -120, 1000, 880)
    os2 = _table(hb_face, "OS/2")
    weight = struct.unpack(">H", os2[4:6])[0] if len(os2) >= 6 else 400
    fs_type = struct.unpack(">H", os2[8:10])[0] if len(os2) >= 10 else 0
    family_class = os2[30] if len(os2) > 30 else 0
    cap = face.ascender
    if len(os2) >= 90 and struct.unpack(">H", os2[0:2])[0] >= 2:
        cap = struct.unpack(">h", os2[88:90])[0] or face.ascender
    post = _table(hb_face, "post")
    angle = 0.0
    fixed = False
    if len(post) >= 16:
        angle = struct.unpack(">i", post[4:8])[0] / 65536.0
        fixed = struct.unpack(">I", post[12:16])[0] != 0
    serif = "serif" in face.family.casefold().replace("sans serif", "") or family_class in (1, 2, 3, 4, 5, 7)
    flags = 4 | (1 if fixed else 0) | (2 if serif else 0) | (64 if angle else 0)
    return {
        "fs_type": fs_type,
        "flags": flags,
        "bbox": tuple(pdf_number(v * scale) for v in (x0, y0, x1, y1)),
        "italic_angle": angle,
        "ascent": pdf_number(face.ascender * scale),
        "descent": pdf_number(face.descender * scale),
        "cap_height": pdf_number(cap * scale),
        # The usual estimate from the weight class (PDF wants a number; RIPs barely use it).
        "stem_v": float(round(50 + (weight / 65.0) ** 2)),
    }


def subset_face(usage: FaceUsage, resource: str) -> FontSubset:
    """Subset one face to the glyphs drawn and compute codes, widths and ToUnicode texts.

    Raises FontEmbedError when the font's licence bits forbid embedding, the outlines are
    a kind PDF/X-1a cannot carry (CFF2/variable), or the file is damaged or cut off (HarfBuzz
    cannot subset it): the message names the font file."""
    try:
        return _subset_face(usage, resource)
    except FontEmbedError:
        raise
    except (RuntimeError, ValueError, KeyError, IndexError, OverflowError) as exc:
        raise FontEmbedError(
            f"the font file {usage.ref.path} is damaged or cut off ({type(exc).__name__}: "
            f"{exc}): copy it again from the original, or point the role at another font in "
            "fonts/fonts.yaml") from None


def _subset_face(usage: FaceUsage, resource: str) -> FontSubset:
    """`subset_face` without the translation of a damaged file's errors."""
    face = load_face(usage.ref.path, usage.ref.index)
    hb_face = hb.Face(hb.Blob.from_file_path(face.path), face.index)
    metrics = _descriptor_metrics(face, hb_face)
    if metrics["fs_type"] & 0x000F == 0x0002:
        raise FontEmbedError(
            f"{face.path} ({face.postscript_name}) forbids embedding (OS/2 fsType 'restricted "
            f"licence'): choose another font for this role"
        )
    if "CFF2" in face.tables:
        raise FontEmbedError(
            f"{face.path} has CFF2 (variable) outlines, which PDF/X-1a cannot carry: use a "
            f"static instance of the font"
        )
    gids = sorted(usage.gids | {0})
    inp = hb.SubsetInput()
    for gid in gids:
        inp.glyph_set.add(gid)
    inp.flags = hb.SubsetFlags.NO_LAYOUT_CLOSURE | hb.SubsetFlags.CFF_IDENTITY_CHARSET
    if not face.is_cff:
        inp.flags |= hb.SubsetFlags.NO_HINTING
    drop = inp.drop_table_tag_set
    for tag in _DROP_TABLES:
        drop.add(_tag(tag))
    plan = hb.SubsetPlan(hb_face, inp)
    sub = plan.execute()
    if sub is None:
        raise FontEmbedError(f"HarfBuzz could not subset {face.path} (face {face.index})")
    mapping = dict(plan.old_to_new_glyph_mapping)
    if face.is_cff:
        program = _table(sub, "CFF ")
        kind = "cff"
    else:
        program = sub.blob.data
        kind = "truetype"
    if not program:
        raise FontEmbedError(f"no outlines found when subsetting {face.path} (face {face.index})")
    scale = 1000.0 / face.upem
    codes = {gid: mapping[gid] for gid in gids}
    widths = {codes[gid]: pdf_number(face.advance(gid) * scale) for gid in gids}
    texts = {codes[gid]: text for gid, text in usage.texts.items()}
    tag = _subset_tag(face.postscript_name, gids)
    return FontSubset(
        ref=usage.ref, resource=resource, base_font=f"{tag}+{face.postscript_name}", kind=kind,
        program=program, codes=codes, widths=widths, texts=texts, flags=metrics["flags"],
        bbox=metrics["bbox"], italic_angle=metrics["italic_angle"], ascent=metrics["ascent"],
        descent=metrics["descent"], cap_height=metrics["cap_height"], stem_v=metrics["stem_v"],
    )


def _tag(tag: str) -> int:
    raw = tag.encode("ascii").ljust(4, b" ")
    return struct.unpack(">I", raw)[0]


def conflict_diagnostics(usage: FaceUsage) -> list[Diagnostic]:
    """Warn when one glyph stands for different characters: copy/paste gives the first one."""
    out = []
    for gid, others in sorted(usage.conflicts.items()):
        first = usage.texts[gid]
        out.append(warning(
            "pdf-text-ambiguous",
            f"glyph {gid} of {usage.ref.name} is drawn for {first!r} and {sorted(others)!r}; "
            f"text extracted from the PDF gives {first!r} everywhere",
            hint="harmless for print; use distinct characters if the e-paper text matters",
        ))
    return out


def add_font(pdf: pikepdf.Pdf, subset: FontSubset) -> pikepdf.Object:
    """Create the Type0 font, its descendant CIDFont, descriptor, font file and ToUnicode in
    `pdf`; return the (indirect) Type0 font dictionary."""
    if subset.kind == "cff":
        font_file = pdf.make_stream(subset.program, Subtype=Name.CIDFontType0C)
        file_key, cid_subtype = Name.FontFile3, Name.CIDFontType0
    else:
        font_file = pdf.make_stream(subset.program, Length1=len(subset.program))
        file_key, cid_subtype = Name.FontFile2, Name.CIDFontType2
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/" + subset.base_font),
        Flags=subset.flags,
        FontBBox=Array(list(subset.bbox)),
        ItalicAngle=pdf_number(subset.italic_angle),
        Ascent=subset.ascent,
        Descent=subset.descent,
        CapHeight=subset.cap_height,
        StemV=pdf_number(subset.stem_v),
    )
    descriptor[file_key] = font_file
    cid_font = Dictionary(
        Type=Name.Font,
        Subtype=cid_subtype,
        BaseFont=Name("/" + subset.base_font),
        CIDSystemInfo=Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=1000,
        W=Array(width_array(subset.widths, 1000)),
    )
    if subset.kind == "truetype":
        cid_font.CIDToGIDMap = Name.Identity
    to_unicode = pdf.make_stream(tounicode_cmap(subset.texts))
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=Name("/" + subset.base_font),
        Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(cid_font)]),
        ToUnicode=to_unicode,
    )
    return pdf.make_indirect(font)


def vertical_font(pdf: pikepdf.Pdf, horizontal: pikepdf.Object) -> pikepdf.Object:
    """The vertical-writing Type0 font (Identity-V: WMode 1) of a face whose horizontal font
    `add_font` made: the same CIDFont, font program and ToUnicode, so nothing is embedded
    twice. Its glyphs use the default vertical metrics (DW2 [880 −1000])."""
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=horizontal.BaseFont,
        Encoding=Name("/Identity-V"),
        DescendantFonts=horizontal.DescendantFonts,
        ToUnicode=horizontal.ToUnicode,
    )
    return pdf.make_indirect(font)


def embed_error(ref: FaceRef, exc: Exception) -> Diagnostic:
    """The diagnostic for a face that could not be embedded (its text is then missing)."""
    return error(
        "pdf-font-embed",
        f"cannot embed font {ref.name} ({ref.path}, face {ref.index}): {exc}",
        hint="text in this face is left out of the PDF; pick another font for its role",
    )
