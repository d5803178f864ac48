"""Photos as the desk gets them: every colour mode and bit depth Pillow opens is placed (or
refused with a clear error); broken files, non-images and decompression bombs are refused
without being decoded; EXIF orientation is honoured. Driven through `paiban build`."""

from __future__ import annotations

import io
import json
import struct
import zlib

import pikepdf
import pytest
from PIL import Image
from relkit import with_photo, write_edition

PHOTO = "caption: 图片说明, credit: 记者 摄, span: 2, lines: 10, file: photos/"


def _image(mode: str, fmt: str, size=(400, 300)) -> bytes:
    colour = {"1": 1, "L": 128, "LA": (128, 200), "P": 3, "RGB": (200, 100, 50),
              "RGBA": (200, 100, 50, 128), "CMYK": (10, 20, 30, 40), "I;16": 30000,
              "I": 70000, "F": 0.5, "LAB": (50, 10, 10)}[mode]
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt)
    return buffer.getvalue()


def _exif_jpeg(orientation: int, size=(800, 400)) -> bytes:
    """Stored left half red, right half blue; tagged with EXIF `orientation`."""
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = image.getexif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def _placed_images(out):
    with pikepdf.open(out) as pdf:
        return [pikepdf.PdfImage(obj).as_pil_image() for obj in pdf.pages[0].get_images().values()]


def _png_header(width: int, height: int, colour_type: int = 0, body: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(body))
            + chunk(b"IEND", b""))


def _build(cli, tmp_path, name: str, data: bytes, expect):
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + name), files={
        f"photos/{name}": data})
    out = tmp_path / "out.pdf"
    result = cli("build", folder, "-o", out, expect=expect)
    return result, out


PLACEABLE = {
    "rgb.jpg": ("RGB", "JPEG"), "cmyk.jpg": ("CMYK", "JPEG"), "grey.jpg": ("L", "JPEG"),
    "cmyk.tif": ("CMYK", "TIFF"), "int32.tif": ("I", "TIFF"), "float.tif": ("F", "TIFF"),
    "lab.tif": ("LAB", "TIFF"), "bilevel.png": ("1", "PNG"), "grey16.png": ("I;16", "PNG"),
    "palette.png": ("P", "PNG"), "alpha.png": ("RGBA", "PNG"), "grey-alpha.png": ("LA", "PNG"),
}


@pytest.mark.parametrize("name", sorted(PLACEABLE))
def test_every_colour_mode_is_placed(cli, tmp_path, name):
    """Regression: every valid PNG was refused ('verify must be called directly after open')
    because the image-size check read EXIF before verify()."""
    result, out = _build(cli, tmp_path, name, _image(*PLACEABLE[name]), expect=0)
    assert out.exists()
    with pikepdf.open(out) as pdf:
        images = list(pdf.pages[0].get_images().values())
        assert len(images) == 1
        assert images[0].ColorSpace in ("/DeviceCMYK", "/DeviceGray")


REFUSED = {
    "text.jpg": (b"this is not an image at all", "not an image"),
    "empty.jpg": (b"", "not an image"),
    "page.png": (b"<html><body>404 Not Found</body></html>", "not an image"),
    "truncated.png": (_image("RGB", "PNG")[:120], "truncated"),
    "anim.jpg": (_image("P", "GIF"), "GIF"),
    "photo.jpg": (_image("RGB", "WEBP"), "WEBP"),
    "scan.jpg": (_image("RGB", "BMP"), "BMP"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_broken_or_foreign_files_are_refused(cli, tmp_path, name):
    data, words = REFUSED[name]
    result, out = _build(cli, tmp_path, name, data, expect=1)
    assert words in result.output and name in result.output
    assert not out.exists()


def test_truncated_jpeg_refuses_the_final_build(cli, tmp_path):
    """A JPEG whose header is fine but whose data stops half way: the final PDF is not written
    (regression: it was written, photo missing), and `check` already says so, once."""
    data = _image("RGB", "JPEG")
    result, out = _build(cli, tmp_path, "half.jpg", data[:len(data) // 2], expect=1)
    assert "cut off" in result.output and "not written" in result.output
    assert result.output.count("half.jpg") == 1  # one error, not one per stage
    assert not out.exists()
    checked = cli("check", tmp_path / "ed", expect=1)
    assert "cut off" in checked.output and "edition.yaml:" in checked.output


def test_a_broken_photo_is_reported_once_and_proofed_as_a_crossed_frame(cli, tmp_path):
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + "cut.png"), files={
        "photos/cut.png": _image("RGB", "PNG")[:120]})
    proof = tmp_path / "proof.pdf"
    result = cli("proof", folder, "-o", proof, expect=1)
    assert result.output.count("cut.png") == 1 and proof.exists()
    with pikepdf.open(proof) as pdf:
        assert not pdf.pages[0].get_images()  # no picture, no second attempt to read it


def test_bytes_after_the_jpeg_end_marker_are_allowed(cli, tmp_path):
    """Some cameras append data after the end-of-image marker: the photo still places."""
    result, out = _build(cli, tmp_path, "tail.jpg", _image("RGB", "JPEG") + b"\0" * 500,
                         expect=0)
    assert out.exists()


@pytest.mark.parametrize("width,height", [(100_000, 100_000), (40_000, 40_000),
                                          (2_000_000_000, 1)])
def test_decompression_bomb_is_refused_unread(cli, tmp_path, width, height):
    """A tiny PNG that claims billions of pixels: refused from its header, never decoded."""
    bomb = _png_header(width, height, body=b"\x00" * 1000)
    assert len(bomb) < 200
    result, out = _build(cli, tmp_path, "bomb.png", bomb, expect=1)
    assert "bomb" in result.output or "too large" in result.output or "pixels" in result.output
    assert not out.exists()


# Where the stored left (red) half shows once the orientation is applied.
RED_SIDE = {1: "left", 3: "right", 6: "top", 8: "bottom"}
OPPOSITE = {"left": "right", "right": "left", "top": "bottom", "bottom": "top"}


@pytest.mark.parametrize("orientation", sorted(RED_SIDE))
def test_exif_orientation_is_applied(cli, tmp_path, orientation):
    """A red|blue JPEG tagged with an EXIF rotation shows its red half on the rotated side."""
    result, out = _build(cli, tmp_path, "turned.jpg", _exif_jpeg(orientation), expect=(0, 1))
    assert out.exists(), result.output
    (image,) = _placed_images(out)
    cmyk = image.convert("CMYK")
    w, h = cmyk.size
    points = {"left": (2, h // 2), "right": (w - 3, h // 2), "top": (w // 2, 2),
              "bottom": (w // 2, h - 3)}
    red, blue = RED_SIDE[orientation], OPPOSITE[RED_SIDE[orientation]]
    assert cmyk.getpixel(points[red])[2] > 128 > cmyk.getpixel(points[blue])[2]   # yellow ink


def test_bogus_exif_orientation_is_ignored(cli, tmp_path):
    _build(cli, tmp_path, "odd.jpg", _exif_jpeg(99), expect=0)


def test_symlinked_photo_outside_the_edition_is_refused(cli, tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(_image("RGB", "JPEG"))
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + "link.jpg"))
    (folder / "photos" / "link.jpg").symlink_to(outside)
    result = cli("build", folder, "-o", tmp_path / "out.pdf", expect=1)
    assert "outside the edition folder" in result.output


def test_a_crossed_frame_moves_with_its_photo_block():
    """A photo placed at the foot of its columns is moved down whole, frame and diagonals."""
    from types import SimpleNamespace

    from typeset.compose.photo import PhotoBlock, crossed_frame, moved
    from typeset.frame import Box, Rule

    block = PhotoBlock(5, tuple(crossed_frame(10, 20, 100, 60)), (), 4)
    lower = moved(block, 3, SimpleNamespace(pitch=12.0))
    box, down, up = lower.items
    assert isinstance(box, Box) and box.y == 56
    assert isinstance(down, Rule) and (down.y0, down.y1) == (56, 116)
    assert (up.y0, up.y1) == (116, 56) and (up.x0, up.x1) == (10, 110)


# --- one verdict for check and build (issues 12.2, 12.9, 12.11, 13.4, 13.5, 13.6, 14.1) ------

def _photo_line(folder) -> int:
    """The manifest line of the photo entry."""
    lines = (folder / "edition.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "photo:" in line)


def _cmyk_icc() -> bytes:
    from typeset.render.pdf.profiles import find_output_profile

    return find_output_profile(None).data


def _damaged_scan(data: bytes) -> bytes:
    """A JPEG whose header and end marker are whole but whose scan data is broken."""
    return data[:len(data) // 3] + b"\xff\xda" + data[len(data) // 3 + 2:]


def _rgb_with_cmyk_profile() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 100, 50)).save(buffer, "JPEG",
                                                      icc_profile=_cmyk_icc())
    return buffer.getvalue()


def _corrupt_profile() -> bytes:
    icc = bytearray(_cmyk_icc()[:200])
    icc[16:20] = b"RGB "  # a header that claims RGB, and no tag data behind it
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 100, 50)).save(buffer, "JPEG", icc_profile=bytes(icc))
    return buffer.getvalue()


BUILD_REFUSES = {
    "tiny.jpg": (lambda: _image("RGB", "JPEG", size=(1, 1)), "image-ppi", "ppi"),
    "low.jpg": (lambda: _image("RGB", "JPEG", size=(180, 135)), "image-ppi", "53 ppi"),
    "scan.jpg": (lambda: _damaged_scan(_image("RGB", "JPEG", size=(800, 600))),
                 "image-unreadable", "damaged image data"),
    "short.png": (lambda: _png_header(400, 300, colour_type=2, body=b"\0" * 1000),
                  "image-unreadable", "damaged image data"),
    "cmyk-icc.jpg": (_rgb_with_cmyk_profile, "image-icc", "CMYK ICC"),
    "bad-icc.jpg": (_corrupt_profile, "image-icc", "damaged embedded ICC"),
}


@pytest.mark.parametrize("name", sorted(BUILD_REFUSES))
def test_check_refuses_what_build_refuses_at_the_photo_line(cli, tmp_path, name):
    """Issue 12.2 / 13.4 / 13.5: check said ok and build refused (or exit 70, or 'check disk
    space'): now both give the same error, at the photo's manifest line, naming the slot and
    the photo."""
    make, code, words = BUILD_REFUSES[name]
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + name),
                           files={f"photos/{name}": make()})
    line = _photo_line(folder)
    checked = cli("check", folder, "--json", expect=1)
    report = json.loads(checked.output)
    assert report["ok"] is False
    [found] = [d for d in report["diagnostics"] if d["code"] == code]
    assert found["severity"] == "error" and words in found["message"], found
    assert name in found["message"] and found["slot"] and f"edition.yaml:{line}:" in \
        found["where"], found
    out, written = tmp_path / "out.pdf", tmp_path / "report.json"
    built = cli("build", folder, "-o", out, "--report", written, expect=1)
    assert not out.exists() and words in built.output and "disk space" not in built.output
    errors = [line for line in built.output.splitlines() if ": error: " in line]
    assert sum(f"photos/{name}" in line for line in errors) == 1  # once, by the one verdict
    found_by = {what: sorted((d["code"], d["severity"], d["where"]) for d in json.loads(
        text)["diagnostics"] if name in d["message"]) for what, text in
        (("check", checked.output), ("build", written.read_text(encoding="utf-8")))}
    assert found_by["build"] == found_by["check"]  # what check finds, build finds


def _json_codes(result) -> list[tuple[str, str]]:
    return [(d["code"], d["severity"]) for d in json.loads(result.output)["diagnostics"]]


TRANSPARENT = {
    "rgba.png": lambda: _image("RGBA", "PNG"),
    "la.png": lambda: _image("LA", "PNG"),
    "palette.png": lambda: _palette_with_transparency(),
    "rgb-trns.png": lambda: _rgb_with_trns(),
}


def _palette_with_transparency() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (400, 300), 3).save(buffer, "PNG", transparency=3)
    return buffer.getvalue()


def _rgb_with_trns() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 100, 50)).save(buffer, "PNG",
                                                      transparency=(200, 100, 50))
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(TRANSPARENT))
def test_transparency_is_a_warning_in_check(cli, tmp_path, name):
    """Issue 12.9: transparent areas were flattened onto white without a word."""
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + name),
                           files={f"photos/{name}": TRANSPARENT[name]()})
    checked = cli("check", folder, "--json", expect=(0, 1))
    [found] = [d for d in json.loads(checked.output)["diagnostics"]
               if d["code"] == "image-transparency"]
    assert found["severity"] == "warning" and "paper white" in found["message"]
    assert f"edition.yaml:{_photo_line(folder)}:" in found["where"]
    opaque = write_edition(tmp_path / "opaque", with_photo(PHOTO + "a.png"),
                           files={"photos/a.png": _image("RGB", "PNG")})
    assert "image-transparency" not in cli("check", opaque, "--json", expect=(0, 1)).output


def test_a_photo_not_found_suggests_the_name_that_differs_in_case(cli, tmp_path):
    """Issue 12.11."""
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + "img_01.jpg"),
                           files={"photos/IMG_01.JPG": _image("RGB", "JPEG")})
    checked = cli("check", folder, expect=1)
    assert "photos/IMG_01.JPG" in checked.output and "letter case" in checked.output


def test_a_tall_thin_png_is_refused_from_its_header(cli, tmp_path):
    """Issue 13.9: a 1 × 50,000,000 PNG took 927 MB before it was refused; its header says
    enough (the body here is not even there)."""
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + "thin.png"),
                           files={"photos/thin.png": _png_header(1, 50_000_000)})
    checked = cli("check", folder, expect=1)
    assert "1 × 50000000 pixels" in checked.output and "a side" in checked.output


def _cmyk_pair() -> dict[str, bytes]:
    """Cyan 80 % as Photoshop writes it (Adobe APP14, inverted samples) and as libjpeg does
    by default (no marker, plain samples)."""
    from PIL import ImageChops

    intended = Image.new("CMYK", (400, 300), (204, 0, 0, 0))
    adobe = io.BytesIO()
    intended.save(adobe, "JPEG", quality=95)
    plain = io.BytesIO()
    ImageChops.invert(intended).save(plain, "JPEG", quality=95)
    data = plain.getvalue()
    at = data.index(b"\xff\xee")
    data = data[:at] + data[at + 2 + int.from_bytes(data[at + 2:at + 4], "big"):]
    return {"adobe.jpg": adobe.getvalue(), "plain.jpg": data}


@pytest.mark.parametrize("name", ["adobe.jpg", "plain.jpg"])
def test_cmyk_jpegs_print_their_ink_with_or_without_the_adobe_marker(cli, tmp_path, name):
    """Issue 13.6: a CMYK JPEG without the Adobe marker printed near-black where cyan was
    meant. The PDF's photo has cyan and no black."""
    result, out = _build(cli, tmp_path, name, _cmyk_pair()[name], expect=0)
    (image,) = _placed_images(out)
    c, m, y, k = image.convert("CMYK").getpixel((image.width // 2, image.height // 2))
    assert c > 180 and max(m, y, k) < 20, (c, m, y, k)


def test_a_10000_pixel_photo_gets_one_verdict_in_a_fresh_process_and_a_rebuild(tmp_path):
    """Issue 14.1: Pillow's global limit was set by the first image read, so a 10,000 ×
    10,000 photo was refused in a fresh process and accepted in a --watch rebuild. Now the
    limit is ours and passed where used: the same verdict both ways; Pillow's is untouched."""
    import subprocess
    import sys

    from typeset import pipeline
    from typeset.session import use_session

    big = io.BytesIO()
    Image.new("L", (10_000, 10_000), 128).save(big, "JPEG", quality=50)
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + "big.jpg"),
                           files={"photos/big.jpg": big.getvalue()})
    limit = Image.MAX_IMAGE_PIXELS
    other = write_edition(tmp_path / "other", with_photo(PHOTO + "a.jpg"),
                          files={"photos/a.jpg": _image("RGB", "JPEG")})
    script = ("import json, sys\nfrom typeset import pipeline\n"
              "r = pipeline.compose(sys.argv[1])\n"
              "print(json.dumps(sorted({(d.code, d.severity.value) for d in r.diagnostics "
              "if 'image' in d.code})))\n")
    fresh = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True,
                           text=True, check=True).stdout
    with use_session():  # as --watch: an edition with another photo first, then rebuilds
        pipeline.compose(other)
        verdicts = []
        for _ in range(2):
            result = pipeline.compose(folder)
            verdicts.append(sorted({(d.code, d.severity.value) for d in result.diagnostics
                                    if "image" in d.code}))
    assert [json.loads(fresh)] * 2 == [[list(v) for v in vs] for vs in verdicts]
    assert not any(severity == "error" for _, severity in verdicts[0])
    assert Image.MAX_IMAGE_PIXELS == limit


def test_a_build_refused_for_other_errors_still_names_a_damaged_photo(cli, tmp_path):
    """Issue 15: build leaves the decode check to its photo preparer; when other errors
    (here overset text) stop it before any photo is prepared, it still finds the damaged
    file, as check does."""
    from relkit import BODY, STORY

    name = "scan.jpg"
    folder = write_edition(tmp_path / "ed", with_photo(PHOTO + name),
                           stories={"one": STORY.format(body=BODY * 60)},
                           files={f"photos/{name}": _damaged_scan(_image("RGB", "JPEG",
                                                                         size=(800, 600)))})
    checked = json.loads(cli("check", folder, "--json", expect=1).output)
    written = tmp_path / "report.json"
    built = cli("build", folder, "-o", tmp_path / "out.pdf", "--report", written, expect=1)
    assert "damaged image data" in built.output and "overset" in built.output
    codes = {what: sorted((d["code"], d["severity"]) for d in report["diagnostics"])
             for what, report in (("check", checked),
                                  ("build", json.loads(written.read_text(encoding="utf-8"))))}
    assert ("image-unreadable", "error") in codes["build"] and codes["build"] == codes["check"]


def test_a_split_build_refused_for_other_errors_names_a_damaged_photo_once(cli, tmp_path,
                                                                          monkeypatch):
    """`build --split` composes once and writes no page when the verdict has errors (here an
    overset story of the 3-page sample); the decode checks it left to the photo preparer then
    run once, not once a page, and still name the damaged photo."""
    from editions_kit import edited_copy
    from relkit import SAMPLE

    from typeset import photos

    folder = edited_copy(SAMPLE, tmp_path / "sample",
                         ("top: 83, bottom: 100}", "top: 93, bottom: 100}"))
    scan = folder / "photos" / "plant-site.jpg"
    scan.write_bytes(_damaged_scan(scan.read_bytes()))
    calls, real = [], photos.skipped_decode_verdicts
    monkeypatch.setattr(photos, "skipped_decode_verdicts",
                        lambda edition: calls.append(1) or real(edition))
    split = cli("build", folder, "--split", tmp_path / "plates", expect=1)
    plates = tmp_path / "plates"
    assert "overset" in split.output
    assert not plates.exists() or not any(plates.iterdir())
    assert [line for line in split.output.splitlines() if "damaged image data" in line]
    assert len(calls) == 1, f"the skipped decode checks ran {len(calls)} times for 3 pages"
