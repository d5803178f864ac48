"""The on-disk store of prepared photos: a new process reuses them, the PDF is byte-identical
with the store cold, warm or off, a corrupt entry is rebuilt, the folder stays bounded, and
`TYPESET_CACHE` chooses or turns off the folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from typeset.frame import ImageItem
from typeset.render.pdf import PdfOptions, imagecache, write_pdf
from typeset.render.pdf.document_photos import start_photos
from typeset.render.pdf.images import PreparedImage, plan_image
from typeset.render.pdf.photostore import PhotoStore, cache_folder
from typeset.render.pdf.profiles import find_output_profile


@pytest.fixture(autouse=True)
def no_memory_cache(monkeypatch):
    """Each build here is like a new process: nothing kept in memory between builds."""
    monkeypatch.setattr(imagecache, "CACHE", None)
    imagecache._STORES.clear()


def _item(path, crop=(0, 0, 600, 400), width=144.0):
    return ImageItem(10, 10, width, width * 2 / 3, str(path), crop, (600, 400))


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.jpgx"))


def _dark(tmp_path):
    path = tmp_path / "dark.jpg"
    im = Image.linear_gradient("L").resize((600, 400)).convert("RGB")
    im.paste((10, 5, 25), (0, 0, 300, 400))  # a shadow far over the ink limit when separated
    im.save(path, quality=95)
    return path


def test_cold_warm_and_off_give_the_same_bytes(tmp_path, make_doc, photo, photo_store,
                                              monkeypatch):
    dark = _dark(tmp_path)
    doc = make_doc([_item(photo), _item(dark, width=72.0)], [_item(dark)])
    write_pdf(doc, tmp_path / "cold.pdf")
    assert len(_entries(photo_store)) == 3
    imagecache._STORES.clear()
    write_pdf(doc, tmp_path / "warm.pdf")
    assert imagecache.environment_store().hits == 3
    monkeypatch.setenv("TYPESET_CACHE", "0")
    write_pdf(doc, tmp_path / "off.pdf")
    cold = (tmp_path / "cold.pdf").read_bytes()
    assert cold == (tmp_path / "warm.pdf").read_bytes() == (tmp_path / "off.pdf").read_bytes()


def test_a_new_process_reuses_the_photos(tmp_path, photo, photo_store):
    script = (
        "import sys\n"
        "from typeset.frame import *\n"
        "from typeset.render.pdf import write_pdf, imagecache\n"
        f"item = ImageItem(10, 10, 144, 96, {str(photo)!r}, (0, 0, 600, 400), (600, 400))\n"
        "doc = Document((PageFrame(1, 300, 200, 8.5, (item,)),),"
        " DocumentInfo('t', 't', '2024-05-01', 1714521600))\n"
        "write_pdf(doc, sys.argv[1])\n"
        "store = imagecache.environment_store()\n"
        "print(store.hits, store.written)\n"
    )
    env = {**os.environ, "TYPESET_CACHE": str(photo_store)}
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / f"{n}.pdf")],
                           capture_output=True, text=True, env=env, check=True).stdout.split()
            for n in ("first", "second")]
    assert runs == [["0", "1"], ["1", "0"]]
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "second.pdf").read_bytes()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "flip"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path, make_doc, photo, photo_store, damage):
    doc = make_doc([_item(photo)])
    write_pdf(doc, tmp_path / "a.pdf")
    [entry] = _entries(photo_store)
    raw = entry.read_bytes()
    broken = {"truncate": raw[:len(raw) // 2], "garbage": b"\x00not a photo" * 10, "empty": b"",
              "flip": raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:]}[damage]
    entry.write_bytes(broken)
    imagecache._STORES.clear()
    diags = write_pdf(doc, tmp_path / "b.pdf")
    assert diags == []
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert entry.read_bytes() == raw  # rebuilt whole


def test_key_follows_the_bytes_not_the_name_and_diagnostics_are_fresh(tmp_path, make_doc,
                                                                      photo, photo_store):
    low = _item(photo, width=288.0)  # 150 ppi: a warning naming the file
    write_pdf(make_doc([low]), tmp_path / "a.pdf")
    copy = tmp_path / "copy.png"
    shutil.copy(photo, copy)
    imagecache._STORES.clear()
    diags = write_pdf(make_doc([], [_item(copy, width=288.0)]), tmp_path / "b.pdf")
    assert imagecache.environment_store().hits == 1
    assert [(d.code, d.page, str(copy) in d.message) for d in diags] == [("image-ppi", 2, True)]
    # New pixels under the same name and size are prepared again.
    Image.new("RGB", (600, 400), (255, 255, 0)).save(copy)
    imagecache._STORES.clear()
    write_pdf(make_doc([_item(copy)]), tmp_path / "c.pdf")
    assert imagecache.environment_store().hits == 0
    assert len(_entries(photo_store)) == 2


def test_options_that_change_pixels_change_the_key(tmp_path, make_doc, photo, photo_store):
    for options in (PdfOptions(), PdfOptions(jpeg_quality=60), PdfOptions(max_ink=220),
                    PdfOptions(grey_images=True), PdfOptions(image_max_ppi=150)):
        write_pdf(make_doc([_item(photo)]), tmp_path / "x.pdf", options)
    assert len(_entries(photo_store)) == 5
    # Only a placement option (the warning threshold) differs: the pixels are shared.
    imagecache._STORES.clear()
    write_pdf(make_doc([_item(photo)]), tmp_path / "y.pdf", PdfOptions(image_ppi_warn=400))
    assert imagecache.environment_store().hits == 1


def test_store_is_pruned_to_its_budget_least_recently_used_first(tmp_path, photo):
    store = PhotoStore(tmp_path / "store", max_bytes=10_000)
    profile = find_output_profile(None)
    plan, _ = plan_image(_item(photo), max_ppi=300, ppi_warn=170, ppi_error=100)
    keys = []
    for n in range(4):
        key = store.key(plan, profile, {"grey": False, "jpeg_quality": 85, "max_ink": 240 + n})
        store.put(key, PreparedImage(bytes([n]) * 4000, 10, 10, "CMYK", 300.0))
        os.utime(store._path(key), ns=(n * 10**9, n * 10**9))
        keys.append(key)
    assert store.get(keys[0], 300.0) is not None  # used now: the most recent
    (store.folder / keys[1][:2] / ".tmp-left-over").write_bytes(b"x")
    os.utime(store.folder / keys[1][:2] / ".tmp-left-over", ns=(0, 0))
    store.prune()
    kept = {p.stem for p in _entries(store.folder)}
    assert kept == {keys[0], keys[3]}
    assert not (store.folder / keys[1][:2] / ".tmp-left-over").exists()


def test_cache_folder_from_the_environment(tmp_path):
    assert cache_folder({"TYPESET_CACHE": "0"}) is None
    assert cache_folder({"TYPESET_CACHE": "off", "XDG_CACHE_HOME": str(tmp_path)}) is None
    assert cache_folder({"TYPESET_CACHE": str(tmp_path / "c")}) == tmp_path / "c"
    assert cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "typeset" / "photos"
    assert cache_folder({"TYPESET_CACHE": "1", "XDG_CACHE_HOME": "relative"}) == \
        Path.home() / ".cache" / "typeset" / "photos"


def test_an_unwritable_store_is_only_a_miss(tmp_path, make_doc, photo, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TYPESET_CACHE", str(blocker / "photos"))
    assert write_pdf(make_doc([_item(photo)]), tmp_path / "a.pdf") == []


def test_photos_started_early_are_used_and_change_nothing(tmp_path, make_doc, photo,
                                                           photo_store, monkeypatch):
    monkeypatch.setenv(imagecache.WORKERS_ENV, "2")
    other = tmp_path / "other.png"
    Image.new("RGB", (600, 400), (20, 200, 40)).save(other)
    doc = make_doc([_item(photo)], [_item(other)])
    options = PdfOptions()
    assert start_photos(make_doc([]), options) is None  # no photos: nothing to start
    early = start_photos(doc, options)
    assert early is not None and early.serves(doc, options, early.profile)
    write_pdf(doc, tmp_path / "early.pdf", options, early)
    assert early.prepared._pool is None  # taken over, used and shut down
    monkeypatch.setenv("TYPESET_CACHE", "0")
    if imagecache.CACHE is not None:
        imagecache.CACHE.clear()
    write_pdf(doc, tmp_path / "late.pdf", options)
    assert (tmp_path / "early.pdf").read_bytes() == (tmp_path / "late.pdf").read_bytes()
    # Started for other options (or another document): not used, cancelled, same PDF.
    stale = start_photos(doc, PdfOptions(jpeg_quality=70))
    write_pdf(doc, tmp_path / "stale.pdf", options, stale)
    assert stale.prepared._pool is None
    assert (tmp_path / "stale.pdf").read_bytes() == (tmp_path / "late.pdf").read_bytes()
