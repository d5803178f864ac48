"""Read `fonts/fonts.yaml` (role → family/style/file) into `RoleSpec`s.

In: the project root. Out: {role: RoleSpec}. Errors name the file and the role.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from typeset.diagnostics import InputError, SourceRef, error
from typeset.fonts.book import RoleSpec

ROLE_KEYS = {"family", "style", "file", "fallback", "description"}


def load_font_roles(project_root: Path) -> dict[str, RoleSpec]:
    """The roles defined in `<project_root>/fonts/fonts.yaml`."""
    path = project_root / "fonts" / "fonts.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError([error("missing-file", f"font configuration not found: {path}",
                                hint="restore fonts/fonts.yaml from the repository")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        src = SourceRef(str(path), mark.line + 1, mark.column + 1) if mark else SourceRef(str(path))
        raise InputError([error("yaml-syntax", f"cannot read YAML: {exc}", source=src)]) from None
    roles = (data or {}).get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, dict):
        raise InputError([error("bad-fonts-config", "fonts.yaml must have a 'roles:' mapping",
                                source=SourceRef(str(path)))])
    specs: dict[str, RoleSpec] = {}
    problems = []
    for role, value in roles.items():
        if not isinstance(value, dict) or set(value) - ROLE_KEYS:
            problems.append(error(
                "bad-font-role", f"role '{role}' must be a mapping with keys "
                f"{', '.join(sorted(ROLE_KEYS))}", source=SourceRef(str(path))))
            continue
        specs[str(role)] = RoleSpec(
            role=str(role),
            family=value.get("family"),
            style=str(value.get("style", "Regular")),
            file=value.get("file"),
            fallback=value.get("fallback"),
            description=str(value.get("description", "")),
        )
    if problems:
        raise InputError(problems)
    return specs
