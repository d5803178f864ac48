"""The on-disk store of prepared photos: a new process reuses them, the PDF is byte-identical
with the store cold, warm or off, a corrupt entry (junk, a non-UTF-8 header, junk with a
matching checksum) is ignored and rebuilt, the folder stays bounded, and `TYPESET_CACHE`
chooses or turns off the folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import hashlib
import json

from typeset.frame import ImageItem
from typeset.manifest.media_probe import probe
from typeset.render.pdf import PdfOptions, write_pdf
from typeset.render.pdf.images import PreparedImage, plan_photo
from typeset.render.pdf.photo_preparer import preparer
from typeset.render.pdf.photostore import FORMAT, PhotoStore, cache_folder
from typeset.render.pdf.profiles import find_output_profile
from typeset.session import use_session


def _new_process(build):
    """Run `build()` in a session of its own (nothing kept in memory, as a new process);
    returns (its result, the store's hits)."""
    with use_session() as session:
        result = build()
        hits = preparer().store().hits if preparer().store() is not None else None
        session.close()
    return result, hits


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
    _new_process(lambda: write_pdf(doc, tmp_path / "cold.pdf"))
    assert len(_entries(photo_store)) == 3
    _, hits = _new_process(lambda: write_pdf(doc, tmp_path / "warm.pdf"))
    assert hits == 3
    monkeypatch.setenv("TYPESET_CACHE", "0")
    _new_process(lambda: write_pdf(doc, tmp_path / "off.pdf"))
    cold = (tmp_path / "cold.pdf").read_bytes()
    assert cold == (tmp_path / "warm.pdf").read_bytes() == (tmp_path / "off.pdf").read_bytes()


def test_a_new_process_reuses_the_photos(tmp_path, photo, photo_store):
    script = (
        "import sys\n"
        "from typeset.frame import *\n"
        "from typeset.render.pdf import write_pdf\n"
        "from typeset.render.pdf.photo_preparer import preparer\n"
        f"item = ImageItem(10, 10, 144, 96, {str(photo)!r}, (0, 0, 600, 400), (600, 400))\n"
        "doc = Document((PageFrame(1, 300, 200, 8.5, (item,)),),"
        " DocumentInfo('t', 't', '2024-05-01', 1714521600))\n"
        "write_pdf(doc, sys.argv[1])\n"
        "store = preparer().store()\n"
        "print(store.hits, store.written)\n"
    )
    env = {**os.environ, "TYPESET_CACHE": str(photo_store)}
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / f"{n}.pdf")],
                           capture_output=True, text=True, env=env, check=True).stdout.split()
            for n in ("first", "second")]
    assert runs == [["0", "1"], ["1", "0"]]
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "second.pdf").read_bytes()


def _junk_with_checksum(raw: bytes) -> bytes:
    """The entry's header made to describe junk data correctly (length and SHA-256)."""
    junk = b"\xff\xd8 not a JPEG at all " * 50
    header = json.loads(raw[len(FORMAT):raw.index(b"\n", len(FORMAT))])
    header.update(length=len(junk), sha256=hashlib.sha256(junk).hexdigest())
    return FORMAT + json.dumps(header, sort_keys=True).encode() + b"\n" + junk


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "flip", "non-utf-8",
                                    "junk-with-checksum"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path, make_doc, photo, photo_store, damage):
    """Issue 13.4/13.6: nothing read from the store is fatal or embedded undecodable."""
    doc = make_doc([_item(photo)])
    _new_process(lambda: write_pdf(doc, tmp_path / "a.pdf"))
    [entry] = _entries(photo_store)
    raw = entry.read_bytes()
    broken = {"truncate": raw[:len(raw) // 2], "garbage": b"\x00not a photo" * 10, "empty": b"",
              "flip": raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:],
              "non-utf-8": FORMAT + b'{"width": "\xff\xfe"}\n' + raw[len(FORMAT):],
              "junk-with-checksum": _junk_with_checksum(raw)}[damage]
    entry.write_bytes(broken)
    diags, hits = _new_process(lambda: write_pdf(doc, tmp_path / "b.pdf"))
    assert hits == 0
    assert diags == []
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert entry.read_bytes() == raw  # rebuilt whole


def test_key_follows_the_bytes_not_the_name_and_diagnostics_are_fresh(tmp_path, make_doc,
                                                                      photo, photo_store):
    low = _item(photo, width=288.0)  # 150 ppi: a warning naming the file
    _new_process(lambda: write_pdf(make_doc([low]), tmp_path / "a.pdf"))
    copy = tmp_path / "copy.png"
    shutil.copy(photo, copy)
    diags, hits = _new_process(
        lambda: write_pdf(make_doc([], [_item(copy, width=288.0)]), tmp_path / "b.pdf"))
    assert hits == 1
    assert [(d.code, d.page, str(copy) in d.message) for d in diags] == [("image-ppi", 2, True)]
    # New pixels under the same name and size are prepared again.
    Image.new("RGB", (600, 400), (255, 255, 0)).save(copy)
    _, hits = _new_process(lambda: write_pdf(make_doc([_item(copy)]), tmp_path / "c.pdf"))
    assert hits == 0
    assert len(_entries(photo_store)) == 2


def test_options_that_change_pixels_change_the_key(tmp_path, make_doc, photo, photo_store):
    for options in (PdfOptions(), PdfOptions(jpeg_quality=60), PdfOptions(max_ink=220),
                    PdfOptions(grey_images=True), PdfOptions(image_max_ppi=150)):
        _new_process(lambda options=options: write_pdf(make_doc([_item(photo)]), tmp_path / "x.pdf",
                                                       options))
    assert len(_entries(photo_store)) == 5
    # Only a placement option (the warning threshold) differs: the pixels are shared.
    _, hits = _new_process(lambda: write_pdf(make_doc([_item(photo)]), tmp_path / "y.pdf",
                                             PdfOptions(image_ppi_warn=400)))
    assert hits == 1


def test_store_is_pruned_to_its_budget_least_recently_used_first(tmp_path, photo):
    store = PhotoStore(tmp_path / "store")
    profile = find_output_profile(None)
    media = probe(photo)
    plan = plan_photo(_item(photo), media, 300)
    keys = []
    for n in range(4):
        key = store.key(plan, media.digest, profile,
                        {"grey": False, "jpeg_quality": 85, "max_ink": 240 + n})
        store.put(key, _jpeg(n))
        os.utime(store._path(key), ns=(n * 10**9, n * 10**9))
        keys.append(key)
    sizes = [store._path(k).stat().st_size for k in keys]
    store.max_bytes = sizes[0] + sizes[3] + 10  # room for two entries
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


def _jpeg(n: int) -> PreparedImage:
    """A 4,000-byte-ish CMYK JPEG entry (noise, so it does not compress away)."""
    import io

    buffer = io.BytesIO()
    Image.effect_noise((60, 60), 40 + n).convert("CMYK").save(buffer, "JPEG", quality=95)
    return PreparedImage(buffer.getvalue(), 60, 60, "CMYK", 300.0)


def test_photos_started_before_the_writer_are_prepared_once(tmp_path, make_doc, photo,
                                                           photo_store):
    """`typeset.photos.start_preparing` (what a build calls once the pages are composed)
    submits every placement; the writer then finds them started: each prepared once."""
    from typeset.photos import start_preparing

    other = tmp_path / "other.png"
    Image.new("RGB", (600, 400), (20, 200, 40)).save(other)
    doc = make_doc([_item(photo)], [_item(other), _item(photo)])
    start_preparing(doc, PdfOptions())
    write_pdf(doc, tmp_path / "early.pdf")
    assert preparer().prepared == 2
    write_pdf(doc, tmp_path / "again.pdf")  # the same session (as --watch): nothing redone
    assert preparer().prepared == 2 and preparer().store().hits == 0
    _new_process(lambda: write_pdf(doc, tmp_path / "late.pdf"))
    assert (tmp_path / "early.pdf").read_bytes() == (tmp_path / "late.pdf").read_bytes()
