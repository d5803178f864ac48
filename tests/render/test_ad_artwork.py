"""The print-readiness of an agency's PDF ad, as read when the edition loads
(`typeset.preflight.ad_artwork.inspect_ad`)."""

from __future__ import annotations

import pikepdf
import pytest
from ad_pdfs import (
    MM,
    bleed_ad,
    cmyk_ad,
    encrypted_ad,
    helvetica_ad,
    lab_ad,
    rgb_ad,
    transparent_ad,
)

from typeset.preflight.ad_artwork import colour_kind, inspect_ad


def codes(art):
    return {f.code: f for f in art.findings}


def test_a_print_ready_cmyk_ad_has_no_findings_and_its_size(tmp_path):
    art = inspect_ad(cmyk_ad(tmp_path / "ok.pdf", 200, 100), name="ads/ok.pdf")
    assert art.findings == ()
    assert art.pages == 1
    assert art.trim == pytest.approx((200, 100))
    assert art.box == "MediaBox"


def test_the_trim_box_is_measured_not_the_media_box(tmp_path):
    art = inspect_ad(bleed_ad(tmp_path / "bleed.pdf"))
    assert art.box == "TrimBox"
    assert art.trim == pytest.approx((100 * MM, 50 * MM))


def test_crop_box_stands_in_for_a_missing_trim_box_and_rotate_turns_it(tmp_path):
    path = cmyk_ad(tmp_path / "crop.pdf", 300, 200)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.CropBox = pikepdf.Array([10, 20, 250, 180])
        pdf.pages[0].obj.Rotate = 90
        pdf.save(path)
    art = inspect_ad(path)
    assert art.box == "CropBox"
    assert art.trim == pytest.approx((160, 240))


def test_unembedded_fonts_are_named(tmp_path):
    found = codes(inspect_ad(helvetica_ad(tmp_path / "h.pdf"), name="ads/h.pdf"))
    assert set(found) == {"ad-font-not-embedded"}
    finding = found["ad-font-not-embedded"]
    assert finding.severity == "warning"
    assert "Helvetica" in finding.message and "ads/h.pdf" in finding.message


def test_rgb_content_colour_is_reported(tmp_path):
    found = codes(inspect_ad(rgb_ad(tmp_path / "rgb.pdf"), name="ads/rgb.pdf"))
    assert set(found) == {"ad-colour"}
    assert "DeviceRGB" in found["ad-colour"].message


def test_lab_colour_space_is_reported(tmp_path):
    found = codes(inspect_ad(lab_ad(tmp_path / "lab.pdf")))
    assert "Lab" in found["ad-colour"].message


def test_icc_based_rgb_image_is_reported(tmp_path):
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(100, 100))
    icc = pdf.make_stream(b"\0" * 16 + b"RGB " + b"\0" * 108, N=3)
    image = pdf.make_stream(b"\xff\0\0", Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=1, Height=1,
                            BitsPerComponent=8,
                            ColorSpace=pikepdf.Array([pikepdf.Name.ICCBased, icc]))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.obj.Contents = pdf.make_stream(b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    pdf.save(tmp_path / "icc.pdf")
    found = codes(inspect_ad(tmp_path / "icc.pdf"))
    assert "image Im0 is ICC-based RGB" in found["ad-colour"].message


def test_colour_kinds():
    assert colour_kind(pikepdf.Name.DeviceCMYK) == ""
    assert colour_kind(pikepdf.Name.DeviceRGB) == "RGB"
    spot = pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/PANTONE 485 C"),
                          pikepdf.Name.DeviceCMYK, pikepdf.Dictionary()])
    assert colour_kind(spot) == ""
    spot_rgb = pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/Red"),
                              pikepdf.Name.DeviceRGB, pikepdf.Dictionary()])
    assert "RGB" in colour_kind(spot_rgb)
    assert colour_kind(pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1,
                                      b"\0" * 6])) == "indexed RGB"


def test_transparency_only_matters_in_a_pdfx_1a_edition(tmp_path):
    path = transparent_ad(tmp_path / "t.pdf")
    found = codes(inspect_ad(path, pdfx_1a=True))
    assert "ad-transparency" in found
    assert "0.5" in found["ad-transparency"].message
    assert "ad-transparency" not in codes(inspect_ad(path, pdfx_1a=False))


def test_soft_masks_and_blend_modes_are_transparency(tmp_path):
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(100, 100))
    mask = pdf.make_stream(b"\x80", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=1, Height=1, BitsPerComponent=8,
                           ColorSpace=pikepdf.Name.DeviceGray)
    image = pdf.make_stream(b"\0\0\0\xff", Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=1, Height=1,
                            BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceCMYK, SMask=mask)
    page.obj.Resources = pikepdf.Dictionary(
        XObject=pikepdf.Dictionary(Im0=image),
        ExtGState=pikepdf.Dictionary(GS0=pikepdf.Dictionary(BM=pikepdf.Name.Multiply)))
    page.obj.Contents = pdf.make_stream(b"/GS0 gs q 100 0 0 100 0 0 cm /Im0 Do Q")
    pdf.save(tmp_path / "mask.pdf")
    message = codes(inspect_ad(tmp_path / "mask.pdf"))["ad-transparency"].message
    assert "image Im0 has a soft mask" in message
    assert "blends Multiply" in message


def test_problems_inside_a_form_xobject_are_found(tmp_path):
    inner = helvetica_ad(tmp_path / "inner.pdf")
    pdf = pikepdf.new()
    with pikepdf.open(inner) as source:
        form = pdf.copy_foreign(source.pages[0].as_form_xobject())
    page = pdf.add_blank_page(page_size=(200, 100))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    page.obj.Contents = pdf.make_stream(b"/Fm0 Do")
    pdf.save(tmp_path / "nested.pdf")
    assert "Helvetica" in codes(inspect_ad(tmp_path / "nested.pdf"))[
        "ad-font-not-embedded"].message


@pytest.mark.parametrize("user", ["secret", ""])
def test_an_encrypted_ad_is_an_error(tmp_path, user):
    art = inspect_ad(encrypted_ad(tmp_path / "enc.pdf", user=user), name="ads/enc.pdf")
    found = codes(art)
    assert found["ad-encrypted"].severity == "error"
    assert "ads/enc.pdf is encrypted" in found["ad-encrypted"].message


def test_a_broken_file_is_an_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage without objects")
    found = codes(inspect_ad(path))
    assert found["ad-unreadable"].severity == "error"
    assert inspect_ad(path).pages == 0


def test_a_truncated_file_is_repaired_with_a_warning(tmp_path):
    path = cmyk_ad(tmp_path / "cut.pdf")
    data = path.read_bytes()
    path.write_bytes(data[: data.rfind(b"xref")])
    art = inspect_ad(path)
    assert art.pages == 1
    assert codes(art)["ad-damaged"].severity == "warning"


def test_a_page_past_the_end_gives_the_count_and_no_size(tmp_path):
    art = inspect_ad(cmyk_ad(tmp_path / "two.pdf", pages=2), page=3)
    assert art.pages == 2 and art.trim is None


def test_the_result_follows_the_file_when_it_changes(tmp_path):
    path = cmyk_ad(tmp_path / "ad.pdf")
    assert inspect_ad(path).findings == ()
    rgb_ad(path)
    assert "ad-colour" in codes(inspect_ad(path))
