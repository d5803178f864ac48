"""What the desk is told about one placed photo: its resolution as placed and its crop, or
that its data is damaged.

In: an `ImageItem` (placed size in pt, crop in upright pixels), the file's `MediaInfo`, the
resolution thresholds and where to address the finding (page, slot, manifest line). Out: the
placement's diagnostics. `paiban check` and `paiban build` both take them from here, once,
after composition (`typeset.photos`), so check refuses what build refuses; `damaged_verdict`
is the one wording of damaged image data (check's decode check, build's preparer).
"""

from __future__ import annotations

from typeset.diagnostics import Diagnostic, SourceRef, error, warning
from typeset.frame import ImageItem
from typeset.model.media import MediaInfo
from typeset.render.pdf.images import effective_ppi


def placement_verdict(item: ImageItem, media: MediaInfo, *, ppi_warn: float, ppi_error: float,
                      page: int | None = None, slot: str | None = None,
                      source: SourceRef | None = None, name: str | None = None
                      ) -> list[Diagnostic]:
    """Crop outside the image (warning) or empty (error); below `ppi_error` as placed (error)
    or below `ppi_warn` (warning). `name` is the photo as the manifest writes it."""
    where = {"page": page, "slot": slot, "source": source}
    shown = name or item.source
    width, height = media.size
    left, top, right, bottom = item.crop
    clamped = (max(0, left), max(0, top), min(width, right), min(height, bottom))
    found: list[Diagnostic] = []
    if clamped != tuple(item.crop):
        found.append(warning(
            "image-crop-outside", f"crop {item.crop} of {shown} lies partly outside the "
            f"image ({width} × {height} px); clipped to the image", **where))
    if clamped[2] <= clamped[0] or clamped[3] <= clamped[1]:
        return found + [error("image-crop-empty", f"crop {item.crop} of {shown} is empty",
                              hint="give a crop inside the photo", **where)]
    ppi = effective_ppi(ImageItem(item.x, item.y, item.width, item.height, item.source, clamped,
                                  item.pixel_size))
    if ppi < ppi_error:
        found.append(error(
            "image-ppi", f"{shown} is only {ppi:.0f} ppi as placed ({width} × {height} px; "
            f"minimum {ppi_error:.0f})", hint="use a larger original or place the photo "
            "smaller", data=(("ppi", round(ppi, 1)),), **where))
    elif ppi < ppi_warn:
        found.append(warning(
            "image-ppi", f"{shown} is {ppi:.0f} ppi as placed (recommended {ppi_warn:.0f} or "
            f"more)", hint="a larger original prints sharper", data=(("ppi", round(ppi, 1)),),
            **where))
    return found


DAMAGED_HINT = "copy the file again from the original, or save it again from the photo program"


def damaged_verdict(problem: str, *, page: int | None = None, slot: str | None = None,
                    source: SourceRef | None = None, name: str | None = None) -> Diagnostic:
    """The error for a file whose image data does not decode: `problem` is what
    `media_probe.decode_problem` says ("has damaged image data: …"), `name` the file as the
    manifest writes it."""
    return error("image-unreadable", f"{name} {problem}", page=page, slot=slot, source=source,
                 hint=DAMAGED_HINT)
