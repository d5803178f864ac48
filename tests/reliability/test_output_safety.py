"""Atomic, deterministic output: a PDF appears complete or not at all, a failed build leaves
the previous PDF untouched, the same input gives the same bytes, and the output path cannot
be turned against the machine (devices, pipes, folders)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat

import pikepdf
import pytest
from relkit import SAMPLE, STORY, write_edition

GOOD = "第一段正文，用于测试。"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def built(cli, tmp_path):
    """A small edition and a good final PDF of it, as the previous night's file."""
    folder = write_edition(tmp_path / "ed")
    out = tmp_path / "out" / "edition.pdf"
    cli("build", folder, "-o", out, expect=0)
    return folder, out, _digest(out)


def _leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".typeset-")]


@pytest.mark.parametrize("breakage", ["yaml", "missing-story", "overset", "bad-photo"])
def test_failed_build_leaves_previous_pdf_untouched(cli, built, breakage):
    folder, out, before = built
    manifest = folder / "edition.yaml"
    text = manifest.read_text(encoding="utf-8")
    if breakage == "yaml":
        manifest.write_text(text.replace("issue: 100", "issue: [100"), encoding="utf-8")
    elif breakage == "missing-story":
        (folder / "stories" / "one.md").unlink()
    elif breakage == "overset":
        (folder / "stories" / "one.md").write_text(STORY.format(body=GOOD * 400),
                                                  encoding="utf-8")
    else:   # header fine, data cut: found only while separating the photo
        from PIL import Image
        Image.new("RGB", (900, 600), (90, 120, 200)).save(folder / "photos" / "p.jpg")
        data = (folder / "photos" / "p.jpg").read_bytes()
        (folder / "photos" / "p.jpg").write_bytes(data[:len(data) // 3])
        manifest.write_text(text.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                         "photos/p.jpg, span: 2, lines: 10}\n"),
                            encoding="utf-8")
    result = cli("build", folder, "-o", out, expect=1)
    assert "not written" in result.output
    assert _digest(out) == before
    assert _leftovers(out.parent) == []


def test_write_failure_leaves_previous_pdf_and_no_temp_file(cli, built, monkeypatch):
    """The disk fills up while the PDF is saved: a clear error, the old file intact."""
    folder, out, before = built

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(pikepdf.Pdf, "save", full)
    result = cli("build", folder, "-o", out, expect=1)
    assert "No space left on device" in result.output
    assert _digest(out) == before
    assert _leftovers(out.parent) == []
    result = cli("proof", folder, "-o", out, expect=1)
    assert _digest(out) == before and _leftovers(out.parent) == []


def test_same_input_gives_same_bytes(cli, tmp_path):
    """The same files (and times: the release time is the newest file's, issue 12.5) in
    another place give the same bytes; so do other times under one SOURCE_DATE_EPOCH."""
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    cli("build", SAMPLE, "-o", a, expect=0)
    copy = shutil.copytree(SAMPLE, tmp_path / "elsewhere" / "sample")   # times copied too
    cli("build", copy, "-o", b, expect=0)
    assert a.read_bytes() == b.read_bytes()
    os.utime(copy / "edition.yaml", (1, 1))
    os.environ["SOURCE_DATE_EPOCH"] = "1764579600"
    try:
        cli("build", SAMPLE, "-o", a, expect=0)
        cli("build", copy, "-o", b, expect=0)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("kind", ["fifo", "folder", "under-a-file", "symlink-to-fifo"])
def test_output_path_that_is_not_a_file_is_refused(cli, built, tmp_path, kind):
    folder, _, _ = built
    target = tmp_path / "target.pdf"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "under-a-file":
        (tmp_path / "plain").write_text("x")
        target = tmp_path / "plain" / "x.pdf"
    else:
        os.mkfifo(tmp_path / "pipe")
        target.symlink_to(tmp_path / "pipe")
    expect = 2 if kind == "folder" else 1          # click refuses a folder as a usage error
    result = cli("build", folder, "-o", target, expect=expect)
    if kind == "fifo":
        assert target.exists() and not target.is_file()        # still a pipe, not replaced
    assert "Traceback" not in result.output


def test_character_device_is_never_replaced(cli, built, tmp_path):
    """Regression: `-o /dev/full` renamed the new PDF over the device node (as root). Tested
    on a private copy of /dev/null's node, never on the real one."""
    folder, _, _ = built
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here (not root)")
    before = os.stat(device)
    result = cli("build", folder, "-o", device, expect=1)
    after = os.stat(device)
    assert "not a regular file" in result.output
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
