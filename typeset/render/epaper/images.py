"""Pictures of the e-paper: page images and thumbnails rendered from the PDF, web photos.

In: the PDF written from the composition (pypdfium2 renders each page's trim box — what the
reader of the paper sees — at ≈150 dpi), and the photos' source files with the crop the
composition placed. Out: RGB JPEG files; the same input gives the same bytes (no metadata, no
timestamps).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

PAGE_DPI = 150
THUMB_WIDTH = 240
PHOTO_MAX = 1200
"""Longest side of a web photo, in pixels."""
JPEG = dict(quality=82, optimize=True, subsampling=0)
"""4:4:4: small black text stays sharp (4:2:0 would blur it at 150 dpi)."""
PHOTO_JPEG = dict(quality=82, optimize=True, progressive=True)


class ImageProblem(Exception):
    """A page or photo could not be made (the message says which and why)."""


def render_pages(pdf_path: Path, targets: list[tuple[Path, Path]], dpi: int = PAGE_DPI
                 ) -> list[tuple[int, int]]:
    """Render page i of the PDF (its trim box) to targets[i] = (page image, thumbnail);
    return each page image's (width, height) in pixels."""
    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise ImageProblem(f"cannot open {pdf_path}: {exc}") from None
    sizes = []
    try:
        if len(pdf) < len(targets):
            raise ImageProblem(f"{pdf_path} has {len(pdf)} pages, {len(targets)} expected")
        for index, (image_path, thumb_path) in enumerate(targets):
            page = pdf[index]
            try:
                image = _render_trim(page, dpi)
            finally:
                page.close()
            image.save(image_path, "JPEG", **JPEG)
            thumb = image.resize((THUMB_WIDTH, round(image.height * THUMB_WIDTH / image.width)),
                                 Image.LANCZOS)
            thumb.save(thumb_path, "JPEG", **JPEG)
            sizes.append(image.size)
    finally:
        pdf.close()
    return sizes


def _render_trim(page, dpi: int) -> Image.Image:
    """The page's trim box (else its crop box) as an RGB image at `dpi`."""
    media = page.get_mediabox()
    trim = page.get_trimbox()
    crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
    bitmap = page.render(scale=dpi / 72.0, crop=tuple(max(0.0, c) for c in crop),
                         may_draw_forms=False)
    return bitmap.to_pil().convert("RGB")


def web_photo(source: str, crop: tuple[int, int, int, int], target: Path
              ) -> tuple[int, int]:
    """The placed part of a photo (`crop`, in pixels after EXIF rotation) as an RGB JPEG whose
    longest side is at most PHOTO_MAX; returns its (width, height)."""
    try:
        with Image.open(source) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except Exception as exc:  # noqa: BLE001 - any decoder failure: the photo is left out
        raise ImageProblem(f"cannot read photo {source}: {exc}") from None
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    left, top, right, bottom = crop
    if 0 <= left < right <= image.width and 0 <= top < bottom <= image.height:
        image = image.crop((left, top, right, bottom))
    scale = min(1.0, PHOTO_MAX / max(image.size))
    if scale < 1.0:
        image = image.resize((max(1, round(image.width * scale)),
                              max(1, round(image.height * scale))), Image.LANCZOS)
    image.convert("RGB").save(target, "JPEG", **PHOTO_JPEG)
    return image.size
