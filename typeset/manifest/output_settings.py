"""`output:` of a layout or an edition → `OutputSettings`, every key and value checked where
it is read.

In: the YAML value of `output:` and a `Problems` collector. Out: the settings written; an
unknown key (with the closest valid one suggested) and a bad value (wrong type, out of range,
an ICC profile that does not exist, a split-name pattern that cannot name pages) are errors
at their file:line:column, so `check` sees them before any build.
"""

from __future__ import annotations

from pathlib import Path

from typeset.diagnostics import SourceRef
from typeset.manifest.fields import MapReader, Problems
from typeset.manifest.yamlpos import YMap
from typeset.model.output import PDFX_VERSIONS, OutputSettings
from typeset.model.split_names import pattern_problem

DEFAULT_PPI_WARN = 170.0
"""The PDF backend's `image_ppi_warn` (render.pdf.PdfOptions) and preflight's newsprint
`ppi_warn`: the resolution a photo is recommended to keep as placed."""
OUTPUT_KEYS = ("pdfx", "icc_profile", "output_condition", "slug", "marks", "jpeg_quality",
               "image_ppi_warn", "image_ppi_error", "image_max_ppi", "grey_images", "max_ink",
               "split_name")


def read_output(value: object, where: SourceRef, problems: Problems, what: str,
                project_root: Path | None = None) -> OutputSettings:
    """The `output:` mapping at `where` (`what` names it in messages: 'output of layout x')."""
    if value is None:
        return OutputSettings()
    if not isinstance(value, YMap):
        problems.error("wrong-type", f"'output' must be a mapping, got {type(value).__name__}",
                       where, hint="write output: {jpeg_quality: 85, max_ink: 240}")
        return OutputSettings()
    r = MapReader(value, problems, what, OUTPUT_KEYS)
    got: dict[str, object] = {}
    if r.has("pdfx"):
        got["pdfx"] = r.choice("pdfx", PDFX_VERSIONS, PDFX_VERSIONS[0])
    for key in ("icc_profile", "output_condition", "slug"):
        if r.has(key):
            got[key] = r.text(key, max_chars=500)
    profile = got.get("icc_profile")
    if profile and project_root is not None:
        path = Path(str(profile))
        path = path if path.is_absolute() else project_root / path
        if not path.is_file():
            problems.error("missing-file", f"ICC profile not found: {path}", r.at("icc_profile"),
                           hint="give the path of a CMYK output profile (.icc) relative to the "
                                "project folder, or remove icc_profile to use the default")
    for key in ("marks", "grey_images"):
        if r.has(key):
            got[key] = r.flag(key)
    if r.has("jpeg_quality"):
        got["jpeg_quality"] = r.integer("jpeg_quality", 85, low=1, high=100, example="85")
    for key, example in (("image_ppi_warn", "170"), ("image_ppi_error", "100"),
                         ("image_max_ppi", "200")):
        if r.has(key):
            got[key] = r.number(key, 0.0, low=0, high=10_000, example=example)
    finest, recommended = got.get("image_max_ppi"), got.get("image_ppi_warn", DEFAULT_PPI_WARN)
    if finest and recommended and finest < recommended:  # 0: never downsampled
        problems.warn("bad-value", f"'image_max_ppi' {finest:g} is below 'image_ppi_warn' "
                      f"{recommended:g}: every photo downsampled to it prints below the "
                      "recommended resolution (and preflight warns)", r.at("image_max_ppi"),
                      hint=f"give image_max_ppi {recommended:g} or more (newsprint: 200)")
    if r.has("max_ink"):
        got["max_ink"] = _max_ink(r)
    if r.has("split_name"):
        pattern = r.text("split_name", max_chars=200)
        why = pattern_problem(pattern)
        if why:
            problems.error("bad-value", f"'split_name' {pattern!r} cannot name the page files: "
                           f"{why}", r.at("split_name"),
                           hint="e.g. split_name: \"{date:%Y%m%d}_{page}.pdf\"")
        else:
            got["split_name"] = pattern
    sources = tuple((k, r.at(k)) for k in got)
    return OutputSettings(**got, sources=sources)


def _max_ink(r: MapReader) -> float:
    """Total ink in percent: 240, 240% or '240 %'; 0 (off) or 100..400."""
    raw = r.raw("max_ink")
    if isinstance(raw, str) and raw.strip().endswith("%"):
        try:
            value = float(raw.strip()[:-1])
        except ValueError:
            value = None
    else:
        value = r.number("max_ink", 240.0, low=0, high=400, example="240")
        if value == 240.0 and not isinstance(raw, (int, float)):
            return 240.0           # wrong type: already reported by number()
    if value is None or not (value == 0 or 100 <= value <= 400):
        r.problems.error("out-of-range", f"'max_ink' is {raw}: a total ink limit is 0 (off) "
                         "or 100 to 400 %", r.at("max_ink"),
                         hint="e.g. max_ink: 240 (ISOnewspaper26v4) or 220 (WAN-IFRA 26v5)")
        return 240.0
    return value
