"""Photos: separation to CMYK or grey, ppi diagnostics, EXIF orientation, bad files; previews."""

from __future__ import annotations

import subprocess

import pikepdf
from PIL import Image, ImageFile

from typeset.frame import ImageItem
from typeset.manifest import media_probe
from typeset.render.pdf import PdfOptions, write_pdf
from typeset.render.preview import render_png


def _image_dicts(path):
    with pikepdf.open(path) as pdf:
        return [(str(x.ColorSpace), int(x.Width), int(x.Height), [str(f) for f in x.Filter])
                for _, x in pdf.pages[0].obj.Resources.XObject.items()]


def test_rgb_photo_becomes_cmyk_jpeg_with_the_output_profile(tmp_path, make_doc, photo):
    path = tmp_path / "i.pdf"
    item = ImageItem(10, 10, 144, 96, str(photo), (0, 0, 600, 400), (600, 400))
    diags = write_pdf(make_doc([item]), path, PdfOptions(image_max_ppi=0))
    assert diags == []
    assert _image_dicts(path) == [("/DeviceCMYK", 600, 400, ["/DCTDecode"])]
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2]
    assert " cmyk " in out and " 300 " in out  # 600 px over 2 in


def test_separated_inks_are_right(tmp_path, make_doc, photo):
    # Left half (0,160,230) RGB → mostly cyan; right half pure red → magenta + yellow.
    path = tmp_path / "s.pdf"
    write_pdf(make_doc([ImageItem(0, 0, 300, 200, str(photo), (0, 0, 600, 400), (600, 400))],
                       bleed=0), path)
    subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep", "-r20",
                    f"-sOutputFile={tmp_path}/sep.tif", str(path)], check=True)
    ink = {}
    for sep in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(tmp_path / f"sep({sep}).tif") as im:
            ink[sep] = (255 - im.getpixel((20, 28)), 255 - im.getpixel((63, 28)))
    assert ink["Cyan"][0] > 150 and ink["Cyan"][1] < 30
    assert ink["Magenta"][1] > 200 and ink["Yellow"][1] > 200


def test_grey_pages_get_grey_images_and_large_photos_are_downsampled(tmp_path, make_doc, photo):
    path = tmp_path / "g.pdf"
    item = ImageItem(10, 10, 72, 48, str(photo), (0, 0, 600, 400), (600, 400))  # 600 ppi
    write_pdf(make_doc([item]), path, PdfOptions(grey_images=True, image_max_ppi=300))
    assert _image_dicts(path) == [("/DeviceGray", 300, 200, ["/DCTDecode"])]


def test_low_resolution_is_reported(tmp_path, make_doc, photo):
    path = tmp_path / "l.pdf"
    warn = ImageItem(0, 0, 288, 192, str(photo), (0, 0, 600, 400), (600, 400))  # 150 ppi
    err = ImageItem(0, 0, 288, 192, str(photo), (0, 0, 300, 200), (600, 400))  # 75 ppi
    diags = write_pdf(make_doc([warn], [err], width=300), path)
    found = [(d.code, d.severity.value, d.page) for d in diags]
    assert found == [("image-ppi", "warning", 1), ("image-ppi", "error", 2)]
    assert dict(diags[1].data)["ppi"] == 75.0


def test_exif_orientation_is_applied_before_cropping(tmp_path, make_doc):
    source = tmp_path / "rotated.jpg"
    im = Image.new("RGB", (400, 200), (200, 200, 200))
    exif = im.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    im.save(source, exif=exif)
    path = tmp_path / "e.pdf"
    write_pdf(make_doc([ImageItem(0, 0, 100, 200, str(source), (0, 0, 200, 400), (200, 400))]),
              path, PdfOptions(image_max_ppi=0))
    assert _image_dicts(path)[0][1:3] == (200, 400)


def test_png_orientation_is_read_from_its_header_without_decoding_the_pixels(
        tmp_path, monkeypatch):
    # Pillow's getexif() on a PNG decodes the whole image (0.6 s for a 34-megapixel photo,
    # which the preparer decodes again): the probe reads the eXIf chunk before the pixels.
    source = tmp_path / "turned.png"
    im = Image.new("RGB", (40, 20), (200, 20, 20))
    exif = im.getexif()
    exif[0x0112] = 6
    im.save(source, exif=exif)
    plain = tmp_path / "plain.png"
    im.save(plain)

    decoded = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load",
                        lambda self: decoded.append(self.format) or load(self))
    turned = media_probe.probe(str(source))
    assert (turned.orientation, turned.width, turned.height, turned.problem) == (6, 20, 40, "")
    assert media_probe.probe(str(plain)).orientation == 1
    assert decoded == []


def test_missing_unreadable_and_oversized_images_are_errors_not_exceptions(
        tmp_path, make_doc, photo, monkeypatch):
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"not an image")
    items = [ImageItem(0, 0, 50, 50, str(tmp_path / "nope.jpg"), (0, 0, 10, 10), (10, 10)),
             ImageItem(60, 0, 50, 50, str(junk), (0, 0, 10, 10), (10, 10)),
             ImageItem(120, 0, 50, 50, str(photo), (0, 0, 600, 400), (600, 400))]
    monkeypatch.setattr(media_probe, "MAX_PIXELS", 1000)
    path = tmp_path / "bad.pdf"
    diags = write_pdf(make_doc(items), path)
    assert [d.code for d in diags] == ["image-missing", "image-unreadable", "image-too-large"]
    assert str(junk) in diags[1].message
    assert path.exists()


def test_render_png_names_and_sizes(tmp_path, make_doc, run, serif):
    path = tmp_path / "p.pdf"
    write_pdf(make_doc([run(serif, "一", 10, 30, 9)], [run(serif, "二", 10, 30, 9)], width=288,
                       height=144, bleed=0), path)
    written = render_png(path, tmp_path / "png", dpi=50)
    assert [p.name for p in written] == ["page-01.png", "page-02.png"]
    with Image.open(written[0]) as im:
        assert im.size == (200, 100)
    assert [p.name for p in render_png(path, tmp_path / "png2", pages=[2])] == ["page-02.png"]
