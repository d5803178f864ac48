"""The photo side of the pipeline: probe the edition's media, give one verdict, start the preparer.

In: a loaded `Edition` (then its composed `Document` and the `PdfOptions`). Out:
- `edition_media(edition)`: {file path → MediaInfo} for every photo and image ad it places,
  and the file's problems at the manifest line of its slot — cut off, a wrong or damaged ICC
  profile, transparency flattened onto paper white — and (`decode_check`) the decode check
  started (a cheap decode, remembered by the file's digest in the photo store) while the pages
  are composed;
- `photo_verdicts(edition, document, options)`: damaged image data found by that check, and
  each placed photo's resolution and crop, at its slot's manifest line;
- `start_preparing(document, options, edition)`: every placement submitted to the session's
  preparer, so the photos are prepared while the PDF writer loads, subsets fonts and paints.

`paiban check` and `paiban build` both call the first two (in `pipeline.compose`), so check
refuses exactly what build refuses; the PDF writer then reports no photo verdict again. A
build skips the separate decode check (`decode_check=False`): the preparer's own decode, at
the placed size, reads every coded byte too, and a file it cannot decode gets check's verdict
(`media_probe.decode_problem`, `photo_verdict.damaged_verdict`) at its first slot, from the
writer — a JPEG is decoded once, not twice. A build stopped by other errors before it prepares
any photo runs the skipped checks then (`skipped_decode_verdicts`), so it names every damaged
file as check does.
"""

from __future__ import annotations

import contextvars
from pathlib import Path

from typeset.diagnostics import Diagnostic, SourceRef, error, warning
from typeset.frame import Document, ImageItem
from typeset.manifest.media_probe import known_problem, probe, scan_problem
from typeset.model.edition import Edition
from typeset.model.media import MediaInfo
from typeset.session import current

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


def edition_media(edition: Edition, progress=None, decode_check: bool = True
                  ) -> tuple[dict[str, MediaInfo], list[Diagnostic]]:
    """The probed media of every placed file and their header-level diagnostics (one per
    file, at its first slot). A file with a `problem` is composed as a crossed frame.

    With `decode_check`, the decode check of each file not known good
    (`media_probe.scan_problem`) is started on two threads here and runs while the pages are
    composed (decoders release Python's lock); `photo_verdicts` reports what it finds.
    `progress` gets one line per file (a terminal shows them)."""
    files = placed_files(edition)
    media = {}
    for path, places in files.items():
        media[path] = found = probe(path)
        if progress is not None:
            progress(f"photo {places[0][3]}: " + (f"{found.width}×{found.height} px"
                                                  if found.printable else "cannot be read"))
    _start_scans(edition, media if decode_check else {})
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


def _start_scans(edition: Edition, media: dict[str, MediaInfo]) -> None:
    """Start the decode check of every file in `media` not known good, on two threads."""
    store = _store()
    unknown = [m for m in media.values() if m.printable and not (
        store is not None and store.verified(m.digest))]
    pending = {}
    if unknown:
        from concurrent.futures import ThreadPoolExecutor  # check only: a build skips the scans

        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="typeset-scan")
        pending = {m.path: pool.submit(contextvars.copy_context().run, scan_problem, m)
                   for m in unknown}  # each in the build's session
        pool.shutdown(wait=False)
    current().memo("photo-scans").put(edition.folder, pending)


def skipped_decode_verdicts(edition: Edition) -> list[Diagnostic]:
    """The decode checks a build left to its preparer (`decode_check=False`), run now: when
    the build stops on other errors before preparing any photo, it still names every damaged
    file, as check does."""
    _start_scans(edition, {path: probe(path) for path in placed_files(edition)})
    return scan_verdicts(edition)


def scan_verdicts(edition: Edition) -> list[Diagnostic]:
    """The decode checks `edition_media` started, waited for: an error per damaged file at
    its first slot; files found whole are noted in the photo store (a later check or build
    does not decode them again)."""
    from typeset.render.pdf.photo_verdict import damaged_verdict

    pending = current().memo("photo-scans").get(edition.folder) or {}
    current().memo("photo-scans").put(edition.folder, {})
    files = placed_files(edition)
    store = _store()
    diags: list[Diagnostic] = []
    for path, future in pending.items():
        problem = future.result()
        media = probe(path)
        if not problem:
            if store is not None:
                store.mark_verified(media.digest)
            continue
        number, slot, source, written = files[path][0]
        diags.append(damaged_verdict(problem, page=number, slot=slot, source=source,
                                     name=written))
    return diags


def _store():
    from typeset.render.pdf.photo_preparer import preparer

    return preparer().store()


def photo_verdicts(edition: Edition, document: Document, options) -> list[Diagnostic]:
    """After composition: the decode checks (`scan_verdicts`), then the resolution and crop
    verdict of every distinct placement, at its slot (once per placement, in page order);
    `options` are the edition's `PdfOptions` (merged here with the document's `output:`)."""
    from typeset.render.pdf.options import merge_output
    from typeset.render.pdf.photo_preparer import placement_key
    from typeset.render.pdf.photo_verdict import placement_verdict

    options, _ = merge_output(options, document.output or {})  # the writer reports its problems
    files = placed_files(edition)
    seen: set[tuple] = set()
    diags = scan_verdicts(edition)
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
            media = probe(item.source)
            if media.problem:
                continue  # no size to judge: reported once, above
            # A file whose data is damaged is still judged by its header's size, as a build
            # judges it before its decode (in the preparer) finds the damage.
            diags += placement_verdict(item, media,
                                       ppi_warn=options.image_ppi_warn,
                                       ppi_error=options.image_ppi_error, page=number,
                                       slot=slot, source=source, name=written)
    return diags


def start_preparing(document: Document, options, edition: Edition | None = None) -> None:
    """Submit every placement of `document` to the session's preparer (the writer then finds
    them started); nothing when there is no output profile (the writer reports it). With the
    `edition`, a file that does not decode is reported at its first slot, once
    (`photo_verdict.damaged_verdict`)."""
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
    files = placed_files(edition) if edition is not None else {}
    reported: set[str] = set()
    with photos.batch():  # all queued before the largest starts
        for page in document.pages:
            for item in page.items:
                if not isinstance(item, ImageItem):
                    continue
                media = probe(item.source)
                if known_problem(media):
                    continue
                where = None
                if item.source in files:  # worded at the file's first slot, by one placement
                    number, slot, source, written = files[item.source][0]
                    where = {"page": number, "slot": slot, "source": source, "name": written}
                    if item.source in reported:
                        where = {}
                    reported.add(item.source)
                photos.submit(item, media, profile, settings, page.number, where=where)
