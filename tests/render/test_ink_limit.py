"""Total ink limit: photo separation under max_ink, output: settings checks, layout colours,
black rules knocking out on strong colour."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from typeset.frame import CMYK, Box, ImageItem, Rule
from typeset.render.pdf import PdfOptions, write_pdf
from typeset.render.pdf.inklimit import jpeg_within_limit, limit_ink, max_ink_of
from typeset.render.pdf.options import merge_output
from typeset.render.pdf.overprint import knockout_items


def _cmyk(*pixels):
    im = Image.new("CMYK", (len(pixels), 1))
    for x, p in enumerate(pixels):
        im.putpixel((x, 0), tuple(round(v * 2.55) for v in p))
    return im


def _percent(im, x):
    return [round(v / 2.55) for v in im.getpixel((x, 0))]


def test_pixels_under_the_limit_are_untouched_and_shadows_are_limited():
    im = _cmyk((20, 30, 40, 10), (80, 70, 70, 90), (75, 68, 67, 40), (0, 100, 100, 0))
    out = limit_ink(im, 240)
    assert _percent(out, 0) == [20, 30, 40, 10]
    assert _percent(out, 3) == [0, 100, 100, 0]  # 200 %: under the limit, kept
    for x in (1, 2):
        assert sum(out.getpixel((x, 0))) <= 240 * 2.55
    # UCR: the 300 % shadow gets more black, not less; its hue ratio C > M ≈ Y is kept.
    c, m, y, k = _percent(out, 1)
    assert k >= 90 and c > m and abs(m - y) <= 2
    # 250 % with K headroom: grey moves into K (K grows by half the excess).
    c, m, y, k = _percent(out, 2)
    assert k > 40 and c + m + y + k <= 240


def test_limit_on_a_real_separation(tmp_path):
    # A dark RGB gradient separated with the system profile goes far over 240 %.
    from typeset.render.pdf.images import _transform
    from typeset.render.pdf.profiles import find_output_profile

    rgb = Image.linear_gradient("L").resize((64, 64)).convert("RGB")
    cmyk = _transform(None, "RGB", find_output_profile(), "CMYK").apply(rgb)
    assert max_ink_of(cmyk) > 260
    assert max_ink_of(limit_ink(cmyk, 220)) <= 220.0
    with pytest.raises(ValueError):
        limit_ink(rgb, 240)
    assert limit_ink(cmyk, 0) is cmyk


def test_jpeg_noise_does_not_push_pixels_over_the_limit():
    # Hard-edged dark texture: the worst case for JPEG ringing.
    im = Image.effect_noise((96, 96), 120).point(lambda v: 255 if v > 128 else 0)
    cmyk = Image.merge("CMYK", (im, im, im.point(lambda v: 255 - v // 2), im))
    data = jpeg_within_limit(cmyk, 240, 85)
    with Image.open(io.BytesIO(data)) as back:
        assert max_ink_of(back) <= 240.0
    assert jpeg_within_limit(cmyk, 240, 85) == data  # deterministic


def test_photos_in_the_pdf_respect_max_ink(tmp_path, make_doc):
    photo = tmp_path / "dark.png"
    Image.new("RGB", (200, 100), (20, 10, 30)).save(photo)
    item = ImageItem(0, 0, 200, 100, str(photo), (0, 0, 200, 100), (200, 100))
    for limit, pdf in ((220, tmp_path / "a.pdf"), (0, tmp_path / "b.pdf")):
        write_pdf(make_doc([item], bleed=0), pdf, PdfOptions(max_ink=limit))
        subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep",
                        "-r20", f"-sOutputFile={tmp_path}/{pdf.stem}.tif", str(pdf)], check=True)
        total = 0
        for sep in ("Cyan", "Magenta", "Yellow", "Black"):
            with Image.open(tmp_path / f"{pdf.stem}({sep}).tif") as plate:
                total += 255 - plate.getpixel((20, 10))
        if limit:
            assert total <= 220 * 2.55
        else:
            assert total > 260 * 2.55  # the SWOP profile's own black generation


def test_output_settings_are_checked_and_unknown_keys_reported():
    options, diags = merge_output(PdfOptions(), {"max_ink": "220%", "jpeg_quality": 90})
    assert (options.max_ink, options.jpeg_quality, diags) == (220.0, 90, [])
    options, diags = merge_output(PdfOptions(), {"max_ink": 50, "jpeg_quality": "high",
                                                  "image_ppi_warn": True, "maxink": 200,
                                                  "pdfx": "PDF/X-9"})
    assert (options.max_ink, options.jpeg_quality, options.pdfx) == (240, 85, "PDF/X-1a:2003")
    assert options.image_ppi_warn == 170
    codes = sorted(d.code for d in diags)
    assert codes == ["output-bad-value"] * 4 + ["output-unknown-key"]
    assert any("maxink" in d.message for d in diags)
    assert any("jpeg_quality" in d.message and "'high'" in d.message for d in diags)
    # Explicit options win over the document's output settings.
    options, _ = merge_output(PdfOptions(max_ink=220), {"max_ink": 260})
    assert options.max_ink == 220


def test_layout_colours_over_the_limit_are_reported_once(tmp_path, make_doc):
    rich = CMYK(0.6, 0.6, 0.6, 1.0)
    items = [Box(10, 10, 50, 20, fill=rich), Rule(10, 40, 60, 40, 1.0, rich),
             Box(10, 50, 50, 20, fill=CMYK(0, 1, 1, 0.1))]
    diags = write_pdf(make_doc(items, items), tmp_path / "c.pdf")
    found = [d for d in diags if d.code == "colour-ink-limit"]
    assert len(found) == 1 and "280 %" in found[0].message and "pages 1, 2" in found[0].message


def test_black_rule_on_a_red_frame_knocks_out(tmp_path, make_doc):
    red = CMYK(0, 1, 1, 0)
    frame = Box(20, 20, 100, 60, stroke=red, stroke_width=0.5)
    on_edge = Rule(20, 20, 120, 20, 0.5, CMYK(0, 0, 0, 1))
    elsewhere = Rule(20, 150, 120, 150, 0.5, CMYK(0, 0, 0, 1))
    items = [frame, on_edge, elsewhere]
    assert knockout_items(items, 240) == {1}
    assert knockout_items(items, 0) == set()
    assert knockout_items([Box(20, 20, 100, 60, fill=CMYK(0, 0, 0, 0.3)), on_edge], 240) == set()
    path = tmp_path / "k.pdf"
    write_pdf(make_doc(items), path)
    with pikepdf.open(path) as pdf:
        states = pdf.pages[0].obj.Resources.ExtGState
        stream = pdf.pages[0].obj.Contents.read_bytes().decode("latin-1")
    # Track the stroke-overprint state in effect at each stroke (`S`) of the page stream.
    stroke_op, at_strokes = False, []
    for line in stream.splitlines():
        if line.endswith(" gs"):
            stroke_op = bool(states[line.split()[0]].get("/OP", stroke_op))
        elif line.endswith(" S"):
            at_strokes.append(stroke_op)
    assert at_strokes == [False, False, True]  # red frame, black rule on it, free black rule


def test_a_resampled_photo_s_decoded_jpeg_stays_under_the_limit():
    # The sample's blossom resampled to where it is placed on a page: four correction passes
    # left two pixels at 241 %; the passes go on until none is over.
    import numpy as np

    from typeset.render.pdf.images import separate
    from typeset.render.pdf.profiles import find_output_profile

    root = Path(__file__).resolve().parents[2]
    with Image.open(root / "editions" / "sample" / "photos" / "blossom.jpg") as im:
        rgb = im.convert("RGB").resize((1037, 985), Image.Resampling.LANCZOS)
    cmyk, _ = separate(rgb, None, find_output_profile(None), False)
    data = jpeg_within_limit(cmyk, 240, 85)
    with Image.open(io.BytesIO(data)) as back:
        total = np.asarray(back).astype(np.uint16).sum(axis=2)
    assert int(total.max()) <= 240 * 255 // 100
