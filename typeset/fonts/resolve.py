"""Find font faces by family and style name in the project's, the user's and the system's folders.

In: a family name ('Noto Serif CJK SC') and a style ('Regular', 'Bold'), or an explicit file.
Out: (path, face index). Inside a collection (.ttc) the face is found by its name, never by a
fixed number, so the Simplified Chinese face of a Noto CJK collection is picked whatever its
position.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def search_dirs(project_fonts: Path | None) -> tuple[Path, ...]:
    """The folders searched, in order: the project's fonts/, the user's, then the system's."""
    home = Path(os.path.expanduser("~"))
    dirs = [project_fonts] if project_fonts else []
    dirs += [
        home / ".local/share/fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    ]
    return tuple(d for d in dirs if d is not None)


@dataclass(frozen=True)
class FaceEntry:
    """One face found on disk."""

    path: str
    index: int
    families: frozenset[str]
    style: str


def _names(face: hb.Face, name_id) -> set[str]:
    """The English, Chinese and default values of name `name_id` (none when the face lacks
    it: `get_name` then gives None)."""
    found: set[str] = set()
    for lang in ("en", "zh-CN", "zh", None):
        try:
            value = face.get_name(name_id, lang) if lang else face.get_name(name_id)
        except Exception:  # noqa: BLE001 - uharfbuzz raises on unknown languages
            value = None
        if value:
            found.add(value)
    return found


def _read_faces(path: Path) -> list[FaceEntry]:
    try:
        blob = hb.Blob.from_file_path(str(path))
    except Exception:  # noqa: BLE001 - unreadable files are simply not fonts we can use
        return []
    entries = []
    count = hb.Face.count if isinstance(hb.Face.count, int) else None
    index = 0
    while True:
        face = hb.Face(blob, index)
        if face.glyph_count == 0:
            break
        families = _names(face, hb.OTNameIdPredefined.TYPOGRAPHIC_FAMILY) | _names(
            face, hb.OTNameIdPredefined.FONT_FAMILY
        )
        style = face.get_name(hb.OTNameIdPredefined.TYPOGRAPHIC_SUBFAMILY) or face.get_name(
            hb.OTNameIdPredefined.FONT_SUBFAMILY
        ) or "Regular"
        entries.append(FaceEntry(str(path), index, frozenset(families), style))
        index += 1
        if count is not None and index >= count:
            break
        if path.suffix.lower() not in (".ttc", ".otc"):
            break
    return entries


def scan(dirs: tuple[Path, ...]) -> tuple[FaceEntry, ...]:
    """Every face in the font files below `dirs`, in a stable order (sorted paths); read again
    when a folder's modification time changed (a font added to or removed from it)."""
    return _scan(tuple((folder, _mtime(folder)) for folder in dirs))


def _mtime(folder: Path) -> int | None:
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return None


@functools.lru_cache(maxsize=16)
def _scan(dirs: tuple[tuple[Path, int | None], ...]) -> tuple[FaceEntry, ...]:
    entries: list[FaceEntry] = []
    for folder, _ in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                entries.extend(_read_faces(path))
    return tuple(entries)


def find_face(
    family: str, style: str, dirs: tuple[Path, ...]
) -> FaceEntry | None:
    """The first face (in search order) whose family and style match, or None."""
    wanted_family = family.casefold()
    wanted_style = style.casefold()
    for folder in dirs:
        for entry in scan((folder,)):
            if wanted_family in {f.casefold() for f in entry.families} and (
                entry.style.casefold() == wanted_style
            ):
                return entry
    return None


def face_in_file(path: Path, family: str | None, style: str | None) -> FaceEntry | None:
    """The face in one file matching family/style (either may be None: first face then)."""
    for entry in _read_faces(path):
        if family and family.casefold() not in {f.casefold() for f in entry.families}:
            continue
        if style and entry.style.casefold() != style.casefold():
            continue
        return entry
    return None
