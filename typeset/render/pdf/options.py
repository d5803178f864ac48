"""PDF backend options: the `PdfOptions` record, merged with and checked against `output:`.

In: the caller's `PdfOptions` and the document's `output` settings (a plain dict from the
layout/edition YAML, never validated upstream). Out: the options to write with, plus diagnostics
for values that cannot be used (wrong type, out of range) and keys the backend does not know —
nothing the user wrote is silently dropped. A bad value falls back to the default.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from typeset.diagnostics import Diagnostic, error, warning

PDFX_VERSIONS = ("PDF/X-1a:2003", "PDF/X-1a:2001", "PDF/X-4")
"""What the writer can mark its files as. The content is the same for all three (CMYK only,
every font embedded, no transparency): X-1a's rules are the stricter; X-4 (the base of the
Ghent Workgroup's 2015 newspaper specification) changes the PDF version (1.6) and the
identification (XMP `pdfxid:GTS_PDFXVersion`)."""


@dataclass(frozen=True)
class PdfOptions:
    """How the PDF is written. Values left at their defaults are taken from the document's
    `output` settings (layout/edition) when those name them."""

    pdfx: str = "PDF/X-1a:2003"
    icc_profile: str | None = None
    """Output CMYK profile path; default: a CMYK printer profile the system ships."""
    output_condition: str = ""
    """OutputConditionIdentifier, e.g. 'ISOnewspaper26v4'; default: the profile's name."""
    marks: bool = False
    """Crop and registration marks and the slug line, outside the bleed."""
    slug: str = ""
    """Slug text; {page} (number), {section}, {title}, {date}, {time} (the document timestamp,
    UTC) are filled in; ' · 第N版 section' is appended when {page} is missing."""
    proof: bool = False
    """Proof overlay (slot outlines, overset marks, 校样 watermark); not a PDF/X final."""
    jpeg_quality: int = 85
    image_ppi_warn: float = 170
    image_ppi_error: float = 100
    image_max_ppi: float = 200
    """Photos placed at a higher effective resolution are downsampled to this (0: never).
    200: newsprint's figure (an 85–100 lpi screen needs 170–200 ppi, print-ready.md F1);
    commercial print on coated paper wants 300."""
    grey_images: bool = False
    """Mono page: photos to grey (black plate) instead of CMYK."""
    max_ink: float = 240
    """Total ink limit in percent for separated photos (and checked on layout colours):
    240 for ISOnewspaper26v4, 220 for WAN-IFRAnewspaper26v5; 0 turns the limit off."""


RANGES: dict[str, tuple[float, float]] = {
    "jpeg_quality": (1, 100),
    "image_ppi_warn": (0, 10_000),
    "image_ppi_error": (0, 10_000),
    "image_max_ppi": (0, 10_000),
    "max_ink": (0, 400),
}
"""Allowed (inclusive) ranges of the numeric options."""

OTHER_KEYS = frozenset({"min_ppi", "split_name"})
"""`output:` keys other parts of typeset read; not reported as unknown here."""


def _coerce(name: str, default, value):
    """`value` as the type of `default`; ValueError with a reason when it cannot be."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        raise ValueError("must be true or false")
    if isinstance(default, (int, float)):
        if isinstance(value, bool):
            raise ValueError("must be a number")
        if isinstance(value, str):
            value = value.strip().removesuffix("%").strip()
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError("must be a number") from None
        low, high = RANGES.get(name, (float("-inf"), float("inf")))
        if not low <= number <= high:
            raise ValueError(f"must be between {low:g} and {high:g}")
        if isinstance(default, int):
            if number != int(number):
                raise ValueError("must be a whole number")
            return int(number)
        return number
    if value is None or isinstance(value, (dict, list)):
        raise ValueError("must be text")
    return str(value)


def merge_output(options: PdfOptions, output: dict) -> tuple[PdfOptions, list[Diagnostic]]:
    """Fill the options still at their defaults from `output`, then check every value."""
    defaults = PdfOptions()
    diags: list[Diagnostic] = []
    changes = {}
    names = {f.name for f in dataclasses.fields(PdfOptions)}
    for key in sorted(set(output) - names - OTHER_KEYS, key=str):
        diags.append(warning("output-unknown-key", f"output setting {key!r} is not known to the "
                             f"PDF backend and has no effect",
                             hint="known settings: " + ", ".join(sorted(names))))
    for f in dataclasses.fields(PdfOptions):
        default = getattr(defaults, f.name)
        current = getattr(options, f.name)
        value = output[f.name] if f.name in output and current == default else current
        if value == default and type(value) is type(default):
            continue
        try:
            coerced = _coerce(f.name, "" if default is None else default, value)
        except ValueError as exc:
            diags.append(error("output-bad-value", f"output setting {f.name}: {value!r} {exc}; "
                               f"using {default!r}", hint="fix it in the layout's or edition's "
                               "output: settings"))
            coerced = default
        if coerced != current:
            changes[f.name] = coerced
    if changes.get("pdfx", options.pdfx) not in PDFX_VERSIONS:
        diags.append(error("output-bad-value", f"output setting pdfx: "
                           f"{changes.get('pdfx', options.pdfx)!r} is not supported; using "
                           f"{defaults.pdfx}", hint="supported: " + ", ".join(PDFX_VERSIONS)))
        changes["pdfx"] = defaults.pdfx
    if 0 < changes.get("max_ink", options.max_ink) < 100:
        diags.append(error("output-bad-value", f"output setting max_ink: "
                           f"{changes.get('max_ink', options.max_ink)!r} is below 100 % (solid "
                           f"black alone is 100 %); using {defaults.max_ink:g}"))
        changes["max_ink"] = defaults.max_ink
    return (dataclasses.replace(options, **changes) if changes else options), diags
