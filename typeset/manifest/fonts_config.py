"""Read `fonts/fonts.yaml` (role → family/style/file) into `RoleSpec`s.

In: the project root. Out: {role: RoleSpec}. Every problem (unknown key, wrong type, a file
outside fonts/, a fallback to an unknown role) is reported at once with file:line:column.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from typeset.diagnostics import InputError, SourceRef, error
from typeset.fonts.book import RoleSpec
from typeset.manifest.fields import MapReader, Problems, suggestion
from typeset.manifest.source import MAX_MANIFEST_BYTES, read_text
from typeset.manifest.yamlpos import YMap, parse_yaml

ROLE_KEYS = ("family", "style", "file", "fallback", "description")


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
        specs[str(role)] = RoleSpec(
            role=str(role), family=family, style=r.text("style", "Regular"), file=font_file,
            fallback=r.text("fallback") or None, description=r.text("description"))
    for role, spec in specs.items():
        if spec.fallback and spec.fallback not in specs:
            problems.error("unknown-font-role", f"font role '{role}' falls back to unknown "
                           f"role '{spec.fallback}'", roles[role].value_source("fallback"),
                           hint=suggestion(spec.fallback, specs, "roles"))
    problems.raise_errors()
    return specs
