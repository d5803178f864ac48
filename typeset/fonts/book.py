"""The font book: typographic roles (书宋, 黑体, 楷体, 仿宋, Latin) mapped to loaded faces.

In: role specifications (family + style, or a file) from `fonts/fonts.yaml`, read by the
manifest package. Out: a `FontBook` whose `face(role)` gives the `Face` to measure and draw
with. Roles that cannot be resolved are reported with what was searched, never replaced
silently (a role may name an explicit `fallback` role).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typeset.fonts.face import Face, load_face
from typeset.fonts.resolve import face_in_file, find_face, search_dirs


@dataclass(frozen=True)
class RoleSpec:
    """How one role is found: a family and style, or a file (relative to the project fonts/)."""

    role: str
    family: str | None = None
    style: str = "Regular"
    file: str | None = None
    fallback: str | None = None
    """Another role to use when this one is not installed (e.g. 仿宋 → 楷体)."""
    description: str = ""


class FontError(Exception):
    """A role that cannot be resolved; the message says what was looked for and where."""


@dataclass(frozen=True)
class Resolved:
    """A role and the face it resolved to (and through which fallback, if any)."""

    role: str
    face: Face
    via: str | None = None


class FontBook:
    """Roles → faces. Build with `FontBook.resolve(specs, project_fonts)` or from faces directly."""

    def __init__(self, faces: dict[str, Face], via: dict[str, str] | None = None):
        self._faces = dict(faces)
        self._via = dict(via or {})

    @classmethod
    def resolve(cls, specs: dict[str, RoleSpec], project_fonts: Path | None) -> "FontBook":
        """Find every role's face; raise FontError naming the first role that cannot be found."""
        dirs = search_dirs(project_fonts)
        found: dict[str, Face] = {}
        via: dict[str, str] = {}
        missing: dict[str, str] = {}
        for name, spec in specs.items():
            face = _find(spec, project_fonts, dirs)
            if face is None:
                missing[name] = _describe(spec, dirs)
            else:
                found[name] = face
        for name in list(missing):
            seen = {name}
            spec = specs[name]
            while spec.fallback and spec.fallback not in seen:
                seen.add(spec.fallback)
                if spec.fallback in found:
                    found[name] = found[spec.fallback]
                    via[name] = spec.fallback
                    del missing[name]
                    break
                spec = specs.get(spec.fallback) or RoleSpec(spec.fallback)
        if missing:
            role, why = next(iter(missing.items()))
            raise FontError(
                f"font role '{role}' not found: {why}. Install the font (make demo installs the "
                f"distribution's fonts-noto-cjk and fonts-lxgw-wenkai), put the file in fonts/, "
                f"or point the role at another family in fonts/fonts.yaml"
            )
        return cls(found, via)

    def face(self, role: str) -> Face:
        """The face for `role`; KeyError names the known roles."""
        try:
            return self._faces[role]
        except KeyError:
            known = ", ".join(sorted(self._faces))
            raise KeyError(f"unknown font role '{role}' (known roles: {known})") from None

    def has(self, role: str) -> bool:
        """True when `role` is defined."""
        return role in self._faces

    def roles(self) -> list[Resolved]:
        """Every role with its face, sorted by role name."""
        return [Resolved(r, f, self._via.get(r)) for r, f in sorted(self._faces.items())]


def _find(spec: RoleSpec, project_fonts: Path | None, dirs) -> Face | None:
    if spec.file:
        path = Path(spec.file)
        if not path.is_absolute() and project_fonts is not None:
            path = project_fonts / path
        if not path.is_file():
            return None
        entry = face_in_file(path, spec.family, spec.style)
        return load_face(entry.path, entry.index) if entry else None
    if not spec.family:
        return None
    entry = find_face(spec.family, spec.style, dirs)
    return load_face(entry.path, entry.index) if entry else None


def _describe(spec: RoleSpec, dirs) -> str:
    if spec.file:
        return f"file {spec.file} (family {spec.family or 'any'}, style {spec.style})"
    where = ", ".join(str(d) for d in dirs)
    return f"family '{spec.family}' style '{spec.style}' in {where}"
