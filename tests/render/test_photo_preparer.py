"""The photo preparer decodes at the size needed and keeps what the full-size path gave:
DCT-scaled JPEG decoding and reduced PNG/TIFF decoding within JPEG noise of the full decode
(ΔE on a reference image), newsprint's 200 ppi by default, EXIF orientation, CMYK JPEGs with
and without the Adobe marker, 16-bit, palette, TIFF and grey files resampled; one preparation
per placement in a session; the largest decode that fits the memory budget first."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageCms, ImageOps

from typeset.frame import ImageItem
from typeset.manifest.media_probe import probe
from typeset.model.media import ADOBE_INVERTED, PLAIN
from typeset.render.pdf.images import (
    PhotoPlan,
    dct_scale,
    decode_at_size,
    plan_photo,
    render_photo,
    separate,
)
from typeset.render.pdf.photo_preparer import photo_settings, preparer
from typeset.render.pdf.options import PdfOptions
from typeset.render.pdf.profiles import find_output_profile


def _reference(path, size=(1600, 1064)):
    """A photo-like reference: smooth colour fields, edges and fine texture (q92 JPEG)."""
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    rng = np.random.default_rng(7)
    rgb = np.stack([128 + 90 * np.sin(x / 150 + y / 260), 128 + 90 * np.sin(y / 110),
                    128 + 90 * np.cos((x + y) / 210)], -1)
    rgb += 25 * np.sin(x / 2.3)[..., None] * np.cos(y / 3.1)[..., None]
    rgb += rng.normal(0, 6, (h, w, 1))
    rgb[h // 3: h // 2, w // 4: w // 2] = (20, 40, 200)  # a hard-edged block
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(path, quality=92)
    return path


def _full_size_path(plan: PhotoPlan):
    """Today's reference path: decode whole, orient, crop, Lanczos to the plan's size."""
    with Image.open(plan.source) as im:
        im = ImageOps.exif_transpose(im)
        im = im.crop(tuple(round(v) for v in plan.crop))
        return im.resize(plan.size, Image.Resampling.LANCZOS)


def _delta_e(a: Image.Image, b: Image.Image, profile) -> np.ndarray:
    """ΔE*ab (CIE76) per pixel between two CMYK images through the output profile."""
    lab = ImageCms.createProfile("LAB")
    cmyk = ImageCms.ImageCmsProfile(io.BytesIO(profile.data))
    to_lab = ImageCms.buildTransform(cmyk, lab, "CMYK", "LAB")

    def lab_of(im):
        arr = np.asarray(ImageCms.applyTransform(im, to_lab))
        ab = arr[..., 1:].view(np.int8).astype(np.float32)  # a*, b* are signed bytes
        return np.concatenate([arr[..., :1].astype(np.float32) * 100 / 255, ab], -1)

    return np.sqrt(((lab_of(a) - lab_of(b)) ** 2).sum(-1))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return _reference(tmp_path_factory.mktemp("reference") / "ref.jpg")


@pytest.mark.parametrize("placed_width", [36.0, 72.0, 144.0])  # 1/8, 1/4, 1/2 DCT scale
def test_dct_scaled_decoding_matches_the_full_size_path_within_jpeg_noise(reference,
                                                                         placed_width):
    """Issue 15: separations equal to the full-size path within JPEG noise — the ΔE between
    the DCT-scaled and the full-size separation is below the ΔE the PDF's own JPEG coding
    (q85) adds to the full-size separation."""
    source = reference
    media = probe(source)
    item = ImageItem(0, 0, placed_width, placed_width * 1064 / 1600, str(source),
                     (0, 0, 1600, 1064), (1600, 1064))
    plan = plan_photo(item, media, 300)
    assert plan.size is not None and dct_scale(plan) > 1
    profile = find_output_profile(None)
    fast, icc = decode_at_size(plan, media)
    assert fast.size == plan.size
    _within_jpeg_noise(fast, _full_size_path(plan), icc, profile)


def _within_jpeg_noise(fast, full, icc, profile) -> None:
    """The separation of `fast` differs from that of the full-size path's `full` by less
    ΔE (mean and 99th percentile) than the PDF's own JPEG coding adds to the latter."""
    new, _ = separate(fast, icc, profile, grey=False)
    old, _ = separate(full, icc, profile, grey=False)
    coded = io.BytesIO()
    old.save(coded, "JPEG", quality=85)
    noise = _delta_e(Image.open(coded), old, profile)
    delta = _delta_e(new, old, profile)
    assert float(delta.mean()) < float(noise.mean())
    assert float(np.percentile(delta, 99)) < float(np.percentile(noise, 99))


def _full_size_grey16(plan: PhotoPlan):
    with Image.open(plan.source) as im:
        im = im.crop(tuple(round(v) for v in plan.crop))
        return im.resize(plan.size, Image.Resampling.LANCZOS)


@pytest.mark.parametrize("kind", ["png", "tiff16"])
@pytest.mark.parametrize("placed_width", [36.0, 60.0, 144.0])  # reduce() by 6, 3, 1 first
def test_reduced_decoding_of_other_formats_matches_the_full_size_path(reference, tmp_path,
                                                                     kind, placed_width):
    """Issue 15: a PNG or TIFF is decoded whole and its crop `reduce()`d before Lanczos: the
    separation is the full-size path's within the noise of the PDF's own JPEG coding."""
    with Image.open(reference) as im:
        if kind == "png":
            source = tmp_path / "ref.png"
            im.save(source)
        else:
            source = tmp_path / "ref.tif"
            grey = np.asarray(im.convert("L"), dtype=np.uint16) * 257
            Image.fromarray(grey).save(source)  # 16-bit grey (I;16)
    media = probe(source)
    crop = (100, 64, 1500, 1000)
    item = ImageItem(0, 0, placed_width, placed_width * 936 / 1400, str(source), crop,
                     (1600, 1064))
    plan = plan_photo(item, media, 300)
    assert plan.size is not None and 1400 / plan.size[0] >= 2
    profile = find_output_profile(None)
    fast, icc = decode_at_size(plan, media)
    assert fast.size == plan.size
    full = _full_size_path(plan) if kind == "png" else _full_size_grey16(plan)
    _within_jpeg_noise(fast, full, icc, profile)


def test_newsprint_resolution_by_default(tmp_path):
    """Issue 15: photos are prepared at 200 ppi (newsprint's 170–200, print-ready F1) unless
    the layout says otherwise — above preflight's newsprint recommendation (170)."""
    from typeset.preflight.settings import PROFILES

    source = tmp_path / "press.jpg"
    _reference(source, size=(3000, 2000))
    media = probe(source)
    item = ImageItem(0, 0, 360, 240, str(source), (0, 0, 3000, 2000), (3000, 2000))
    settings = photo_settings(PdfOptions())
    image, diags = preparer().submit(item, media, find_output_profile(None), settings).result()
    assert diags == [] and image.ppi == 200 and (image.width, image.height) == (1000, 667)
    assert image.ppi >= PROFILES["newsprint"].ppi_warn
    plan = plan_photo(item, media, settings["max_ppi"])
    assert dct_scale(plan) == 2  # 3000 px for 1000: decoded at half size, not whole
    kept = photo_settings(PdfOptions(image_max_ppi=300))
    assert preparer().submit(item, media, find_output_profile(None), kept).result()[0].width \
        == 1500


def test_the_decode_scale_keeps_at_least_the_target_resolution(tmp_path):
    source = tmp_path / "big.jpg"
    Image.new("RGB", (2000, 1500), (90, 120, 30)).save(source)
    media = probe(source)
    for width_pt, scale in ((36.0, 8), (100.0, 4), (200.0, 2), (450.0, 1)):
        item = ImageItem(0, 0, width_pt, width_pt * 0.75, str(source), (0, 0, 2000, 1500),
                         (2000, 1500))
        plan = plan_photo(item, media, 300)
        assert dct_scale(plan) == scale
        assert 2000 / scale >= plan.size[0] and 1500 / scale >= plan.size[1]
        assert decode_at_size(plan, media)[0].size == plan.size


def _halves(size=(800, 400)):
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, size[0], size[1]))
    return image


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_with_dct_scaling_matches_exif_transpose(tmp_path, orientation):
    source = tmp_path / "turned.jpg"
    image = _halves()
    exif = image.getexif()
    exif[0x0112] = orientation
    image.save(source, exif=exif.tobytes(), quality=95)
    media = probe(source)
    w, h = media.size
    crop = (w // 8, h // 8, w - w // 4, h - h // 8)  # off-centre: a wrong mapping shows
    item = ImageItem(0, 0, 18.0, 18.0 * (crop[3] - crop[1]) / (crop[2] - crop[0]), str(source),
                     crop, (w, h))
    plan = plan_photo(item, media, 300)
    assert dct_scale(plan) > 1
    fast, _ = decode_at_size(plan, media)
    reference = _full_size_path(plan)
    diff = np.abs(np.asarray(fast, dtype=np.int16) - np.asarray(reference, dtype=np.int16))
    assert fast.size == reference.size and float(diff.mean()) < 6


def _strip_adobe(data: bytes) -> bytes:
    """The JPEG without its APP14 'Adobe' segment."""
    at = data.index(b"\xff\xee")
    length = int.from_bytes(data[at + 2:at + 4], "big")
    return data[:at] + data[at + 2 + length:]


def _cmyk_jpegs(tmp_path):
    """Intended ink C 80 %: as Photoshop writes it (Adobe marker, inverted samples) and as
    libjpeg writes it by default (no marker, plain samples)."""
    intended = Image.new("CMYK", (64, 64), (204, 0, 0, 0))
    buffer = io.BytesIO()
    intended.save(buffer, "JPEG", quality=95)
    adobe = tmp_path / "adobe.jpg"
    adobe.write_bytes(buffer.getvalue())
    buffer = io.BytesIO()
    ImageChops.invert(intended).save(buffer, "JPEG", quality=95)  # samples stored plain
    plain = tmp_path / "plain.jpg"
    plain.write_bytes(_strip_adobe(buffer.getvalue()))
    return adobe, plain


def test_cmyk_jpegs_with_and_without_the_adobe_marker_keep_their_ink(tmp_path):
    """Issue 13.6: a CMYK JPEG without the Adobe marker printed inverted (near-black)."""
    adobe, plain = _cmyk_jpegs(tmp_path)
    assert (probe(adobe).cmyk_convention, probe(plain).cmyk_convention) == \
        (ADOBE_INVERTED, PLAIN)
    for path in (adobe, plain):
        media = probe(path)
        plan = plan_photo(ImageItem(0, 0, 20, 20, str(path), (0, 0, 64, 64), (64, 64)),
                          media, 300)
        im, _ = decode_at_size(plan, media)
        c, m, y, k = im.getpixel((32, 32))
        assert c > 190 and max(m, y, k) < 15, (path.name, (c, m, y, k))


@pytest.mark.parametrize("mode,fmt", [("I;16", "PNG"), ("P", "PNG"), ("RGB", "TIFF"),
                                      ("L", "JPEG"), ("CMYK", "TIFF"), ("LA", "PNG"),
                                      ("1", "PNG")])
def test_every_kind_of_file_is_resampled_and_separated(tmp_path, mode, fmt):
    source = tmp_path / f"photo.{fmt.lower()}"
    colour = {"I;16": 30000, "P": 3, "RGB": (200, 100, 50), "L": 128,
              "CMYK": (10, 20, 30, 40), "LA": (128, 200), "1": 1}[mode]
    Image.new(mode, (1600, 1200), colour).save(source, fmt)
    media = probe(source)
    plan = plan_photo(ImageItem(0, 0, 72, 54, str(source), (0, 0, 1600, 1200), (1600, 1200)),
                      media, 300)
    assert plan.size == (300, 225)
    image, diags = render_photo(plan, media, find_output_profile(None), grey=False,
                                jpeg_quality=85, max_ink=240)
    assert diags == [] and (image.width, image.height, image.mode) == (300, 225, "CMYK")


def test_a_placement_is_prepared_once_per_session(tmp_path, photo):
    item = ImageItem(0, 0, 144, 96, str(photo), (0, 0, 600, 400), (600, 400))
    settings = photo_settings(PdfOptions())
    profile = find_output_profile(None)
    first = preparer().submit(item, probe(photo), profile, settings)
    again = preparer().submit(item, probe(photo), profile, settings)
    assert first is again and first.result()[0] is not None and preparer().prepared == 1
    other = preparer().submit(item, probe(photo), profile, {**settings, "jpeg_quality": 60})
    assert other is not first and other.result()[0].data != first.result()[0].data


def test_a_free_thread_takes_the_largest_decode_that_fits_the_budget(tmp_path, photo):
    """A 34-megapixel PNG starts first; while it decodes, a photo whose decode does not fit
    beside it waits, and one that fits (or is small: a JPEG at 1/4 DCT scale) runs next to
    it."""
    from concurrent.futures import Future

    from typeset.render.pdf.photo_preparer import (
        DECODE_BUDGET,
        SMALL_DECODE,
        PhotoPreparer,
        _Job,
    )

    photos = PhotoPreparer(workers=1)

    def job(need):
        return _Job(Future(), None, None, None, None, {}, None, None, None, None, need)

    small, large, medium = job(6 << 20), job(DECODE_BUDGET - (8 << 20)), job(SMALL_DECODE + 1)
    huge = job(DECODE_BUDGET + (10 << 20))
    photos._queue = [small, large, medium, huge]
    assert photos._take() is huge  # larger than the budget: starts when nothing decodes
    assert photos._take() is small  # beside it only a small decode starts
    photos._release(huge)
    assert photos._take() is large  # fits beside small
    photos._release(large)
    assert photos._take() is medium and photos._queue == []  # it waited for room
    photos._release(small)
    photos._release(medium)
    assert photos._decoding == 0 and photos._take() is None


def test_no_photo_is_taken_while_a_batch_is_being_queued():
    """`batch()`: the threads wait until every placement of the document is queued, then
    take the largest decode first (not whichever was submitted first)."""
    import threading
    from concurrent.futures import Future

    from typeset.render.pdf.photo_preparer import PhotoPreparer, _Job

    photos = PhotoPreparer(workers=1)
    taken = []
    with photos.batch():
        photos._queue.append(_Job(Future(), None, None, None, None, {}, None, None, None,
                                  None, 1 << 20))
        thread = threading.Thread(target=lambda: taken.append(photos._take()))
        thread.start()
        thread.join(0.2)
        assert thread.is_alive() and taken == []  # held while the batch is open
        photos._queue.append(_Job(Future(), None, None, None, None, {}, None, None, None,
                                  None, 64 << 20))
    thread.join(5)
    assert [job.need for job in taken] == [64 << 20]


@pytest.mark.parametrize("output,warned", [("{image_max_ppi: 150}", True),
                                           ("{image_max_ppi: 150, image_ppi_warn: 140}", False),
                                           ("{image_max_ppi: 0}", False),
                                           ("{image_max_ppi: 200}", False)])
def test_a_max_resolution_below_the_recommended_one_is_warned(tmp_path, output, warned):
    """`image_max_ppi` under `image_ppi_warn` (default 170) would print every downsampled
    photo below the recommended resolution: said at its manifest line."""
    from editions_kit import ONE_PAGE_MANIFEST, STORY_HEAD, write_edition

    from typeset.manifest import load_edition

    manifest = ONE_PAGE_MANIFEST.replace("layout: broadsheet-8col\n",
                                         f"layout: broadsheet-8col\noutput: {output}\n")
    folder = write_edition(tmp_path / "ed", manifest, {"one": STORY_HEAD + "正文。\n"})
    _, diags = load_edition(folder)
    found = [d for d in diags if "image_max_ppi" in d.message]
    assert bool(found) == warned
    if warned:
        assert found[0].severity.value == "warning" and found[0].source.line == 5
