"""Output settings (`output:` of a layout or an edition) as a frozen, validated value.

In: the values `typeset.manifest.output_settings` read and checked (each at its file:line).
Out: `OutputSettings`: only the keys the desk set (None = not set: the backend's default),
with where each was written; `over(other)` lays an edition's settings over a layout's, key by
key. It reads like a mapping of the set keys (`get`, `keys`, `dict(settings)`), which is what
the PDF backend takes (`pdf_values`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from typeset.diagnostics import SourceRef

PDFX_VERSIONS = ("PDF/X-1a:2003", "PDF/X-1a:2001", "PDF/X-4")
"""What the PDF writer can mark its files as (the same list as render.pdf.options)."""
PDF_KEYS = ("pdfx", "icc_profile", "output_condition", "slug", "marks", "jpeg_quality",
            "image_ppi_warn", "image_ppi_error", "image_max_ppi", "grey_images", "max_ink")
"""The settings the PDF backend takes (fields of render.pdf.PdfOptions)."""


@dataclass(frozen=True)
class OutputSettings:
    """The `output:` settings written (None: not written, the default applies)."""

    pdfx: str | None = None
    icc_profile: str | None = None
    """Output CMYK profile, a path relative to the project folder (or absolute)."""
    output_condition: str | None = None
    slug: str | None = None
    marks: bool | None = None
    jpeg_quality: int | None = None
    image_ppi_warn: float | None = None
    image_ppi_error: float | None = None
    image_max_ppi: float | None = None
    grey_images: bool | None = None
    max_ink: float | None = None
    split_name: str | None = None
    """`build --split` file names (model.split_names)."""
    sources: tuple[tuple[str, SourceRef], ...] = ()
    """(key, where its value was written) for every key set."""

    def keys(self) -> list[str]:
        """The keys that were set, in field order."""
        return [f.name for f in fields(self) if f.name != "sources"
                and getattr(self, f.name) is not None]

    def __getitem__(self, key: str):
        value = getattr(self, key, None) if key != "sources" else None
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self.keys()

    def __iter__(self):
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def __bool__(self) -> bool:
        return bool(self.keys())

    def get(self, key: str, default=None):
        """The value of `key` when set, else `default`."""
        value = getattr(self, key, None) if key != "sources" else None
        return default if value is None else value

    def source(self, key: str) -> SourceRef | None:
        """Where `key` was written."""
        return dict(self.sources).get(key)

    def over(self, base: OutputSettings) -> OutputSettings:
        """These settings laid over `base` (an edition's over its layout's), key by key."""
        if not self:
            return base
        values = {k: self[k] for k in self.keys()}
        sources = dict(base.sources)
        sources.update(self.sources)
        return replace(base, **values, sources=tuple(sources.items()))

    def pdf_values(self) -> dict:
        """The set keys the PDF backend takes, as plain values."""
        return {k: self[k] for k in self.keys() if k in PDF_KEYS}
