"""Photo and image-ad files probed once: header → `MediaInfo`, and the one decode check.

In: a file path. Out: a frozen `typeset.model.media.MediaInfo` (upright size, format, colour
mode, ICC kind and whether it matches the pixels, transparency, the Adobe CMYK convention, the
file's key and digest) with `problem` set when the file cannot be printed; `scan_problem`
decodes the coded data cheaply (a JPEG at 1/8 scale: the entropy-coded data is read whole, the
inverse DCT mostly skipped) and says whether it is damaged.

Limits are constants passed where used: Pillow's global limit (Image.MAX_IMAGE_PIXELS) is never
assigned (its warning is silenced here; the size is checked from the header against
MAX_PIXELS and MAX_SIDE before any pixel is decoded), so a verdict does not depend on what the
process read before. Results are memoised in the build session by `session.file_key`.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from typeset.image_io import load_whole
from typeset.model.media import ADOBE_INVERTED, PLAIN, MediaInfo
from typeset.session import current, file_key

MAX_PIXELS = 120_000_000
"""Most pixels a photo may have (≈ 11,000 × 11,000): more is refused from the header."""
MAX_SIDE = 65_500
"""Longest side in pixels (JPEG's own limit is 65,535); a 1 × 50,000,000 PNG is refused
unread instead of taking ~1 GB to decode."""
IMAGE_FORMATS = ("JPEG", "PNG", "TIFF")
EXIF_ORIENTATION = 0x0112
JPEG_TAIL = 65536
"""Bytes at the end of a JPEG searched for its end-of-image marker."""

# Pillow warns above its own limit (89 M pixels); the check against MAX_PIXELS is ours.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

_ICC_SPACES = {b"RGB ": "RGB", b"GRAY": "GRAY", b"CMYK": "CMYK"}
_MODE_SPACE = {"RGB": "RGB", "RGBA": "RGB", "RGBX": "RGB", "P": "RGB", "PA": "RGB",
               "L": "GRAY", "LA": "GRAY", "1": "GRAY", "I": "GRAY", "F": "GRAY",
               "I;16": "GRAY", "I;16B": "GRAY", "I;16L": "GRAY", "I;16N": "GRAY",
               "CMYK": "CMYK"}
REPLACE_HINT = "replace it with a JPEG, PNG or TIFF photo"


def probe(path: str | os.PathLike) -> MediaInfo:
    """The file at `path` as its header describes it (memoised per file state)."""
    key = file_key(path)
    return current().memo("media-probe").get_or_make((str(path), key),
                                                      lambda: _probe(str(path), key))


def _bad(path: str, key, problem: str, hint: str = REPLACE_HINT, fmt: str = "",
         size: tuple[int, int] = (0, 0), code: str = "image-unreadable") -> MediaInfo:
    return MediaInfo(path, fmt, size[0], size[1], size, 1, "", key=key, problem=problem,
                     hint=hint, readable=False, code=code)


def _probe(path: str, key) -> MediaInfo:
    with warnings.catch_warnings():  # even where warnings are made errors (python -W error)
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return _read_header(path, key)


def _read_header(path: str, key) -> MediaInfo:
    if key is None:
        return _bad(path, None, "not found", "check the file name in the manifest",
                    code="image-missing")
    try:
        with Image.open(path) as im:
            fmt, stored, mode, info = im.format, im.size, im.mode, dict(im.info)
            if stored[0] > MAX_SIDE or stored[1] > MAX_SIDE or \
                    stored[0] * stored[1] > MAX_PIXELS:
                return _bad(path, key, f"has {stored[0]} × {stored[1]} pixels, more than the "
                            f"safety limit of {MAX_PIXELS:,} pixels ({MAX_SIDE:,} a side; too "
                            "large to place safely)", "downsample the photo first", fmt, stored,
                            "image-too-large")
            try:
                orientation = int(_exif(im).get(EXIF_ORIENTATION, 1))
            except Exception:  # noqa: BLE001 - a broken EXIF block: ignored, as exif_transpose does
                orientation = 1
    except Image.DecompressionBombError:
        return _bad(path, key, f"has more pixels than the safety limit of {MAX_PIXELS:,} (too "
                    "large to place safely; a decompression bomb?)", "downsample the photo first",
                    code="image-too-large")
    except UnidentifiedImageError:
        return _bad(path, key, "is not an image (not a readable JPEG, PNG or TIFF)")
    except Exception as exc:  # noqa: BLE001 - any decoder failure is a bad image for the desk
        return _bad(path, key, f"cannot be read as an image ({type(exc).__name__}: {exc})")
    verified = ""
    if fmt in IMAGE_FORMATS:
        try:
            with Image.open(path) as im:  # verify() must come straight after open
                im.verify()
        except Exception as exc:  # noqa: BLE001 - chunks cut off or damaged: crossed out
            verified = f"is not a readable image ({type(exc).__name__}: {exc})"
    if fmt not in IMAGE_FORMATS:
        return _bad(path, key, f"is a {fmt} image; use JPEG, PNG or TIFF", fmt=fmt, size=stored)
    if stored[0] < 1 or stored[1] < 1:
        return _bad(path, key, "has no pixels", fmt=fmt, size=stored)
    upright = (stored[1], stored[0]) if orientation in (5, 6, 7, 8) else stored
    icc_bytes = info.get("icc_profile") or b""
    icc, matches, problem, hint = _icc(icc_bytes, mode)
    code = "image-icc" if problem else ""
    transparent = mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in info
    convention = ""
    if fmt == "JPEG" and mode == "CMYK":
        convention = ADOBE_INVERTED if "adobe" in info else PLAIN
    if not problem and verified:
        problem, hint, code = verified, REPLACE_HINT, "image-unreadable"
    if not problem and fmt == "JPEG" and not _jpeg_ends(path):
        problem = ("is cut off (it has no JPEG end marker): it was not copied whole, and the "
                   "final build cannot decode it")
        hint = "copy the file again from the original"
        code = "image-unreadable"
    return MediaInfo(path, fmt, upright[0], upright[1], stored, orientation, mode, icc,
                     matches, transparent, convention, key, _digest(path), problem=problem,
                     hint=hint, code=code)


def _exif(im: Image.Image) -> Image.Exif:
    """The EXIF block read from the file's header. A PNG's is its eXIf chunk before the
    pixels, as PNG (third edition) places it: Pillow's own `getexif()` on a PNG decodes the
    whole image to look for a chunk after the pixels (0.59 s for a 34-megapixel photo, which
    the preparer then decodes again)."""
    if im.format != "PNG":
        return im.getexif()
    exif = Image.Exif()
    data = im.info.get("exif")
    if data:
        exif.load(data)
    return exif


def _icc(data: bytes, mode: str) -> tuple[str, bool, str, str]:
    """(kind, matches the pixels, problem, hint) of an embedded ICC profile."""
    if not data:
        return "none", True, "", ""
    kind = _ICC_SPACES.get(data[16:20], "other") if len(data) >= 128 else "other"
    from PIL import ImageCms  # a file with an embedded profile only

    try:
        ImageCms.ImageCmsProfile(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - Little CMS refuses it: damaged
        return kind, False, (f"has a damaged embedded ICC colour profile ({exc})"), \
            "save the photo again with its colour profile (e.g. sRGB) embedded, or without one"
    pixels = _MODE_SPACE.get(mode)
    if pixels is None or kind != pixels:
        shown = {"GRAY": "grey", "other": "non-RGB/grey/CMYK"}.get(kind, kind)
        return kind, False, (f"is a {mode} image but carries a {shown} ICC colour profile, "
                             "which does not describe its pixels"), \
            "save it again with a profile of its own colours (sRGB for RGB photos), or without one"
    return kind, True, "", ""


def _jpeg_ends(path: str, tail: int = JPEG_TAIL) -> bool:
    """True when the JPEG's end-of-image marker is in its last `tail` bytes (anything after
    it, as some cameras append, is allowed)."""
    with open(path, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - tail))
        return b"\xff\xd9" in handle.read()


def _digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def scan_problem(media: MediaInfo) -> str:
    """Why the coded pixel data of a printable file cannot be decoded ('' when it can).

    A JPEG is decoded at 1/8 scale (DCT scaling: every entropy-coded block is still read, so
    damaged scan data is found at a fraction of the cost); a PNG's pixel data is inflated and
    discarded (`_png_data_problem`); a TIFF is decoded whole (bounded by MAX_PIXELS).
    Memoised in the session by the file's digest."""
    if not media.printable:
        return media.problem
    return current().memo("media-scan").get_or_make(
        (media.digest, media.key), lambda: decode_problem(media))


def known_problem(media: MediaInfo) -> str:
    """The file's problem as far as it is known without decoding: its header's, or what a
    decode check (`scan_problem`) found earlier in this session."""
    if media.problem:
        return media.problem
    return current().memo("media-scan").get((media.digest, media.key)) or ""


def decode_problem(media: MediaInfo) -> str:
    """`scan_problem`'s check itself, not memoised: the photo preparer words a decode that
    failed with it, so build's verdict is check's."""
    if media.format == "PNG":
        return _png_data_problem(media.path)
    try:
        with Image.open(media.path) as im:
            if media.format == "JPEG":
                im.draft(im.mode, (max(1, im.width // 8), max(1, im.height // 8)))
            load_whole(im)
    except Exception as exc:  # noqa: BLE001 - the decoder's words are the desk's clue
        return (f"has damaged image data: it cannot be decoded ({type(exc).__name__}: {exc})")
    return ""


PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
"""Samples per pixel of each PNG colour type (grey, RGB, palette, grey+alpha, RGBA)."""


def _png_data_problem(path: str) -> str:
    """Why a PNG's image data does not inflate to its pixels ('' when it does): the IDAT
    stream is inflated piece by piece and thrown away (no pixel buffer: memory stays flat;
    the chunks' checksums were checked by `verify()`)."""
    import struct
    import zlib

    try:
        with open(path, "rb") as handle:
            handle.seek(8)
            inflate = zlib.decompressobj()
            produced = 0
            width = height = depth = colour = interlace = 0
            while True:
                head = handle.read(8)
                if len(head) < 8:
                    return "has damaged image data: the file ends before its last chunk"
                length, kind = struct.unpack(">I4s", head)
                if kind == b"IHDR":
                    width, height, depth, colour, _, _, interlace = struct.unpack(
                        ">IIBBBBB", handle.read(13))
                    handle.seek(length - 13 + 4, os.SEEK_CUR)
                elif kind == b"IDAT":
                    left = length
                    while left:
                        piece = handle.read(min(left, 1 << 20))
                        if not piece:
                            return "has damaged image data: it ends inside its pixel data"
                        left -= len(piece)
                        data = piece
                        while data:
                            produced += len(inflate.decompress(data, 1 << 22))
                            data = inflate.unconsumed_tail
                    handle.seek(4, os.SEEK_CUR)
                elif kind == b"IEND":
                    break
                else:
                    handle.seek(length + 4, os.SEEK_CUR)
    except (OSError, zlib.error, struct.error) as exc:
        return f"has damaged image data: it cannot be decoded ({exc})"
    row = (width * PNG_CHANNELS.get(colour, 1) * depth + 7) // 8
    if not interlace and produced < height * (row + 1):
        return (f"has damaged image data: its pixel data stops after {produced:,} of "
                f"{height * (row + 1):,} bytes")
    return ""


def case_twin(folder: Path, written: str) -> str | None:
    """The file in `written`'s folder whose name differs from it only in letter case
    ('photos/IMG_01.JPG' for 'photos/img_01.jpg'), as written relative to `folder`; None."""
    target = Path(folder) / written
    parent = target.parent
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return None
    wanted = target.name.casefold()
    for name in names:
        if name.casefold() == wanted and name != target.name:
            rel = Path(written).parent / name
            return rel.as_posix()
    return None
