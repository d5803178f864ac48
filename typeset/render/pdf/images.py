"""Photos for print: plan a placement, decode it at the size needed, separate it to CMYK.

In: an `ImageItem` (source file, crop in upright source pixels, placed size in pt), the file's
`MediaInfo` (read once by `manifest.media_probe`), the output profile and the PDF options.
Out: a `PreparedImage` (JPEG bytes in CMYK or grey, the effective resolution).

`plan_photo` finds the crop and the pixel size to produce (≤ `image_max_ppi` as placed);
`decode_at_size` decodes only what that needs — a JPEG with DCT scaling (`draft()`) at the
smallest scale that still gives at least the target size after the crop, other formats whole,
then `reduce()`d to 1.5–3 × the target size — then orients (EXIF), crops and resamples; `separate` turns
the placed-size pixels into the output's colours (ImageCms) and `render_photo` applies the ink
limit and codes the JPEG. Memory is bounded by the placed size (and a JPEG's decode scale), not
by the camera's. What the desk is told about a placement (resolution, crop) is
`photo_verdict`'s; this module only reports a photo whose pixels cannot be decoded.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import NamedTuple

from PIL import Image, ImageChops, ImageCms, ImageOps

from typeset.diagnostics import Diagnostic, error
from typeset.frame import ImageItem
from typeset.image_io import load_whole
from typeset.model.media import PLAIN, MediaInfo
from typeset.render.pdf.inklimit import jpeg_within_limit
from typeset.render.pdf.profiles import OutputProfile
from typeset.session import current

DCT_SCALES = (8, 4, 2)
"""The JPEG decoder's DCT scales (1/8, 1/4, 1/2), largest first."""
REDUCING_GAP = 1.5
"""A whole-decoded file is `reduce()`d to no less than this many times the placed size before
Lanczos: reducing all the way (1.0) leaves the box filter's aliasing of fine texture above
the PDF's own JPEG noise (ΔE, tests/render/test_photo_preparer.py); 1.5 keeps within it with
the margin the JPEG decoder's 1/8 scale has (mean ΔE 0.38 and 0.48 against 0.60), and holds
a 34-megapixel PNG's reduced copy in 15 MB, not 34 MB (2.0)."""


@dataclass(frozen=True)
class PreparedImage:
    """An image ready for the page: encoded bytes, pixel size, mode and effective ppi."""

    data: bytes
    width: int
    height: int
    mode: str  # "CMYK" or "L"
    ppi: float


class PhotoPlan(NamedTuple):
    """What `render_photo` makes of a placement: the crop (upright pixels, inside the image),
    the pixel size to resample it to (None: kept) and the effective resolution as placed."""

    source: str
    crop: tuple
    size: tuple[int, int] | None
    ppi: float


def _transform(source_icc: bytes | None, in_mode: str, profile: OutputProfile, out_mode: str):
    """A cached ImageCms transform from the image's profile (sRGB/grey when none) to output.

    Built without Little CMS's one-pixel cache (`NOCACHE`), so photo threads can apply the
    same transform at once; the pixels are the same (and it is a little faster on photos)."""
    key = (hashlib.sha256(source_icc or b"").hexdigest(), in_mode, profile.path,
           hashlib.sha256(profile.data).hexdigest(), out_mode)

    def build() -> ImageCms.ImageCmsTransform:
        if source_icc:
            src = ImageCms.ImageCmsProfile(io.BytesIO(source_icc))
        else:
            src = ImageCms.createProfile("sRGB")
        dst = ImageCms.ImageCmsProfile(io.BytesIO(profile.data))
        return ImageCms.buildTransform(
            src, dst, in_mode, out_mode, renderingIntent=ImageCms.Intent.PERCEPTUAL,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION | ImageCms.Flags.NOCACHE)

    # Two threads may build the same transform at once: both are equal, one is kept.
    return current().memo("icc-transforms", limit=64).get_or_make(key, build)


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


def plan_photo(item: ImageItem, media: MediaInfo, max_ppi: float) -> PhotoPlan | None:
    """The crop (clipped to the image) and pixel size to produce for a placement: resampled
    down to `max_ppi` as placed when it is more than 5 % finer (0: never). None when the
    crop is empty (`photo_verdict` reports it)."""
    left, top, right, bottom = item.crop
    clamped = (max(0, left), max(0, top), min(media.width, right), min(media.height, bottom))
    if clamped[2] <= clamped[0] or clamped[3] <= clamped[1]:
        return None
    ppi = effective_ppi(ImageItem(item.x, item.y, item.width, item.height, item.source, clamped,
                                  item.pixel_size))
    size = None
    if max_ppi and ppi > max_ppi * 1.05:
        factor = max_ppi / ppi
        # The width and height Image.crop gives (it rounds the box), scaled.
        cropped = (round(clamped[2]) - round(clamped[0]), round(clamped[3]) - round(clamped[1]))
        size = (max(1, round(cropped[0] * factor)), max(1, round(cropped[1] * factor)))
        ppi = max_ppi
    return PhotoPlan(item.source, clamped, size, ppi)


def dct_scale(plan: PhotoPlan) -> int:
    """The JPEG decode scale for `plan`: the largest of 8, 4, 2 that still leaves the crop at
    least as many pixels as `plan.size` in both directions; 1 when it is kept at full size."""
    if plan.size is None:
        return 1
    left, top, right, bottom = plan.crop
    factor = min((right - left) / plan.size[0], (bottom - top) / plan.size[1])
    return next((s for s in DCT_SCALES if s <= factor), 1)


def decode_bytes(plan: PhotoPlan, media: MediaInfo) -> int:
    """Bytes of pixels `decode_at_size` holds for `plan`, from the header: the whole file's
    pixels at the decode scale (4 bytes a pixel at most)."""
    scale = dct_scale(plan) if media.format == "JPEG" else 1
    return (media.width // scale + 1) * (media.height // scale + 1) * 4


def _stored_box(box: tuple, orientation: int, stored: tuple[int, int]) -> tuple:
    """An upright box in stored (un-rotated) pixel coordinates (EXIF orientation 1–8)."""
    w, h = stored
    left, top, right, bottom = box
    if orientation in (5, 6, 7, 8):
        w, h = h, w  # the upright size
    # Map the two corners with the inverse of the orientation's transpose.
    corners = [_to_stored(x, y, orientation, w, h) for x, y in ((left, top), (right, bottom))]
    xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
    return (xs[0], ys[0], xs[1], ys[1])


def _to_stored(x: float, y: float, orientation: int, w: int, h: int) -> tuple[float, float]:
    """Upright (x, y) of an image upright w × h → the stored pixel grid's coordinates."""
    return {1: (x, y), 2: (w - x, y), 3: (w - x, h - y), 4: (x, h - y),
            5: (y, x), 6: (y, w - x), 7: (h - y, w - x), 8: (h - y, x)}.get(orientation, (x, y))


def decode_at_size(plan: PhotoPlan, media: MediaInfo) -> tuple[Image.Image, bytes | None]:
    """The placement's pixels, upright, cropped and resampled to `plan.size`, and the file's
    ICC profile. A JPEG is decoded at `dct_scale(plan)`; the crop is then cut out of the
    decoded grid (fractional pixels) and resampled with Lanczos; other formats are decoded
    whole, their crop `reduce()`d (to at least 1.5 × `plan.size`) and resampled.

    A CMYK JPEG without an Adobe marker stores plain ink amounts: Pillow reads every CMYK JPEG
    as Adobe-inverted, so such a file is inverted back (as libjpeg and Photoshop read it).
    Raises OSError (or ValueError) when the pixels cannot be decoded."""
    scale = dct_scale(plan) if media.format == "JPEG" else 1
    with Image.open(plan.source) as im:
        source_icc = im.info.get("icc_profile")
        stored = im.size
        if scale > 1:
            im.draft(im.mode, (stored[0] // scale, stored[1] // scale))
        load_whole(im)
        if media.cmyk_convention == PLAIN and im.mode == "CMYK":
            im = ImageChops.invert(im)
        sx, sy = im.width / stored[0], im.height / stored[1]
        if scale > 1 or plan.size is not None:
            # Crop (in stored coordinates) and resample in one step, then orient.
            box = _stored_box(plan.crop, media.orientation, stored)
            box = (box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy)
            turned = media.orientation in (5, 6, 7, 8)
            size = plan.size or (round(plan.crop[2] - plan.crop[0]),
                                 round(plan.crop[3] - plan.crop[1]))
            stored_size = (size[1], size[0]) if turned else size
            im = _resample(im, stored_size, box, reduce_first=scale == 1)
            im = _orient(im, media.orientation)
        else:
            im = _orient(im, media.orientation)
            left, top, right, bottom = plan.crop
            im = im.crop((left, top, min(im.width, right), min(im.height, bottom)))
    return im, source_icc


def _resample(im: Image.Image, size: tuple[int, int], box: tuple, reduce_first: bool
              ) -> Image.Image:
    """`box` of `im` resampled to `size` with Lanczos. `reduce_first` (a file decoded whole):
    the box is first `reduce()`d (a box filter) by the largest whole factor that leaves at
    least 1.5 × `size` (REDUCING_GAP), so Lanczos reads a grid near the placed size, not the
    camera's. Palette and bilevel images are brought to RGB or grey first; 16-bit grey
    (which `reduce()` does not take) is resampled as it is and brought to 8 bits at the placed
    size, by `separate` (converting the whole file first would hold two more copies of it)."""
    if im.mode in ("P", "PA", "1"):
        im = _to_rgb_or_grey(im)
    gap = REDUCING_GAP if reduce_first and not im.mode.startswith(("I", "F")) else None
    return im.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=gap)


_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}


def _orient(im: Image.Image, orientation: int) -> Image.Image:
    """`im` turned upright by its EXIF orientation (as Pillow's ImageOps.exif_transpose)."""
    method = _TRANSPOSE.get(orientation)
    return im.transpose(method) if method is not None else im


def render_photo(plan: PhotoPlan, media: MediaInfo, profile: OutputProfile | None, *,
                 grey: bool, jpeg_quality: int, max_ink: float = 0, page: int | None = None
                 ) -> tuple[PreparedImage | None, list[Diagnostic]]:
    """Decode `plan` at the size needed, separate it and code it: CMYK output is held under
    `max_ink` percent total ink (0: no limit), JPEG noise included
    (`inklimit.jpeg_within_limit`). (None, [error]) when its pixels cannot be decoded."""
    try:
        im, source_icc = decode_at_size(plan, media)
        im, out_mode = separate(im, source_icc, profile, grey)
    except (OSError, ValueError, SyntaxError, ImageCms.PyCMSError) as exc:
        return None, [error("image-unreadable", f"cannot read image {plan.source}: {exc}",
                            hint="save the photo again as JPEG, PNG or TIFF", page=page)]
    if out_mode == "CMYK":
        data = jpeg_within_limit(im, max_ink, int(jpeg_quality))
    else:
        buffer = io.BytesIO()
        im.save(buffer, "JPEG", quality=int(jpeg_quality), optimize=False)
        data = buffer.getvalue()
    return PreparedImage(data, im.width, im.height, out_mode, plan.ppi), []
