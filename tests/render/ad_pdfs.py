"""Advertisement PDFs as agencies deliver them, good and bad, made for the tests (imported as
`ad_pdfs`): CMYK vector with an embedded font, RGB, un-embedded Helvetica, bleed with a
TrimBox, two pages, transparency, Lab, encrypted."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

KAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
MM = 72 / 25.4


def _kai() -> str:
    if "AdKai" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("AdKai", KAI))
    return "AdKai"


def cmyk_ad(path: Path, width: float = 200.0, height: float = 100.0, pages: int = 1) -> Path:
    """A print-ready ad: CMYK fills and a slogan in an embedded (subset) TrueType font. Page n
    fills with a different cyan amount (n × 20 %) so tests can tell the pages apart."""
    c = Canvas(str(path), pagesize=(width, height))
    for n in range(1, pages + 1):
        c.setFillColorCMYK(min(0.2 * n, 1), 0, 0, 0)
        c.rect(0, 0, width, height, stroke=0, fill=1)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(_kai(), 14)
        c.drawString(10, height / 2, f"福彩 第{n}页")
        c.showPage()
    c.save()
    return path


def rgb_ad(path: Path, width: float = 200.0, height: float = 100.0) -> Path:
    """An office-made ad: DeviceRGB fill (rg) in the content, font embedded."""
    c = Canvas(str(path), pagesize=(width, height))
    c.setFillColorRGB(1, 0, 0)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont(_kai(), 14)
    c.drawString(10, height / 2, "福彩")
    c.showPage()
    c.save()
    return path


def helvetica_ad(path: Path, width: float = 200.0, height: float = 100.0) -> Path:
    """CMYK, but the text is reportlab's default Helvetica, which is never embedded."""
    c = Canvas(str(path), pagesize=(width, height))
    c.setFillColorCMYK(0, 0, 0, 1)
    c.drawString(20, 40, "LOTTERY")
    c.showPage()
    c.save()
    return path


def transparent_ad(path: Path, width: float = 200.0, height: float = 100.0) -> Path:
    """CMYK with a 50 % opaque fill (an ExtGState with /ca 0.5)."""
    c = Canvas(str(path), pagesize=(width, height))
    c.setFillColorCMYK(0, 1, 0, 0)
    c.setFillAlpha(0.5)
    c.rect(10, 10, width - 20, height - 20, stroke=0, fill=1)
    c.showPage()
    c.save()
    return path


def bleed_ad(path: Path, trim_w: float = 100 * MM, trim_h: float = 50 * MM,
             bleed: float = 3 * MM, slug: float = 12 * MM) -> Path:
    """An ad with 3 mm bleed and crop marks outside it: MediaBox larger than the TrimBox.
    Outside the trim it is 100 % magenta (bleed, marks), inside it is 100 % cyan."""
    outer = bleed + slug
    width, height = trim_w + 2 * outer, trim_h + 2 * outer
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(width, height))
    content = (f"0 1 0 0 k 0 0 {width:.3f} {height:.3f} re f "
               f"1 0 0 0 k {outer:.3f} {outer:.3f} {trim_w:.3f} {trim_h:.3f} re f").encode()
    page.obj.Contents = pdf.make_stream(content)
    page.obj.BleedBox = pikepdf.Array([slug, slug, width - slug, height - slug])
    page.obj.TrimBox = pikepdf.Array([outer, outer, outer + trim_w, outer + trim_h])
    pdf.save(path)
    return path


def lab_ad(path: Path) -> Path:
    """A fill in a Lab colour space named in the page resources."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(200, 100))
    lab = pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])])
    page.obj.Resources = pikepdf.Dictionary(ColorSpace=pikepdf.Dictionary(CS0=lab))
    page.obj.Contents = pdf.make_stream(b"/CS0 cs 50 20 -30 sc 0 0 200 100 re f")
    pdf.save(path)
    return path


def encrypted_ad(path: Path, user: str = "secret") -> Path:
    """A CMYK ad saved with a password (an empty `user` password: owner restrictions only)."""
    tmp = path.with_suffix(".plain.pdf")
    cmyk_ad(tmp)
    with pikepdf.open(tmp) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="owner-pw", user=user))
    tmp.unlink()
    return path
