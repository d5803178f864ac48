"""Issue 4 "Done when" on the real sample edition: preflight passes, only embedded subset CID
fonts, qpdf clean, every story's text comes back, Ghostscript renders every page, two builds
are byte-identical, crop marks outside the bleed and the layout's trim and bleed boxes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from typeset.manifest import load_story
from typeset.units import MM

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"
TRIM_MM = (390.0, 540.0)  # layouts/broadsheet-8col.yaml
BLEED_MM = 3.0
NUMBER = r"[\d一二三四五六七八九十百]+"
JUMP_OUT = re.compile(rf"（下?转第{NUMBER}版）")   # the sample's jump: wording is （下转第二版）
JUMP_IN = re.compile(rf"（上接第{NUMBER}版）")


def _run(*argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, timeout=300, **kw)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_preflight_newsprint_passes(sample_pdf):
    done = _run(sys.executable, "-m", "typeset", "preflight", str(sample_pdf), "--profile",
                "newsprint", "--json", cwd=ROOT)
    report = json.loads(done.stdout)
    bad = [f for f in report["findings"] if f["status"] in ("fail", "warn")]
    assert done.returncode == 0 and not [f for f in bad if f["status"] == "fail"], bad
    tac = [f for f in report["findings"] if f["check"] == "tac"]
    assert len(tac) == 3 and all(f["data"]["max_tac"] <= 241 for f in tac), tac


def test_only_embedded_subset_cid_fonts(sample_pdf):
    lines = _run("pdffonts", str(sample_pdf), check=True).stdout.splitlines()[2:]
    assert lines, "no fonts at all"
    for line in lines:
        name, rest = line.split(None, 1)
        assert re.fullmatch(r"[A-Z]{6}\+\S+", name), line
        assert re.search(r"CID (Type 0C|TrueType)\s+Identity-[HV]\s+yes\s+yes\s+yes", rest), line


def test_qpdf_check_is_clean(sample_pdf):
    done = _run("qpdf", "--check", str(sample_pdf))
    assert done.returncode == 0 and "WARNING" not in done.stdout + done.stderr, done.stdout


def _story_parts(path: Path) -> list[str]:
    story = load_story(path)
    parts = []
    if story.headline:
        head = story.headline
        parts += [head.banner, head.kicker, head.headline, head.deck]
    parts += [story.dateline, *(p.text for p in story.paragraphs), story.byline, story.signature]
    return [_squash(p) for p in parts if _squash(p)]


def _find(part: str, text: str, start: int) -> int:
    """Where `part` begins in `text` at or after `start`, allowing one jump (转第N版 … 上接第N版)
    inside it; -1 when it is not there."""
    at = text.find(part, start)
    if at >= 0:
        return at
    for cut in range(len(part) - 1, 0, -1):
        head = text.find(part[:cut], start)
        if head < 0:
            continue
        out = JUMP_OUT.match(text, head + cut)
        if out and any(text.startswith(part[cut:], m.end())
                       for m in JUMP_IN.finditer(text, out.end())):
            return head
    return -1


@pytest.mark.parametrize("story", sorted(p.name for p in (SAMPLE / "stories").glob("*.md")))
def test_pdftotext_gives_back_every_story_in_order(sample_pdf, story):
    text = _squash(_run("pdftotext", "-raw", "-enc", "UTF-8", str(sample_pdf), "-",
                        check=True).stdout)
    assert "\ufffd" not in text
    position = 0
    for part in _story_parts(SAMPLE / "stories" / story):
        found = _find(part, text, position)
        assert found >= 0, f"{story}: not found in order: {part[:40]}…"
        position = found + 1


def test_ghostscript_renders_every_page(sample_pdf, tmp_path):
    done = _run("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", "-r20",
                f"-sOutputFile={tmp_path}/p%02d.png", str(sample_pdf))
    assert done.returncode == 0 and not (done.stdout + done.stderr).strip(), done.stdout
    with pikepdf.open(sample_pdf) as pdf:
        pages = len(pdf.pages)
    assert pages == 3 and sorted(p.name for p in tmp_path.glob("p*.png")) == [
        "p01.png", "p02.png", "p03.png"]


def test_two_builds_are_byte_identical(sample_pdf, second_build):
    assert sample_pdf.read_bytes() == second_build.read_bytes()


def _box(page, name):
    return [float(v) for v in page.obj[name]]


def test_boxes_come_from_the_layout(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        for page in pdf.pages:
            trim, bleed, media = (_box(page, n) for n in ("/TrimBox", "/BleedBox", "/MediaBox"))
            assert "/ArtBox" not in page.obj
            assert trim[2] - trim[0] == pytest.approx(TRIM_MM[0] * MM, abs=0.01)
            assert trim[3] - trim[1] == pytest.approx(TRIM_MM[1] * MM, abs=0.01)
            assert [b - t for b, t in zip(bleed, trim)] == pytest.approx(
                [-BLEED_MM * MM, -BLEED_MM * MM, BLEED_MM * MM, BLEED_MM * MM], abs=0.01)
            assert media[0] < bleed[0] and media[1] < bleed[1]
            assert media[2] > bleed[2] and media[3] > bleed[3]


def _stroked_segments(page) -> list[tuple[float, float, float, float, tuple]]:
    """Straight `m … l S` segments outside any `cm` (marks are drawn untransformed), with the
    stroke colour in effect."""
    segments, path, colour, depth = [], [], (), 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            depth += 1
        elif op == "Q":
            depth -= 1
        elif op == "K":
            colour = tuple(float(v) for v in operands)
        elif op == "m":
            path = [tuple(float(v) for v in operands)]
        elif op == "l" and path:
            path.append(tuple(float(v) for v in operands))
        elif op == "S" and len(path) == 2 and depth == 0:
            (x0, y0), (x1, y1) = path
            segments.append((x0, y0, x1, y1, colour))
            path = []
        elif op in ("n", "f", "B", "re"):
            path = []
    return segments


def test_crop_marks_sit_outside_the_bleed_on_the_trim_lines(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        for page in pdf.pages:
            trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
            marks = []
            for x0, y0, x1, y1, colour in _stroked_segments(page):
                outside = (max(x0, x1) <= bleed[0] or min(x0, x1) >= bleed[2]
                           or max(y0, y1) <= bleed[1] or min(y0, y1) >= bleed[3])
                if outside and colour == (1.0, 1.0, 1.0, 1.0):
                    marks.append((x0, y0, x1, y1))
            # Each corner: a horizontal mark on the trim's y and a vertical one on its x.
            for cx in (trim[0], trim[2]):
                for cy in (trim[1], trim[3]):
                    horizontal = [m for m in marks if m[1] == m[3] == pytest.approx(cy, abs=0.01)
                                  and (m[0] - cx) * (m[2] - cx) > 0
                                  and min(abs(m[0] - cx), abs(m[2] - cx)) < 20 * MM]
                    vertical = [m for m in marks if m[0] == m[2] == pytest.approx(cx, abs=0.01)
                                and (m[1] - cy) * (m[3] - cy) > 0
                                and min(abs(m[1] - cy), abs(m[3] - cy)) < 20 * MM]
                    assert horizontal and vertical, (page.index, cx, cy)


def test_slug_line_names_edition_page_and_date(sample_pdf, sample_build):
    edition = sample_build[0].edition
    pages = _run("pdftotext", "-raw", "-enc", "UTF-8", str(sample_pdf), "-",
                 check=True).stdout.split("\f")
    for number, text in enumerate(pages[:3], start=1):
        slug = [line for line in text.splitlines() if f"第{number}版" in line
                and edition.paper in line and edition.date in line]
        assert slug, f"page {number}: no slug line with paper, page and date"
