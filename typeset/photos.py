"""The photo side of the pipeline: probe the edition's media, give one verdict, start the preparer.

In: a loaded `Edition` (then its composed `Document` and the `PdfOptions`). Out:
- `edition_media(edition)`: {file path → MediaInfo} for every photo and image ad it places,
  and the file's problems at the manifest line of its slot — cut off, a wrong or damaged ICC
  profile, damaged image data (a cheap decode, remembered by the file's digest in the photo
  store), transparency flattened onto paper white;
- `placement_verdicts(edition, document, options)`: each placed photo's resolution and crop,
  at its slot's manifest line;
- `start_preparing(document, options)`: every placement submitted to the session's preparer,
  so the photos are prepared while the PDF writer loads, subsets fonts and paints.

`paiban check` and `paiban build` both call the first two (in `pipeline.compose`), so check
refuses exactly what build refuses; the PDF writer then reports no photo verdict again.
"""

from __future__ import annotations

import contextvars
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from typeset.diagnostics import Diagnostic, SourceRef, error, warning
from typeset.frame import Document, ImageItem
from typeset.manifest.media_probe import probe, scan_problem
from typeset.model.edition import Edition
from typeset.model.media import MediaInfo

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
"""Ad files placed as images (others, e.g. PDF ads, are not photos)."""

Address = tuple[int, str, SourceRef | None, str]
"""(page number, slot id, manifest position, the file as written) of one placement."""


def placed_files(edition: Edition) -> dict[str, list[Address]]:
    """Every photo and image-ad file the edition places (absolute-ish path as composition
    names it) → where, in page order."""
    found: dict[str, list[Address]] = {}
    for page in edition.pages:
        for slot in page.slots:
            if slot.photo is not None:
                found.setdefault(str(Path(edition.folder) / slot.photo.file), []).append(
                    (page.number, slot.id, slot.photo.source or slot.source, slot.photo.file))
            if slot.ad_file and slot.ad_file.lower().endswith(IMAGE_SUFFIXES):
                found.setdefault(str(Path(edition.folder) / slot.ad_file), []).append(
                    (page.number, slot.id, slot.source, slot.ad_file))
    return found


def edition_media(edition: Edition) -> tuple[dict[str, MediaInfo], list[Diagnostic]]:
    """The probed media of every placed file and their file-level diagnostics (one per file,
    at its first slot). A file with a `problem` is composed as a crossed frame."""
    files = placed_files(edition)
    media = {path: probe(path) for path in files}
    store = _store()
    unknown = [m for m in media.values() if m.printable and not (
        store is not None and store.verified(m.digest))]
    if unknown:  # decoders release Python's lock: both cores decode
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="typeset-scan") as pool:
            futures = [pool.submit(contextvars.copy_context().run, scan_problem, m)
                       for m in unknown]  # each in the build's session
            problems = {m.path: f.result() for m, f in zip(unknown, futures)}
        for m in unknown:
            if problems[m.path]:
                media[m.path] = _with_problem(m, problems[m.path])
            elif store is not None:
                store.mark_verified(m.digest)
    diags: list[Diagnostic] = []
    for path, places in files.items():
        m = media[path]
        number, slot, source, written = places[0]
        where = {"page": number, "slot": slot, "source": source}
        if not m.readable:
            continue  # refused when the manifest was read
        if m.problem:
            diags.append(error(m.code or "image-unreadable", f"{written} {m.problem}",
                               hint=m.hint, **where))
        elif m.transparent:
            how = "an alpha channel" if m.mode in ("RGBA", "LA", "PA", "RGBa", "La") \
                else "a transparent colour"
            diags.append(warning(
                "image-transparency", f"{written} has transparency ({how}): transparent "
                "areas are flattened onto paper white", hint="save the photo without "
                "transparency if the white is not meant", **where))
    return media, diags


def _with_problem(media: MediaInfo, problem: str) -> MediaInfo:
    from dataclasses import replace

    return replace(media, problem=problem, code="image-unreadable", hint="copy the file again "
                   "from the original, or save it again from the photo program")


def _store():
    from typeset.render.pdf.photo_preparer import preparer

    return preparer().store()


def image_sizes(media: dict[str, MediaInfo]) -> dict[str, tuple[int, int] | None]:
    """{path → upright size, or None for a file that cannot be printed}."""
    return {path: (m.size if m.printable else None) for path, m in media.items()}


def placement_verdicts(edition: Edition, document: Document, options
                       ) -> list[Diagnostic]:
    """The resolution and crop verdict of every distinct placement, at its slot (once per
    placement, in page order); `options` are the merged `PdfOptions`."""
    from typeset.render.pdf.options import merge_output
    from typeset.render.pdf.photo_preparer import placement_key
    from typeset.render.pdf.photo_verdict import placement_verdict

    options, _ = merge_output(options, document.output or {})  # the writer reports its problems
    files = placed_files(edition)
    seen: set[tuple] = set()
    diags: list[Diagnostic] = []
    for page in document.pages:
        for item in page.items:
            if not isinstance(item, ImageItem):
                continue
            key = placement_key(item)
            if key in seen:
                continue
            seen.add(key)
            places = files.get(item.source, [])
            here = [p for p in places if p[0] == page.number] or places
            number, slot, source, written = here[0] if here else (page.number, None, None,
                                                                  None)
            diags += placement_verdict(item, probe(item.source),
                                       ppi_warn=options.image_ppi_warn,
                                       ppi_error=options.image_ppi_error, page=number,
                                       slot=slot, source=source, name=written)
    return diags


def start_preparing(document: Document, options) -> None:
    """Submit every placement of `document` to the session's preparer (the writer then finds
    them started); nothing when there is no output profile (the writer reports it)."""
    from typeset.render.pdf.options import merge_output
    from typeset.render.pdf.photo_preparer import photo_settings, preparer
    from typeset.render.pdf.profiles import ProfileError, find_output_profile

    merged, _ = merge_output(options, document.output or {})
    try:
        profile = find_output_profile(merged.icc_profile)
    except ProfileError:
        return
    settings = photo_settings(merged)
    photos = preparer()
    for page in document.pages:
        for item in page.items:
            if isinstance(item, ImageItem):
                media = probe(item.source)
                if media.printable:
                    photos.submit(item, media, profile, settings, page.number)
