"""`ad: {file: ads/x.pdf, page: N}` when the edition loads: which page, the ad's trim size,
and the ad's own print-readiness reported at the manifest's file:line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "render"))
from ad_pdfs import MM, bleed_ad, cmyk_ad, encrypted_ad, helvetica_ad, rgb_ad, transparent_ad
from manifest_kit import BASE, line_of

AD_SLOT = """\
      - ad: {ad}
        at: {{column: 5, span: 4, top: 10, bottom: 30}}
"""


def ad_edition(maker, tmp_path, ad: str, make=None, name: str = "ads/x.pdf") -> Path:
    """An edition whose page 1 has an ad slot `ad:` (with `make` writing the ad file)."""
    files = {}
    if make is not None:
        made = make(tmp_path / f"made-{maker.count}.pdf")
        files[name] = made.read_bytes()
    return maker.write(BASE + AD_SLOT.format(ad=ad), files=files)


def ad_slot(edition):
    return next(s for s in edition.pages[0].slots if s.kind == "ad")


def test_page_two_of_a_pdf_ad_is_chosen(maker, tmp_path):
    folder = ad_edition(maker, tmp_path, "{file: ads/x.pdf, page: 2}",
                        lambda p: cmyk_ad(p, 300, 150, pages=2))
    edition, warnings = maker.load(folder)
    slot = ad_slot(edition)
    assert (slot.ad_file, slot.ad_page) == ("ads/x.pdf", 2)
    assert slot.ad_trim == pytest.approx((300, 150))
    assert [w for w in warnings if w.code.startswith("ad-")] == []


def test_the_page_defaults_to_one(maker, tmp_path):
    folder = ad_edition(maker, tmp_path, "{file: ads/x.pdf}", cmyk_ad)
    assert ad_slot(maker.load(folder)[0]).ad_page == 1


def test_a_page_past_the_end_is_an_error_with_the_page_count(maker, tmp_path):
    folder = ad_edition(maker, tmp_path, "{file: ads/x.pdf, page: 3}",
                        lambda p: cmyk_ad(p, pages=2))
    found = maker.one(folder, "ad-page")
    assert "ads/x.pdf has 2 pages; page 3 was asked for" in found.message
    assert found.source.line == line_of(folder, "page: 3")
    assert "page: 1 … 2" in found.hint


def test_page_zero_is_refused(maker, tmp_path):
    folder = ad_edition(maker, tmp_path, "{file: ads/x.pdf, page: 0}", cmyk_ad)
    assert maker.errors(folder)


@pytest.mark.parametrize("ad", ["{text: 福运相伴, page: 2}", "{file: ads/x.png, page: 2}"])
def test_page_only_belongs_to_a_pdf_ad(maker, tmp_path, ad):
    files = {}
    if "png" in ad:
        from PIL import Image
        Image.new("RGB", (40, 20), "white").save(tmp_path / "x.png")
        files["ads/x.png"] = (tmp_path / "x.png").read_bytes()
    folder = maker.write(BASE + AD_SLOT.format(ad=ad), files=files)
    found = maker.one(folder, "not-here")
    assert "'page' picks a page of a PDF ad" in found.message


def test_the_trim_box_size_is_what_the_slot_carries(maker, tmp_path):
    folder = ad_edition(maker, tmp_path, "{file: ads/x.pdf}", bleed_ad)
    slot = ad_slot(maker.load(folder)[0])
    assert slot.ad_trim == pytest.approx((100 * MM, 50 * MM))


@pytest.mark.parametrize("make, code, words", [
    (rgb_ad, "ad-colour", "DeviceRGB"),
    (helvetica_ad, "ad-font-not-embedded", "Helvetica"),
    (transparent_ad, "ad-transparency", "PDF/X-1a"),
])
def test_print_readiness_problems_are_warnings_at_the_file_line(maker, tmp_path, make, code,
                                                                 words):
    folder = ad_edition(maker, tmp_path, "{file: ads/x.pdf}", make)
    _edition, warnings = maker.load(folder)
    found = [w for w in warnings if w.code == code]
    assert len(found) == 1, [w.format() for w in warnings]
    assert words in found[0].message and "ads/x.pdf" in found[0].message
    assert found[0].source.file.endswith("edition.yaml")
    assert found[0].source.line == line_of(folder, "file: ads/x.pdf")
    assert found[0].hint


def test_an_encrypted_ad_is_an_error_at_its_line(maker, tmp_path):
    folder = ad_edition(maker, tmp_path, "{file: ads/x.pdf}", encrypted_ad)
    found = maker.one(folder, "ad-encrypted")
    assert "ads/x.pdf is encrypted" in found.message
    assert found.source.line == line_of(folder, "file: ads/x.pdf")


def test_a_broken_pdf_ad_is_an_error_at_its_line(maker, tmp_path):
    folder = maker.write(BASE + AD_SLOT.format(ad="{file: ads/x.pdf}"),
                         files={"ads/x.pdf": b"%PDF-1.4\n no objects at all"})
    found = maker.one(folder, "ad-unreadable")
    assert "ads/x.pdf" in found.message
    assert found.source.line == line_of(folder, "file: ads/x.pdf")
