"""External checkers run with fixed argument lists and time limits: qpdf, pdftotext, Ghostscript.

In: a PDF path (made absolute so it can never be read as an option). Out: findings. A tool that
is not installed gives a `note` saying what was not checked, never a crash. Ghostscript runs
with -dSAFER, renders the TrimBox of every page with `tiffsep` at a low resolution and the
separations are summed per pixel (total area coverage, TAC).
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageMath

from typeset.preflight.result import Finding, failed, noted, passed, warned
from typeset.preflight.settings import PreflightProfile


def _run(argv: list[str], timeout: float) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(argv, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError:
        return None


def qpdf_check(path: Path) -> Finding:
    """A1: `qpdf --check` exit code (0 clean, 3 warnings, 2 errors)."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        return noted("qpdf_check", "qpdf is not installed: structure not checked by qpdf")
    try:
        done = _run([qpdf, "--check", str(path.resolve())], 120)
    except subprocess.TimeoutExpired:
        return failed("qpdf_check", "qpdf --check did not finish within 120 s")
    if done.returncode == 0:
        return passed("qpdf_check", "qpdf --check: no errors")
    text = (done.stdout + done.stderr).decode("utf-8", "replace").strip().splitlines()
    detail = "; ".join(line for line in text if "error" in line.lower() or "warning" in
                       line.lower())[:300] or (text[-1] if text else "")
    if done.returncode == 3:
        return warned("qpdf_check", f"qpdf --check warnings: {detail}")
    return failed("qpdf_check", f"qpdf --check errors (exit {done.returncode}): {detail}")


def extract_text(path: Path) -> tuple[list[str] | None, str]:
    """Text of every page via pdftotext (form feed separated); (None, why) when unavailable."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None, "pdftotext (poppler-utils) is not installed"
    try:
        done = _run([tool, "-enc", "UTF-8", str(path.resolve()), "-"], 120)
    except subprocess.TimeoutExpired:
        return None, "pdftotext did not finish within 120 s"
    if done.returncode != 0:
        return None, f"pdftotext failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}"
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    return pages, ""


def tac(path: Path, profile: PreflightProfile, page_count: int) -> list[Finding]:
    """E1: maximum total ink per page from Ghostscript separations (inside the TrimBox).

    Fails when an area larger than `tac_min_area_mm2` exceeds `tac_limit`."""
    gs = shutil.which("gs")
    if gs is None:
        return [noted("tac", "Ghostscript (gs) is not installed: total ink coverage not "
                             "checked; install ghostscript to measure it")]
    dpi = profile.tac_dpi
    with tempfile.TemporaryDirectory(prefix="typeset-tac-") as tmp:
        argv = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dUseTrimBox",
                "-sDEVICE=tiffsep", f"-r{dpi}", "-dMaxSpots=12",
                f"-sOutputFile={tmp}/p%04d.tif", str(path.resolve())]
        try:
            done = _run(argv, profile.tac_timeout_s)
        except subprocess.TimeoutExpired:
            return [failed("tac", f"Ghostscript did not render the file within "
                                  f"{profile.tac_timeout_s:.0f} s")]
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip()[:300]
            return [failed("tac", f"Ghostscript could not render the file: {err}")]
        findings = []
        pixel_mm2 = (25.4 / dpi) ** 2
        tolerated = max(1, math.ceil(profile.tac_min_area_mm2 / pixel_mm2))
        for number in range(1, page_count + 1):
            seps = sorted(Path(tmp).glob(f"p{number:04d}(*).tif"))
            if not seps:
                findings.append(failed("tac", "Ghostscript produced no separations", number))
                continue
            peak, over = _coverage(seps, profile.tac_limit)
            data = {"max_tac": round(peak, 1), "pixels_over": over}
            if over > tolerated:
                findings.append(failed(
                    "tac", f"total ink up to {peak:.0f} % (limit {profile.tac_limit:.0f} %) on "
                    f"{over * pixel_mm2:.1f} mm²", number, **data))
            else:
                findings.append(passed("tac", f"page {number}: max total ink {peak:.0f} % "
                                              f"(limit {profile.tac_limit:.0f} %)", **data))
        return findings


def _coverage(separations: list[Path], limit: float) -> tuple[float, int]:
    """(peak TAC %, number of pixels above `limit`) for one page's separation files."""
    total = None
    for sep in separations:
        with Image.open(sep) as im:
            ink = ImageMath.lambda_eval(lambda a: 255 - a["x"], x=im.convert("L").convert("I"))
        total = ink if total is None else ImageMath.lambda_eval(
            lambda a: a["t"] + a["i"], t=total, i=ink)
    assert total is not None
    peak = total.getextrema()[1] * 100.0 / 255.0
    threshold = limit * 255.0 / 100.0
    over_mask = ImageMath.lambda_eval(lambda a: (a["t"] > threshold), t=total)
    over = over_mask.convert("L").histogram()[1]
    return peak, over
