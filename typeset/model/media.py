"""What a photo or image-ad file is, read once from its header (`manifest.media_probe`).

In: nothing (plain frozen data). Out: `MediaInfo`, which composition reads for the picture's
proportions and the PDF writer for how to decode and separate it; `MediaInfo.problem` says why
the file cannot be printed (then composition draws a crossed frame).
"""

from __future__ import annotations

from dataclasses import dataclass

ICC_KINDS = ("RGB", "GRAY", "CMYK", "none", "other")
"""The values of the `icc` field of `MediaInfo`: the colour space of the embedded ICC profile
(none: no profile)."""
ADOBE_INVERTED = "adobe-inverted"
"""A CMYK JPEG with an Adobe APP14 marker: its samples are stored inverted (Photoshop)."""
PLAIN = "plain"
"""A CMYK JPEG without the marker: its samples are stored as ink amounts (libjpeg's default)."""


@dataclass(frozen=True)
class MediaInfo:
    """One image file as its header describes it.

    `width` × `height` are upright (EXIF orientation applied); `stored` is the size as coded.
    `key` is `session.file_key(path)` when probed and `digest` the SHA-256 of its bytes."""

    path: str
    format: str
    """'JPEG', 'PNG' or 'TIFF' (another format only with a `problem`)."""
    width: int
    height: int
    stored: tuple[int, int]
    orientation: int
    """EXIF orientation, 1–8 (1: as stored)."""
    mode: str
    """Pillow's colour mode of the stored pixels ('RGB', 'L', 'CMYK', 'P', 'I;16' …)."""
    icc: str = "none"
    """Colour space of the embedded ICC profile: one of ICC_KINDS."""
    icc_matches: bool = True
    """False when the profile's colour space is not the pixels' (an RGB JPEG with a CMYK
    profile) or the profile cannot be read."""
    transparent: bool = False
    """An alpha channel or a transparent palette entry (flattened onto paper white)."""
    cmyk_convention: str = ""
    """For CMYK JPEGs: ADOBE_INVERTED or PLAIN; else ''."""
    key: tuple | None = None
    digest: str = ""
    problem: str = ""
    """Why it cannot be printed ('' when it can); the message names no path."""
    readable: bool = True
    """False when the header could not be read as a JPEG, PNG or TIFF within the size limits
    (the manifest reader refuses the slot's file then); True with a `problem` for a file cut
    off or carrying a wrong or damaged ICC profile (the photo is reported and crossed out)."""
    hint: str = ""
    code: str = ""
    """The problem's diagnostic code: image-missing, image-too-large, image-unreadable
    (not an image, cut off, damaged data) or image-icc."""

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) upright, in pixels."""
        return (self.width, self.height)

    @property
    def printable(self) -> bool:
        """True when the file can be decoded and separated."""
        return not self.problem
