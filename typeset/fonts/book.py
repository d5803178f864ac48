"""The font book: typographic roles (书宋, 黑体, 楷体, 仿宋, Latin) mapped to loaded faces.

In: role specifications (family + style, or a file) from `fonts/fonts.yaml`, read by the
manifest package. Out: a `FontBook` whose `face(role)` gives the `Face` to measure and draw
with, and `coverage(char)` the one answer to "can this character be printed, and by which
face". Roles that cannot be resolved are reported with what was searched and the
fonts.yaml:line of the role, never replaced silently (a role may name an explicit `fallback`
role). A role's `fallback_fonts` (e.g. HanaMinA/B for 生僻字 in CJK Ext-A/B) are tried character
by character after every role's own face; a fallback font that is not installed is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typeset.diagnostics import Diagnostic, InputError, SourceRef, error, warning
from typeset.fonts.face import Face, load_face
from typeset.fonts.resolve import (FontFileError, check_font_file, face_in_file, find_face,
                                   known_families, search_dirs)


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
    fallback_fonts: tuple[RoleSpec, ...] = ()
    """Fonts tried character by character for what no role's face has (生僻字)."""
    source: SourceRef | None = None
    """Where the role (or the fallback font) is written in fonts/fonts.yaml."""


class FontError(InputError):
    """A role that cannot be resolved: diagnostics at the role's fonts.yaml line saying what
    was looked for, where, and what to do."""

    def __init__(self, diagnostics: list[Diagnostic] | str):
        if isinstance(diagnostics, str):
            diagnostics = [error("font-missing", diagnostics)]
        super().__init__(diagnostics)


@dataclass(frozen=True)
class Fallback:
    """A fallback font in use: its face, the role that lists it, where it is written."""

    face: Face
    role: str
    source: SourceRef | None = None

    @property
    def name(self) -> str:
        return f"{self.face.family} {self.face.style}".strip()


@dataclass(frozen=True)
class Resolved:
    """A role and the face it resolved to (and through which fallback, if any)."""

    role: str
    face: Face
    via: str | None = None


class FontBook:
    """Roles → faces. Build with `FontBook.resolve(specs, project_fonts)` or from faces directly."""

    def __init__(self, faces: dict[str, Face], via: dict[str, str] | None = None,
                 fallbacks: tuple[Fallback, ...] = (), warnings: tuple[Diagnostic, ...] = ()):
        self._faces = dict(faces)
        self._via = dict(via or {})
        self.fallbacks = tuple(fallbacks)
        self.warnings = tuple(warnings)
        """Problems found while resolving that do not stop a build (a fallback font missing)."""
        self._coverage: dict[str, object] = {}

    @classmethod
    def resolve(cls, specs: dict[str, RoleSpec], project_fonts: Path | None) -> FontBook:
        """Find every role's face; raise FontError with a diagnostic (at the role's
        fonts.yaml line) for each role that cannot be found or whose file is no usable font."""
        dirs = search_dirs(project_fonts)
        found: dict[str, Face] = {}
        via: dict[str, str] = {}
        missing: dict[str, Diagnostic] = {}
        for name, spec in specs.items():
            face, problem = _find(spec, project_fonts, dirs)
            if face is None:
                missing[name] = problem
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
            raise FontError(list(missing.values()))
        fallbacks: list[Fallback] = []
        warnings: list[Diagnostic] = []
        for name, spec in specs.items():
            for extra in spec.fallback_fonts:
                face, problem = _find(extra, project_fonts, dirs)
                if face is None:
                    warnings.append(warning(
                        "fallback-font-missing", f"fallback font of role '{name}': "
                        f"{problem.message}", source=problem.source,
                        hint="install it (e.g. apt-get install fonts-hanazono for HanaMinA/B) "
                             "or remove it from fallback_fonts; characters only it has are "
                             "errors meanwhile"))
                elif all(f.face is not face for f in fallbacks) and all(
                        f is not face for f in found.values()):
                    fallbacks.append(Fallback(face, name, extra.source))
        return cls(found, via, tuple(fallbacks), tuple(warnings))

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
        """Every role with its face, sorted by role name; then the fallback fonts in the order
        fonts.yaml lists them (as '<role>+<family>', via 'fallback of <role>'), so whatever
        tries every face of the book tries them last."""
        out = [Resolved(r, f, self._via.get(r)) for r, f in sorted(self._faces.items())]
        out += [Resolved(f"{f.role}+{f.face.family}", f.face, f"fallback of {f.role}")
                for f in self.fallbacks]
        return out

    def coverage(self, char: str) -> Fallback | bool:
        """True when a role's own face has `char`; the `Fallback` whose font has it when only a
        fallback font does; False when no face of the book has it."""
        got = self._coverage.get(char)
        if got is None:
            got = False
            if any(face.covers(char) for face in self._faces.values()):
                got = True
            else:
                got = next((f for f in self.fallbacks if f.face.covers(char)), False)
            self._coverage[char] = got
        return got  # type: ignore[return-value]


def _find(spec: RoleSpec, project_fonts: Path | None, dirs
          ) -> tuple[Face | None, Diagnostic | None]:
    """The face for `spec`, or None and an error saying why (at the spec's fonts.yaml line)."""
    where = spec.source
    role = f"font role '{spec.role}'"
    if spec.file:
        path = Path(spec.file)
        if not path.is_absolute() and project_fonts is not None:
            path = project_fonts / path
        if not path.is_file():
            return None, error("font-missing", f"{role}: font file {spec.file} not found "
                               f"(looked for {path})", source=where,
                               hint="put the font file in fonts/, or correct file: in "
                                    "fonts/fonts.yaml")
        try:
            check_font_file(path)
        except FontFileError as exc:
            return None, error("font-unusable", f"{role}: {spec.file} {exc}", source=where,
                               hint="replace it with a complete .ttf/.otf/.ttc file (copy it "
                                    "again from the font's package), or point the role at "
                                    "another font")
        entry = face_in_file(path, spec.family, spec.style)
        if entry is None:
            return None, error("font-missing", f"{role}: {spec.file} has no face of family "
                               f"'{spec.family or 'any'}' style '{spec.style}'", source=where,
                               hint="check family: and style: against `fc-scan` of the file")
        return load_face(entry.path, entry.index), None
    if not spec.family:
        return None, error("font-missing", f"{role} names no family or file", source=where,
                           hint="write family: Noto Serif CJK SC or file: MyFont.ttf")
    entry = find_face(spec.family, spec.style, dirs)
    if entry is not None:
        try:
            check_font_file(Path(entry.path))
        except FontFileError as exc:
            return None, error("font-unusable", f"{role}: the file of family "
                               f"'{spec.family}', {entry.path}, {exc}", source=where,
                               hint="reinstall the font's package, or remove the damaged file")
        return load_face(entry.path, entry.index), None
    families = known_families(dirs)
    near = _near(spec.family, families)
    styles = sorted({e_style for fam, e_style in families if fam == spec.family.casefold()})
    if styles:
        why = (f"family '{spec.family}' is installed, but not in style '{spec.style}' (it has "
               f"{', '.join(styles)})")
        hint = f"write style: {styles[0]}"
    else:
        searched = ", ".join(str(d) for d in dirs)
        why = f"no installed font has family '{spec.family}' (searched {searched})"
        hint = (f"did you mean '{near}'? " if near else "") + (
            "install the font (make demo installs fonts-noto-cjk and fonts-lxgw-wenkai), put "
            "the file in fonts/, or point the role at another family in fonts/fonts.yaml")
    return None, error("font-missing", f"{role} not found: {why}", source=where, hint=hint)


def _near(family: str, families) -> str | None:
    import difflib

    names = sorted({name for name, _ in families})
    found = difflib.get_close_matches(family.casefold(), names, n=1, cutoff=0.75)
    return found[0] if found else None
