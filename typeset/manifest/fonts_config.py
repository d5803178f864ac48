"""Read `fonts/fonts.yaml` (role → family/style/file, fallback fonts) into `RoleSpec`s.

In: the project root. Out: {role: RoleSpec}, each knowing its fonts.yaml line (so a font
that is missing or damaged is reported there). Every problem (unknown key, wrong type, a file
outside fonts/, a fallback to an unknown role) is reported at once with file:line:column.
`fallback_fonts:` lists fonts tried character by character for 生僻字 no role's face has: each a
family name or a mapping {family, style, file}.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from typeset.diagnostics import InputError, SourceRef, error
from typeset.fonts.book import RoleSpec
from typeset.manifest.fields import MapReader, Problems, suggestion
from typeset.manifest.source import MAX_MANIFEST_BYTES, read_text
from typeset.manifest.yamlpos import YMap, parse_yaml

ROLE_KEYS = ("family", "style", "file", "fallback", "fallback_fonts", "description")
FALLBACK_KEYS = ("family", "style", "file")


def load_font_roles(project_root: Path) -> dict[str, RoleSpec]:
    """The roles defined in `<project_root>/fonts/fonts.yaml`."""
    path = project_root / "fonts" / "fonts.yaml"
    file = str(path)
    if not path.is_file():
        raise InputError([error("missing-file", f"font configuration not found: {path}",
                                source=SourceRef(file),
                                hint="restore fonts/fonts.yaml from the repository")])
    data, found = parse_yaml(read_text(path, limit=MAX_MANIFEST_BYTES, what="font "
                                       "configuration"), file)
    problems = Problems()
    problems.extend(found)
    top = MapReader(data, problems, "fonts.yaml", ("roles",), where=SourceRef(file, 1, 1))
    roles = top.raw("roles")
    if not isinstance(roles, YMap):
        problems.error("bad-fonts-config", "fonts.yaml must have a 'roles:' mapping",
                       top.at("roles"), hint="roles: {body: {family: Noto Serif CJK SC}, …}")
        problems.raise_errors()
        return {}
    specs: dict[str, RoleSpec] = {}
    for role, value in roles.items():
        r = MapReader(value, problems, f"font role '{role}'", ROLE_KEYS,
                      where=roles.value_source(role))
        family, font_file = _face_keys(r, str(role), problems)
        specs[str(role)] = RoleSpec(
            role=str(role), family=family, style=r.text("style", "Regular"), file=font_file,
            fallback=r.text("fallback") or None, description=r.text("description"),
            fallback_fonts=_fallback_fonts(r, str(role), problems),
            source=roles.key_source(role))
    for role, spec in specs.items():
        if spec.fallback and spec.fallback not in specs:
            problems.error("unknown-font-role", f"font role '{role}' falls back to unknown "
                           f"role '{spec.fallback}'", roles[role].value_source("fallback"),
                           hint=suggestion(spec.fallback, specs, "roles"))
    problems.raise_errors()
    return specs


def _face_keys(r: MapReader, role: str, problems: Problems) -> tuple[str | None, str | None]:
    """(family, file) of a role or fallback font, the file checked to be inside fonts/."""
    family = r.text("family") or None
    font_file = r.text("file") or None
    if not family and not font_file:
        problems.error("bad-font-role", f"font role '{role}' needs 'family' or 'file'",
                       r.source, hint="e.g. {family: Noto Serif CJK SC, style: Regular}")
    if font_file:
        pure = PurePosixPath(font_file.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts:
            problems.error("unsafe-path", f"font file '{font_file}' must be a file inside "
                           "fonts/", r.at("file"), hint="copy the font into fonts/ and "
                           "give its name, e.g. file: FZShuSong.ttf")
            font_file = None
    return family, font_file


def _fallback_fonts(r: MapReader, role: str, problems: Problems) -> tuple[RoleSpec, ...]:
    """`fallback_fonts: [HanaMinA, {family: HanaMinB}, {file: MyExtB.ttf}]` → RoleSpecs."""
    out = []
    items = r.items("fallback_fonts", example="[HanaMinA, HanaMinB]")
    for item, where in zip(items, items.item_sources):
        if isinstance(item, str) and item.strip():
            out.append(RoleSpec(role=f"{role} fallback", family=item.strip(), source=where))
            continue
        f = MapReader(item, problems, f"a fallback font of role '{role}'", FALLBACK_KEYS,
                      where=where)
        family, font_file = _face_keys(f, role, problems)
        if family or font_file:
            out.append(RoleSpec(role=f"{role} fallback", family=family,
                                style=f.text("style", "Regular"), file=font_file,
                                source=where))
    return tuple(out)
