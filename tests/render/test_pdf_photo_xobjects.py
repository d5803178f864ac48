"""Photos are named while the pages are painted and added when the PDF is finished: painting
never waits for a photo, one XObject per distinct JPEG, a photo that fails while being
prepared becomes a crossed frame, and the diagnostics come in the order of the pages."""

from __future__ import annotations

import subprocess

import pikepdf
from PIL import Image

from typeset.frame import ImageItem
from typeset.render.pdf.content import PageContent
from typeset.render.pdf import PdfOptions, write_pdf, writer


def _item(path, x=10, crop=(0, 0, 600, 400), width=144.0):
    return ImageItem(x, 10, width, width * 2 / 3, str(path), crop, (600, 400))


def test_pages_are_painted_before_any_photo_is_waited_for(tmp_path, make_doc, photo,
                                                          monkeypatch):
    other = tmp_path / "other.png"
    Image.new("RGB", (600, 400), (20, 200, 40)).save(other)
    shown, looked_up = [], []
    original_data = PageContent.data  # called once a page is painted
    original_finish = writer._Photos.finish  # the only place a photo is waited for

    def data(page):
        shown.append(1)
        return original_data(page)

    def finish(photos, diags):
        looked_up.append(len(shown))
        return original_finish(photos, diags)

    monkeypatch.setattr(PageContent, "data", data)
    monkeypatch.setattr(writer._Photos, "finish", finish)
    write_pdf(make_doc([_item(photo)], [_item(other)], [_item(photo)]), tmp_path / "a.pdf")
    assert looked_up and set(looked_up) == {3}


def test_one_xobject_per_distinct_photo_and_the_placement_operators(tmp_path, make_doc, photo):
    doc = make_doc([_item(photo), _item(photo, x=200, width=72.0)], [_item(photo)])
    write_pdf(doc, tmp_path / "a.pdf")
    with pikepdf.open(tmp_path / "a.pdf") as pdf:
        first = dict(pdf.pages[0].Resources.XObject.items())
        second = dict(pdf.pages[1].Resources.XObject.items())
        assert sorted(first) == ["/TSIm1", "/TSIm2"] and sorted(second) == ["/TSIm1"]
        assert first["/TSIm1"].objgen == second["/TSIm1"].objgen
        image = first["/TSIm1"]
        assert (image.Subtype, image.ColorSpace, list(image.Decode)) == \
            ("/Image", "/DeviceCMYK", [1, 0] * 4)
        content = pdf.pages[0].Contents.read_bytes()
        assert b"q 144 0 0 96 " in content and b" cm /TSIm1 Do Q" in content
    listed = subprocess.run(["pdfimages", "-list", str(tmp_path / "a.pdf")], check=True,
                            capture_output=True, text=True).stdout.splitlines()[2:]
    assert len(listed) == 3 and all(" cmyk " in line and " jpeg " in line for line in listed)


def test_a_photo_that_fails_while_prepared_is_a_crossed_frame(tmp_path, make_doc, photo,
                                                               monkeypatch):
    truncated = tmp_path / "cut.jpg"
    Image.effect_noise((600, 400), 60).convert("RGB").save(truncated, quality=95)
    data = truncated.read_bytes()  # the header reads (and it ends), the scan data does not
    truncated.write_bytes(data[:len(data) // 3] + b"\xff\xda" + data[len(data) // 3 + 2:])
    path = tmp_path / "a.pdf"
    diags = write_pdf(make_doc([_item(truncated)], [_item(photo), _item(truncated, x=200)]),
                      path, PdfOptions(proof=True))
    assert [(d.code, d.page) for d in diags if d.code.startswith("image")] == \
        [("image-unreadable", 1)]
    with pikepdf.open(path) as pdf:
        # Crossed out in the page (failed before it was painted) or as a form (after).
        xobjects = pdf.pages[0].Resources.get("/XObject", {})
        assert not any(x.get("/Subtype") == "/Image" for x in xobjects.values())
        drawn = pdf.pages[0].Contents.read_bytes() + b"".join(
            x.read_bytes() for x in xobjects.values())
        assert b" re S" in drawn
    subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=nullpage",
                    str(path)], check=True, capture_output=True)


def test_diagnostics_follow_the_pages_not_the_workers(tmp_path, make_doc, photo):
    low = _item(photo, width=288.0)  # 150 ppi: a warning
    doc = make_doc([_item(tmp_path / "gone.jpg")], [low], [_item(photo)])
    for _build in ("prepared by the preparer", "found in the session"):
        diags = write_pdf(doc, tmp_path / "a.pdf")
        assert [(d.code, d.page) for d in diags] == [("image-missing", 1), ("image-ppi", 2)]
