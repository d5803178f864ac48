"""Photos for print: open safely, orient, crop, resample, separate to the output CMYK (or grey).

In: an `ImageItem` (source file, crop in upright source pixels, placed size in pt), the output
profile and the PDF options. Out: a `PreparedImage` (JPEG bytes in CMYK or grey, the effective
resolution) plus diagnostics (missing or unreadable file, too many pixels, low resolution).
Pixels are separated here with Pillow's ImageCms so that the PDF never carries RGB.

Two steps: `plan_image` reads only the file's header (size, orientation) and finds every
placement problem and the pixel size to produce, cheaply and in the calling process;
`render_image` does the costly pixel work of a plan (a worker thread may run it, and its
result may come from the on-disk `photostore`). `prepare_image` is both in one call.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from dataclasses import dataclass
from typing import NamedTuple

from PIL import Image, ImageCms, ImageOps

from typeset.diagnostics import Diagnostic, error, warning
from typeset.frame import ImageItem
from typeset.render.pdf.inklimit import jpeg_within_limit
from typeset.render.pdf.profiles import OutputProfile

MAX_PIXELS = 120_000_000
"""Refuse images with more pixels than this (decompression-bomb guard, ~ 11,000 × 11,000)."""
EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class PreparedImage:
    """An image ready for the page: encoded bytes, pixel size, mode and effective ppi."""

    data: bytes
    width: int
    height: int
    mode: str  # "CMYK" or "L"
    ppi: float


class PhotoPlan(NamedTuple):
    """What `render_image` makes of a photo file: the crop (upright pixels, inside the image),
    the pixel size to resample it to (None: kept) and the effective resolution as placed."""

    source: str
    crop: tuple
    size: tuple[int, int] | None
    ppi: float


_TRANSFORMS: dict[tuple, ImageCms.ImageCmsTransform] = {}
_TRANSFORMS_LOCK = threading.Lock()


def _transform(source_icc: bytes | None, in_mode: str, profile: OutputProfile, out_mode: str):
    """A cached ImageCms transform from the image's profile (sRGB/grey when none) to output.

    Built without Little CMS's one-pixel cache (`NOCACHE`), so photo threads can apply the
    same transform at once; the pixels are the same (and it is a little faster on photos)."""
    key = (hashlib.sha256(source_icc or b"").hexdigest(), in_mode, profile.path,
           hashlib.sha256(profile.data).hexdigest(), out_mode)
    with _TRANSFORMS_LOCK:
        cached = _TRANSFORMS.get(key)
        if cached is None:
            if source_icc:
                src = ImageCms.ImageCmsProfile(io.BytesIO(source_icc))
            else:
                src = ImageCms.createProfile("sRGB")
            dst = ImageCms.ImageCmsProfile(io.BytesIO(profile.data))
            cached = _TRANSFORMS[key] = ImageCms.buildTransform(
                src, dst, in_mode, out_mode, renderingIntent=ImageCms.Intent.PERCEPTUAL,
                flags=ImageCms.Flags.BLACKPOINTCOMPENSATION | ImageCms.Flags.NOCACHE)
    return cached


def effective_ppi(item: ImageItem) -> float:
    """The lower of the horizontal and vertical effective resolutions of the placed crop."""
    left, top, right, bottom = item.crop
    if item.width <= 0 or item.height <= 0:
        return 0.0
    return min((right - left) / (item.width / 72.0), (bottom - top) / (item.height / 72.0))


def _to_rgb_or_grey(im: Image.Image) -> Image.Image:
    """Flatten alpha onto white paper and bring odd modes to RGB, L or CMYK."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    if im.mode in ("RGB", "L", "CMYK"):
        return im
    if im.mode in ("1",):
        return im.convert("L")
    if im.mode.startswith("I;16") or im.mode == "I":
        return im.point(lambda v: v / 256).convert("L")
    return im.convert("RGB")


def _open(source: str, where: dict) -> tuple[Image.Image | None, list[Diagnostic]]:
    """The image, opened lazily (header read), or an error: missing, unreadable, too large."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(source)
    except FileNotFoundError:
        return None, [error("image-missing", f"image file {source} not found",
                            hint="check the path in the story's image entry", **where)]
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        return None, [error("image-unreadable", f"cannot read image {source}: {exc}",
                            hint="save the photo again as JPEG, PNG or TIFF", **where)]
    if im.width * im.height > MAX_PIXELS:
        im.close()
        return None, [error(
            "image-too-large", f"{source} has {im.width} × {im.height} pixels, more "
            f"than the {MAX_PIXELS:,} allowed", hint="downsample the photo first", **where)]
    return im, []


def _upright_size(im: Image.Image) -> tuple[int, int]:
    """Width and height once the EXIF orientation is applied (from the header only)."""
    try:
        orientation = im.getexif().get(EXIF_ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block: exif_transpose ignores it too
        orientation = 1
    return (im.height, im.width) if orientation in (5, 6, 7, 8) else (im.width, im.height)


def plan_image(item: ImageItem, *, max_ppi: float, ppi_warn: float, ppi_error: float,
               page: int | None = None) -> tuple[PhotoPlan | None, list[Diagnostic]]:
    """The plan for one placed image from its file's header, and the placement's diagnostics
    (missing or unreadable file, too many pixels, crop outside the image, low resolution).

    Returns (None, [error, …]) when there is nothing to render."""
    where = {"page": page}
    im, diags = _open(item.source, where)
    if im is None:
        return None, diags
    with im:
        width, height = _upright_size(im)
    left, top, right, bottom = item.crop
    clamped = (max(0, left), max(0, top), min(width, right), min(height, bottom))
    if clamped != tuple(item.crop):
        diags.append(warning(
            "image-crop-outside", f"crop {item.crop} of {item.source} lies partly outside the "
            f"image ({width} × {height} px); clipped to the image", **where))
    if clamped[2] <= clamped[0] or clamped[3] <= clamped[1]:
        return None, diags + [error("image-crop-empty", f"crop {item.crop} of {item.source} is "
                                    f"empty", **where)]
    ppi = effective_ppi(ImageItem(item.x, item.y, item.width, item.height, item.source, clamped,
                                  item.pixel_size))
    if ppi < ppi_error:
        diags.append(error(
            "image-ppi", f"{item.source} is only {ppi:.0f} ppi as placed (minimum "
            f"{ppi_error:.0f})", hint="use a larger original or place the photo smaller", **where,
            data=(("ppi", round(ppi, 1)),)))
    elif ppi < ppi_warn:
        diags.append(warning(
            "image-ppi", f"{item.source} is {ppi:.0f} ppi as placed (recommended "
            f"{ppi_warn:.0f} or more)", hint="a larger original prints sharper", **where,
            data=(("ppi", round(ppi, 1)),)))
    size = None
    if max_ppi and ppi > max_ppi * 1.05:
        factor = max_ppi / ppi
        # The width and height Image.crop gives (it rounds the box), scaled.
        cropped = (round(clamped[2]) - round(clamped[0]), round(clamped[3]) - round(clamped[1]))
        size = (max(1, round(cropped[0] * factor)), max(1, round(cropped[1] * factor)))
        ppi = max_ppi
    return PhotoPlan(item.source, clamped, size, ppi), diags


def decode_upright(source: str, page: int | None = None
                   ) -> tuple[Image.Image | None, bytes | None, list[Diagnostic]]:
    """The decoded pixels of `source`, turned upright by its EXIF orientation, and its
    embedded ICC profile; (None, None, [error]) when they cannot be decoded."""
    where = {"page": page}
    im, diags = _open(source, where)
    if im is None:
        return None, None, diags
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im.load()
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        return None, None, [error("image-unreadable", f"cannot read image {source}: {exc}",
                                  hint="save the photo again as JPEG, PNG or TIFF", **where)]
    source_icc = im.info.get("icc_profile")
    return ImageOps.exif_transpose(im), source_icc, diags


def separate(im: Image.Image, source_icc: bytes | None, profile: OutputProfile | None,
             grey: bool) -> tuple[Image.Image, str]:
    """`im` in the output's colours and that mode: "L" when `grey`, else "CMYK" through
    `profile` (alpha flattened onto white paper; a grey photo prints on the black plate only).

    Pixel by pixel: separating a whole image and cropping it gives the same pixels as
    separating the crop."""
    im = _to_rgb_or_grey(im)
    if grey:
        if im.mode == "CMYK":
            if source_icc and profile is not None:
                im = _transform(source_icc, "CMYK", profile, "CMYK").apply(im)
            im = im.convert("RGB")
        return (im.convert("L") if im.mode != "L" else im), "L"
    if im.mode == "L":
        k = ImageOps.invert(im)
        zero = Image.new("L", im.size, 0)
        im = Image.merge("CMYK", (zero, zero, zero, k))
    elif im.mode == "RGB":
        im = _transform(source_icc, "RGB", profile, "CMYK").apply(im)
    elif source_icc and source_icc != profile.data:
        im = _transform(source_icc, "CMYK", profile, "CMYK").apply(im)
    return im, "CMYK"


def render_image(plan: PhotoPlan, profile: OutputProfile | None, *, grey: bool,
                 jpeg_quality: int, max_ink: float = 0, page: int | None = None,
                 separated: tuple[Image.Image, str] | None = None
                 ) -> tuple[PreparedImage | None, list[Diagnostic]]:
    """Decode, orient, crop, resample and separate the photo of `plan`; CMYK output is held
    under `max_ink` percent total ink (0: no limit), JPEG noise included
    (`inklimit.jpeg_within_limit`). (None, [error]) when its pixels cannot be decoded.

    `separated`: the file's whole upright image already separated for this profile and
    `grey` (`separate`); used when the plan keeps the pixel size (it is only cropped)."""
    left, top, right, bottom = plan.crop  # inside the upright size the header gave
    if separated is not None and plan.size is None:
        im, out_mode = separated
        im = im.crop((left, top, min(im.width, right), min(im.height, bottom)))
        diags: list[Diagnostic] = []
    else:
        im, source_icc, diags = decode_upright(plan.source, page)
        if im is None:
            return None, diags
        im = im.crop((left, top, min(im.width, right), min(im.height, bottom)))
        if plan.size is not None:
            im = im.resize(plan.size, Image.Resampling.LANCZOS)
        im, out_mode = separate(im, source_icc, profile, grey)
    if out_mode == "CMYK":
        data = jpeg_within_limit(im, max_ink, int(jpeg_quality))
    else:
        buffer = io.BytesIO()
        im.save(buffer, "JPEG", quality=int(jpeg_quality), optimize=False)
        data = buffer.getvalue()
    return PreparedImage(data, im.width, im.height, out_mode, plan.ppi), diags


def prepare_image(
    item: ImageItem, profile: OutputProfile | None, *, grey: bool, jpeg_quality: int, max_ppi: float,
    ppi_warn: float, ppi_error: float, page: int | None = None, max_ink: float = 0,
) -> tuple[PreparedImage | None, list[Diagnostic]]:
    """`plan_image` then `render_image`: the prepared image and all diagnostics.

    Returns (None, [error]) when the file is missing, unreadable or too large."""
    plan, diags = plan_image(item, max_ppi=max_ppi, ppi_warn=ppi_warn, ppi_error=ppi_error,
                             page=page)
    if plan is None:
        return None, diags
    image, problems = render_image(plan, profile, grey=grey, jpeg_quality=jpeg_quality,
                                   max_ink=max_ink, page=page)
    return image, diags + problems
