"""The photos a composed document places, started before the PDF writer is loaded.

In: a `Document` and the `PdfOptions` it will be written with. Out: `DocumentPhotos`, the
photos being prepared in the background (`imagecache.prepare_images`), which `write_pdf`
takes as its `photos=` argument.

A build calls `start_workers` once its edition is loaded (the photo worker process then
separates the files while the pages are composed) and `start_photos` as soon as its pages are
composed: each placement is then prepared — by the worker, else by threads — while the
writer's library (pikepdf) loads, the fonts are subset and the pages painted, instead of after
all that. Nothing is reported here: the writer finds the same options and profile again and
reports their problems once.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.frame import Document, ImageItem
from typeset.render.pdf import imagecache, photo_workers
from typeset.render.pdf.options import PdfOptions, merge_output
from typeset.render.pdf.profiles import OutputProfile, ProfileError, find_output_profile


@dataclass
class DocumentPhotos:
    """Photos of `document` being prepared for `options` with `profile`."""

    document: Document
    options: PdfOptions
    profile: OutputProfile | None
    prepared: imagecache.PreparedPhotos

    def serves(self, document: Document, options: PdfOptions,
               profile: OutputProfile | None) -> bool:
        """True when these photos were started for this very document, options and profile."""
        same_profile = (profile is None) == (self.profile is None) and (
            profile is None or profile.data == self.profile.data)
        return document is self.document and options == self.options and same_profile

    def cancel(self) -> None:
        """Stop preparing (the PDF will not be written, or was written without them)."""
        self.prepared.cancel()


def _output(options: PdfOptions, output: dict) -> tuple[PdfOptions, OutputProfile | None]:
    """The options merged with a document's `output:` settings, and the output profile (None
    when there is none: the writer reports it)."""
    merged, _ = merge_output(options, output)
    try:
        return merged, find_output_profile(merged.icc_profile)
    except ProfileError:
        return merged, None


def photo_settings(options: PdfOptions) -> dict:
    """`prepare_image`'s keyword options for the (merged) PDF options."""
    return {"grey": options.grey_images, "jpeg_quality": options.jpeg_quality,
            "max_ppi": options.image_max_ppi, "ppi_warn": options.image_ppi_warn,
            "ppi_error": options.image_ppi_error,
            "max_ink": 0 if options.grey_images else options.max_ink}


def placements(pages_items) -> list[tuple[ImageItem, int]]:
    """(image, page number) for every image in `pages_items`, (page number, items) pairs, in
    painting order."""
    return [(item, number) for number, items in pages_items
            for item in items if isinstance(item, ImageItem)]


def start_workers(files: list[str], options: PdfOptions) -> photo_workers.PhotoWorkers | None:
    """Fork photo worker processes for the photo `files` a build will place, once its edition
    is loaded (`photo_workers`): they separate the files while the pages are composed. None
    when every file's photos are kept already, or workers cannot or need not be started."""
    merged, profile = _output(options, {})
    todo = [f for f in files if not imagecache.prepared_before(f)]
    return photo_workers.begin(todo, profile, merged.grey_images,
                               imagecache.photo_workers() - 1)


def start_photos(document: Document, options: PdfOptions) -> DocumentPhotos | None:
    """Start preparing the photos `document` places, as `write_pdf(document, …, options)`
    would; None when there is nothing to prepare or no output profile to separate with."""
    merged, profile = _output(options, document.output or {})
    if profile is None:
        return None  # the writer reports it
    found = placements((page.number, page.items) for page in document.pages)
    if not found:
        return None
    prepared = imagecache.prepare_images(found, profile, photo_settings(merged),
                                         cache=imagecache.CACHE)
    return DocumentPhotos(document, options, profile, prepared)
