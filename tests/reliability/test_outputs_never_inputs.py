"""Issue 13.1 / 13.7 / 13.4: an output never replaces an input, two outputs never share a file,
a killed build leaves no temporary behind, and bad output names are clear errors.

The kind, not the instance: every input of an edition and its project (manifest, story,
sidecar, photo, ad, layout, fonts.yaml, a font file), named directly, through a symlink, a
hard link or a '..' detour, as -o of build and proof and as --report; each must be refused
before any work with the input's bytes unchanged."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from relkit import MANIFEST, ROOT, write_edition

from typeset.render.atomic import TEMP_PREFIX, clean_stale_temps

def _project(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    """A project (layouts/, fonts/fonts.yaml, a font file) with one edition holding a story, a
    photo with a sidecar and an image ad; returns the edition and its inputs by kind."""
    project = tmp_path / "proj"
    shutil.copytree(ROOT / "layouts", project / "layouts")
    shutil.copytree(ROOT / "fonts", project / "fonts",
                    ignore=shutil.ignore_patterns("*.otf", "*.ttf", "*.ttc"))
    font = project / "fonts" / "extra.otf"  # a font dropped into the project's fonts/
    font.write_bytes(b"OTTO" + b"\0" * 100)
    manifest = MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                "photos/p.jpg, span: 2}\n") + (
        "      - ad: {file: photos/ad.png}\n        at: {column: 5, span: 4, top: 10, "
        "bottom: 30}\n")
    folder = write_edition(project / "ed", manifest)
    Image.new("RGB", (1200, 900), (120, 60, 30)).save(folder / "photos" / "p.jpg", quality=80)
    Image.new("RGB", (800, 400), (30, 60, 120)).save(folder / "photos" / "ad.png")
    (folder / "photos" / "p.md").write_text("图片说明。\ncredit: 某某 摄\n", encoding="utf-8")
    inputs = {"manifest": folder / "edition.yaml", "story": folder / "stories" / "one.md",
              "photo": folder / "photos" / "p.jpg", "sidecar": folder / "photos" / "p.md",
              "ad": folder / "photos" / "ad.png",
              "layout": project / "layouts" / "broadsheet-8col.yaml",
              "fonts.yaml": project / "fonts" / "fonts.yaml", "font": font}
    return folder, inputs


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return _project(tmp_path_factory.mktemp("outputs"))


KINDS = ["manifest", "story", "photo", "sidecar", "ad", "layout", "fonts.yaml", "font"]
ROUTES = ["direct", "symlink", "hardlink", "dotdot"]


def _route(target: Path, route: str, scratch: Path) -> Path:
    """A path naming `target` the way `route` says."""
    scratch.mkdir(parents=True, exist_ok=True)
    if route == "direct":
        return target
    if route == "dotdot":
        return target.parent / ".." / target.parent.name / target.name
    link = scratch / f"{route}-{target.name}"
    if link.exists() or link.is_symlink():
        link.unlink()
    if route == "symlink":
        link.symlink_to(target)
    else:
        os.link(target, link)
    return link


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(KINDS), route=st.sampled_from(ROUTES),
       how=st.sampled_from(["build -o", "proof -o", "build --report", "proof --report"]))
def test_an_output_naming_an_input_is_refused_before_any_work(project, cli, kind, route,
                                                               how):
    folder, inputs = project
    target = inputs[kind]
    before = target.read_bytes()
    scratch = folder.parent / "links"
    path = _route(target, route, scratch)
    command, option = how.split(" ", 1)
    args = [command, folder]
    if option == "-o":
        args += ["-o", path]
    else:
        args += ["-o", folder.parent / "fine.pdf", "--report", path]
    result = cli(*args, expect=1)
    assert "input of the edition" in result.output
    assert target.read_bytes() == before
    if route in ("symlink", "hardlink"):
        Path(path).unlink()


def test_the_system_font_files_the_roles_use_are_inputs_too(project):
    """Checked without writing: -o naming the font file the body role resolved to."""
    from typeset import pipeline
    from typeset.manifest import load_edition
    from typeset.outputs import edition_inputs, refused_outputs

    folder, _ = project
    edition, _ = load_edition(folder)
    fonts = pipeline.font_files(folder)
    assert fonts
    for font in fonts:
        found = refused_outputs({"-o": Path(font)}, edition_inputs(folder, edition, fonts))
        assert [d.code for d in found] == ["output-is-input"]


def test_report_and_pdf_on_the_same_file_are_refused(project, cli, tmp_path):
    folder, _ = project
    out = tmp_path / "same.pdf"
    result = cli("build", folder, "-o", out, "--report", out, expect=1)
    assert "same file" in result.output and not out.exists()
    link = tmp_path / "alias.pdf"
    out.write_bytes(b"old")
    os.link(out, link)
    result = cli("build", folder, "-o", out, "--report", link, expect=1)
    assert "same file" in result.output and out.read_bytes() == b"old"


def test_a_report_into_a_missing_folder_is_made_before_the_pdf(project, cli, tmp_path):
    folder, _ = project
    report = tmp_path / "new" / "deeper" / "r.json"
    out = tmp_path / "other" / "e.pdf"
    result = cli("build", folder, "-o", out, "--report", report, expect=0)
    assert report.is_file() and out.is_file(), result.output


@pytest.mark.parametrize("length", [250, 300, 1000])
def test_an_output_name_too_long_is_a_clear_error(project, cli, tmp_path, length):
    folder, _ = project
    name = "长" * (length // 3) + ".pdf"
    result = cli("build", folder, "-o", tmp_path / name, expect=1)
    assert "too long" in result.output or "file name" in result.output


def test_stale_temporaries_of_a_killed_build_are_removed_by_the_next(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{TEMP_PREFIX}{dead.pid}-abc.pdf"
    nameless = tmp_path / f"{TEMP_PREFIX}x1y2.pdf"
    live = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-now.pdf"
    mine = tmp_path / "keep.pdf"
    for path in (stale, nameless, live, mine):
        path.write_bytes(b"")
    old = time.time() - 30
    for path in (stale, nameless, mine):
        os.utime(path, (old, old))
    removed = clean_stale_temps(tmp_path, ".pdf", time.time() - 1)
    assert set(removed) == {stale, nameless}
    assert live.exists() and mine.exists()


SIGNAL_SCRIPT = """
import sys, time
from pathlib import Path
from typeset.outputs import handle_signals, replacing
handle_signals()
out = Path(sys.argv[1])
with replacing(out) as tmp:
    tmp.write_bytes(b"half")
    print("ready", flush=True)
    time.sleep(30)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_removes_the_temporary_and_exits_with_its_code(tmp_path, sig):
    out = tmp_path / "edition.pdf"
    out.write_bytes(b"previous")
    proc = subprocess.Popen([sys.executable, "-c", SIGNAL_SCRIPT, str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(sig)
    proc.wait(timeout=20)
    if sig == signal.SIGINT:  # Python's own KeyboardInterrupt: the command group maps it
        assert proc.returncode != 0
    else:
        assert proc.returncode == 128 + sig
    assert out.read_bytes() == b"previous"
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_sigterm_during_a_real_build_leaves_no_temporary(tmp_path):
    from relkit import SAMPLE

    out = tmp_path / "sample.pdf"
    out.write_bytes(b"previous")
    paiban = Path(sys.executable).with_name("paiban")
    proc = subprocess.Popen([str(paiban), "build", str(SAMPLE), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 20
    while time.time() < deadline and not list(tmp_path.glob(f"{TEMP_PREFIX}*")) \
            and proc.poll() is None:
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert proc.returncode in (0, 128 + signal.SIGTERM)
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    assert out.read_bytes() == b"previous" or out.read_bytes().startswith(b"%PDF")


def test_preview_never_replaces_a_photo_named_like_its_pngs(cli, tmp_path):
    """A photo called page-01.png in photos/ and `preview -o photos`: refused, photo kept."""
    manifest = MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                "photos/page-01.png, span: 2}\n")
    folder = write_edition(tmp_path / "ed", manifest)
    photo = folder / "photos" / "page-01.png"
    Image.new("RGB", (1200, 900), (10, 90, 40)).save(photo)
    before = photo.read_bytes()
    for pages in ([], ["--pages", "1"]):
        result = cli("preview", folder, *pages, "--dpi", "20", "-o", folder / "photos",
                     expect=(1, 2))
        assert "input of the edition" in result.output
        assert photo.read_bytes() == before


def test_a_broken_manifest_still_protects_its_ad_pdfs_from_the_report(cli, tmp_path):
    folder = write_edition(tmp_path / "ed", "paper: [unclosed\n")
    (folder / "ads").mkdir()
    ad = folder / "ads" / "lottery.pdf"
    ad.write_bytes(b"%PDF-1.4 an ad")
    result = cli("build", folder, "-o", tmp_path / "x.pdf", "--report", ad, expect=1)
    assert ad.read_bytes() == b"%PDF-1.4 an ad", result.output


def test_split_pages_never_replace_an_input(cli, tmp_path):
    from relkit import SAMPLE

    story = next((SAMPLE / "stories").glob("*.md"))
    folder = tmp_path / "ed"
    shutil.copytree(SAMPLE, folder)
    story = folder / "stories" / story.name
    before = story.read_bytes()
    result = cli("build", folder, "--split", folder / "stories", "--report", story, expect=1)
    assert "input of the edition" in result.output and story.read_bytes() == before
    result = cli("build", folder, "--split", tmp_path / "split", "--report",
                 tmp_path / "split" / "r.json", expect=(0, 1))
    assert (tmp_path / "split" / "r.json").exists(), result.output
