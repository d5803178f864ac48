"""Find font faces by family and style name in the project's, the user's and the system's folders.

In: a family name ('Noto Serif CJK SC') and a style ('Regular', 'Bold'), or an explicit file.
Out: (path, face index). Inside a collection (.ttc) the face is found by its name, never by a
fixed number, so the Simplified Chinese face of a Noto CJK collection is picked whatever its
position.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

from typeset.session import current, file_key

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
SFNT_TAGS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
"""The first four bytes of a TrueType / CFF OpenType font."""
REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp")


class FontFileError(Exception):
    """A font file that cannot be used: not a font, or damaged (the message says which)."""


def check_font_file(path: Path) -> None:
    """Raise FontFileError when `path` is no sfnt font or collection, or when a table lies
    beyond the end of the file (a truncated copy) or one every font needs is missing. Reads
    only the table directories (a few kilobytes); remembered in the session by file state."""
    key = file_key(path)
    memo = current().memo("fonts.checked_files")
    problem = memo.get((str(path), key), None) if key is not None else None
    if problem is None:
        problem = _font_file_problem(path) or ""
        if key is not None:
            memo.put((str(path), key), problem)
    if problem:
        raise FontFileError(problem)


def _font_file_problem(path: Path) -> str | None:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if head[:4] == b"ttcf":
        if len(head) < 12:
            return "is a damaged font collection (its header is cut off)"
        count = struct.unpack(">I", head[8:12])[0]
        if not 0 < count <= 64 or len(head) < 12 + 4 * count:
            return "is a damaged font collection (bad face count)"
        offsets = struct.unpack(f">{count}I", head[12:12 + 4 * count])
    elif head[:4] in SFNT_TAGS:
        offsets = (0,)
    elif head[:4] in (b"wOFF", b"wOF2"):
        return "is a web font (WOFF); convert it to .ttf/.otf"
    else:
        return "is not a font file (no TrueType/OpenType header)"
    for offset in offsets:
        if offset + 12 > len(head):
            return "is truncated (a face's table directory is missing)"
        tables = struct.unpack(">H", head[offset + 4:offset + 6])[0]
        end = offset + 12 + 16 * tables
        if end > len(head):
            return "is truncated (its table directory is cut off)"
        tags = set()
        for k in range(tables):
            tag, _, start, length = struct.unpack(">4sIII", head[offset + 12 + 16 * k:
                                                                 offset + 28 + 16 * k])
            tags.add(tag.decode("latin-1"))
            if start + length > size:
                return (f"is truncated: table '{tag.decode('latin-1').strip()}' ends at byte "
                        f"{start + length:,} of a {size:,}-byte file")
        lacking = [t for t in REQUIRED_TABLES if t not in tags]
        if not ({"glyf", "loca"} <= tags or "CFF " in tags or "CFF2" in tags):
            lacking.append("glyf or CFF")
        if lacking:
            return f"is damaged: it lacks the table(s) {', '.join(lacking)}"
    return None


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
    when a folder changed (`file_key`: a font added to or removed from it). Kept in the
    session's table 'fonts.scan'."""
    key = tuple((folder, file_key(folder)) for folder in dirs)
    return current().memo("fonts.scan", 16).get_or_make(key, lambda: _scan(key))


def known_families(dirs: tuple[Path, ...]) -> set[tuple[str, str]]:
    """(family casefolded, style) of every face found below `dirs` (for did-you-mean)."""
    return {(family.casefold(), entry.style) for folder in dirs for entry in scan((folder,))
            for family in entry.families}


def _scan(dirs: tuple[tuple[Path, object], ...]) -> tuple[FaceEntry, ...]:
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
