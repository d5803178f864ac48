"""Prepared photos are reused between builds only while nothing they depend on changed; the PDF
is the same with and without the cache, and with photos prepared on one thread or several."""

from __future__ import annotations

import os

import pikepdf
import pytest
from PIL import Image

from typeset.frame import ImageItem
from typeset.render.pdf import PdfOptions, imagecache, write_pdf
from typeset.render.pdf.imagecache import PreparedImageCache, prepare_images
from typeset.render.pdf.profiles import find_output_profile

SETTINGS = {"grey": False, "jpeg_quality": 85, "max_ppi": 300.0, "ppi_warn": 170.0,
            "ppi_error": 100.0, "max_ink": 240.0}


@pytest.fixture
def cache(monkeypatch):
    fresh = PreparedImageCache()
    monkeypatch.setattr(imagecache, "CACHE", fresh)
    return fresh


def _item(path, crop=(0, 0, 600, 400), width=144.0):
    return ImageItem(10, 10, width, width * 2 / 3, str(path), crop, (600, 400))


def _image_streams(path):
    with pikepdf.open(path) as pdf:
        return [x.read_raw_bytes() for page in pdf.pages
                for _, x in sorted(page.obj.Resources.XObject.items())]


def test_second_build_reuses_the_prepared_photo_and_writes_the_same_bytes(
        tmp_path, make_doc, photo, cache):
    doc = make_doc([_item(photo)])
    write_pdf(doc, tmp_path / "a.pdf")
    assert (cache.hits, cache.misses) == (0, 1)
    write_pdf(doc, tmp_path / "b.pdf")
    assert (cache.hits, cache.misses) == (1, 1)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_changed_file_crop_size_or_option_is_prepared_again(tmp_path, make_doc, photo, cache):
    write_pdf(make_doc([_item(photo)]), tmp_path / "a.pdf")
    write_pdf(make_doc([_item(photo, crop=(0, 0, 300, 200))]), tmp_path / "b.pdf")
    write_pdf(make_doc([_item(photo, width=72.0)]), tmp_path / "c.pdf")
    write_pdf(make_doc([_item(photo)]), tmp_path / "d.pdf", PdfOptions(jpeg_quality=60))
    assert cache.hits == 0
    # The desk saves a new version of the photo (same size on disk, new pixels).
    Image.new("RGB", (600, 400), (255, 255, 0)).save(photo)
    stat = os.stat(photo)
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    write_pdf(make_doc([_item(photo)]), tmp_path / "e.pdf")
    assert cache.hits == 0
    assert _image_streams(tmp_path / "a.pdf") != _image_streams(tmp_path / "e.pdf")


def test_cached_diagnostics_name_the_page_the_photo_is_on_now(tmp_path, make_doc, photo, cache):
    low = _item(photo, width=288.0)  # 150 ppi: a warning
    first = write_pdf(make_doc([low]), tmp_path / "a.pdf")
    again = write_pdf(make_doc([], [low]), tmp_path / "b.pdf")
    assert [(d.code, d.page) for d in first] == [("image-ppi", 1)]
    assert [(d.code, d.page) for d in again] == [("image-ppi", 2)]
    assert cache.hits == 1


def test_missing_photo_is_reported_on_every_build_and_never_cached(tmp_path, make_doc, cache):
    gone = _item(tmp_path / "gone.jpg")
    for name in ("a.pdf", "b.pdf"):
        diags = write_pdf(make_doc([gone]), tmp_path / name)
        assert [d.code for d in diags] == ["image-missing"]
    assert cache.hits == 0


def test_workers_and_cache_do_not_change_the_result(tmp_path, photo):
    other = tmp_path / "other.png"
    Image.new("RGB", (600, 400), (20, 200, 40)).save(other)
    placements = [(_item(photo), 1), (_item(other), 1), (_item(photo, width=72.0), 2),
                  (_item(photo), 3)]
    profile = find_output_profile(None)

    def run(**kw):
        photos = prepare_images(placements, profile, SETTINGS, **kw)
        found = {key: photos[key] for key in reversed(list(photos))}  # any order of lookups
        photos.close()
        return list(photos), found

    serial = run(cache=None, workers=1)
    parallel = run(cache=None, workers=2)
    store = PreparedImageCache()
    run(cache=store, workers=2)
    cached = run(cache=store, workers=2)
    assert serial[0] == parallel[0] == cached[0]  # document order, 3 distinct placements
    assert len(serial[0]) == 3 and store.hits == 3
    for key in serial[0]:
        assert serial[1][key][0] == parallel[1][key][0] == cached[1][key][0]


def test_pdf_is_byte_identical_with_one_worker_or_two(tmp_path, make_doc, photo, monkeypatch):
    other = tmp_path / "other.png"
    Image.new("RGB", (600, 400), (20, 200, 40)).save(other)
    doc = make_doc([_item(photo), _item(other, width=72.0)], [_item(other)])
    monkeypatch.setattr(imagecache, "CACHE", None)
    monkeypatch.setenv(imagecache.WORKERS_ENV, "2")  # however busy the machine is
    write_pdf(doc, tmp_path / "two.pdf")
    monkeypatch.setattr(imagecache, "MAX_WORKERS", 1)
    monkeypatch.setattr(imagecache.prepare_images, "__kwdefaults__",
                        {"cache": None, "workers": 1, "store": None})
    write_pdf(doc, tmp_path / "one.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_cache_keeps_within_its_byte_budget(tmp_path, photo):
    profile = find_output_profile(None)
    store = PreparedImageCache(max_bytes=1)
    for _ in range(2):
        photos = prepare_images([(_item(photo), 1)], profile, SETTINGS, cache=store)
        photos.close()
    assert store.hits == 0
