"""Output ICC profiles: find a CMYK printer profile, read its class, colour space and name.

In: an explicit profile path (from the layout/edition) or nothing. Out: an `OutputProfile`
(path, bytes, description, ICC version) or a `ProfileError` that says what was looked for.
The default is a CMYK `prtr` profile the distribution ships (Ghostscript's default_cmyk.icc on
Debian); the newspaper's own profile (ISOnewspaper26v4, WAN-IFRAnewspaper26v5) is preferred
when it is installed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ICC_DIRS = (
    "~/.local/share/color/icc",
    "~/.color/icc",
    "/usr/local/share/color/icc",
    "/usr/share/color/icc",
    "/var/lib/colord/icc",
)
"""Where profiles are searched (freedesktop ICC profile locations)."""

PREFERRED = (
    "isonewspaper26v4", "wan-ifranewspaper26v5", "wan-ifranewspaper26v5_gr",
    "default_cmyk", "ps_cmyk",
)
"""Profile file stems tried first (case-insensitive), newspaper profiles before generic ones."""


class ProfileError(Exception):
    """No usable CMYK output profile; the message says where it looked."""


@dataclass(frozen=True)
class OutputProfile:
    """A CMYK output profile read from disk."""

    path: str
    data: bytes
    device_class: str
    colour_space: str
    version: tuple[int, int]
    description: str

    @property
    def condition(self) -> str:
        """An output condition identifier: the profile's description, else its file stem."""
        return self.description or Path(self.path).stem


def read_profile(path: str | os.PathLike) -> OutputProfile:
    """Read an ICC profile's header and description; ProfileError when it is not an ICC file."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"cannot read ICC profile {path}: {exc.strerror}") from None
    if len(data) < 128 or data[36:40] != b"acsp":
        raise ProfileError(f"{path} is not an ICC profile (no 'acsp' signature)")
    device_class = data[12:16].decode("latin-1").strip()
    colour_space = data[16:20].decode("latin-1").strip()
    version = (data[8], data[9] >> 4)
    return OutputProfile(str(path), data, device_class, colour_space, version, _description(path))


def _description(path: Path) -> str:
    try:
        from PIL import ImageCms

        return (ImageCms.getProfileDescription(str(path)) or "").strip()
    except Exception:  # noqa: BLE001 - a profile lcms cannot parse just has no description
        return ""


def is_cmyk_output(profile: OutputProfile) -> bool:
    """True for a CMYK printer (output) profile, the kind an OutputIntent must carry."""
    return profile.device_class == "prtr" and profile.colour_space == "CMYK"


def find_output_profile(explicit: str | None = None) -> OutputProfile:
    """The profile to convert photos to and embed in the OutputIntent.

    `explicit` (a path) wins and must be a CMYK printer profile. Otherwise the first preferred
    profile found in the ICC folders, then any CMYK printer profile there (sorted by path).
    """
    if explicit:
        profile = read_profile(explicit)
        if not is_cmyk_output(profile):
            raise ProfileError(
                f"{explicit} is a {profile.colour_space} '{profile.device_class}' profile; the "
                f"output intent needs a CMYK printer ('prtr') profile such as ISOnewspaper26v4"
            )
        return profile
    candidates: list[Path] = []
    for folder in ICC_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            candidates.extend(sorted(
                p for p in root.rglob("*") if p.suffix.lower() in (".icc", ".icm") and p.is_file()
            ))
    by_stem = {}
    for path in candidates:
        by_stem.setdefault(path.stem.casefold(), path)
    for stem in PREFERRED:
        if stem in by_stem:
            try:
                profile = read_profile(by_stem[stem])
            except ProfileError:
                continue
            if is_cmyk_output(profile):
                return profile
    for path in candidates:
        try:
            profile = read_profile(path)
        except ProfileError:
            continue
        if is_cmyk_output(profile):
            return profile
    searched = ", ".join(ICC_DIRS)
    raise ProfileError(
        f"no CMYK output ICC profile found (searched {searched}); install one (Debian: "
        f"ghostscript ships default_cmyk.icc) or name the printer's profile as icc_profile "
        f"in the layout's output settings"
    )
