"""Every backticked dotted name in the docs and docstrings names something that exists
(issue 14.7): a renamed function leaves no stale `module.function` behind in the prose.

Names are resolved as: a file of the checkout (`prepare.py`, `edition.yaml`), a module or an
attribute path under `typeset` (`typeset.pipeline.build`, `pipeline.build`, `pdfx.finish`
for any module `pdfx` in the package), a standard-library name (`os._exit`), or a field of
some class of the package (`style.latin`, `run.vertical`: a variable's attribute).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "typeset"
DOTTED = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?:\(\))?`")
FILE_SUFFIXES = (".py", ".yaml", ".yml", ".md", ".icc", ".txt", ".json", ".pdf", ".png",
                 ".jpg", ".toml", ".ttf", ".otf", ".html", ".css", ".js")


def _texts() -> list[tuple[str, str]]:
    """(where, text) of every Markdown file and every docstring of the package and benches."""
    out = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
                 *sorted(PACKAGE.rglob("*.md")), *sorted((ROOT / "bench").glob("*.md"))]:
        out.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "bench").glob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                 ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node)
                if doc:
                    out.append((f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 1)}", doc))
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and \
                    isinstance(node.value.value, str):
                out.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value.value))
    return out


EXTERNAL_FOLDERS = (Path("/usr/share/color/icc"), Path(sys.prefix) / "lib")
"""Where files the docs name from outside the checkout live (Ghostscript's profiles, the
installed libraries' own files such as numpy's `version.py`)."""


@cache
def _files() -> frozenset[str]:
    names = set()
    for path in ROOT.rglob("*"):
        if ".venv" in path.parts or ".git" in path.parts:
            continue
        names.add(path.name)
    for folder in EXTERNAL_FOLDERS:
        names.update(p.name for p in folder.rglob("*.icc"))
        names.update(p.name for p in folder.rglob("version.py"))
    return frozenset(names)


@cache
def _modules() -> dict[str, list[str]]:
    """Last name of each module of the package → its full names."""
    found: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="typeset."):
        found.setdefault(info.name.rsplit(".", 1)[-1], []).append(info.name)
    found.setdefault("typeset", []).append("typeset")
    return found


@cache
def _top_level() -> dict[str, list[str]]:
    """Each name defined at the top of a module of the package → the modules defining it."""
    found: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(("typeset", *path.relative_to(PACKAGE).with_suffix("").parts))
        module = module.removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found.setdefault(node.name, []).append(module)
    return found


@cache
def _class_attributes() -> frozenset[str]:
    """Every attribute, field and method name declared in a class of the package."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(item.name)
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        names.add(item.target.id)
                    elif isinstance(item, ast.Assign):
                        names.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return frozenset(names)


def _has_path(module_name: str, attributes: list[str]) -> bool:
    try:
        obj = importlib.import_module(module_name)
    except Exception:  # noqa: BLE001 - an unimportable name does not resolve
        return False
    for attribute in attributes:
        if hasattr(obj, attribute):
            obj = getattr(obj, attribute)
            continue
        try:
            obj = importlib.import_module(f"{obj.__name__}.{attribute}")
        except Exception:  # noqa: BLE001
            return False
    return True


def resolves(name: str) -> bool:
    """True when the dotted `name` names a file, module, attribute or class field."""
    if name.endswith(FILE_SUFFIXES):
        return name.rsplit("/", 1)[-1] in _files()
    first, *rest = name.split(".")
    if first == "typeset":
        return _has_path(name.split(".")[0], rest)
    for full in _modules().get(first, []):
        if _has_path(full, rest):
            return True
    if first in sys.stdlib_module_names and _has_path(first, rest):
        return True
    for module in _top_level().get(first, []):
        if _has_path(module, [first, *rest]):
            return True
    return len(rest) == 1 and rest[0] in _class_attributes()


def _names() -> list[tuple[str, str]]:
    return sorted({(name, where) for where, text in _texts()
                   for name in DOTTED.findall(text)})


def test_docs_name_things():
    assert len(_names()) > 20


def test_every_backticked_dotted_name_resolves():
    stale = [f"{where}: `{name}`" for name, where in _names() if not resolves(name)]
    assert stale == []


@pytest.mark.parametrize("name", ["typeset.nothing_here", "pipeline.no_such_function",
                                  "no_module_at_all.thing", "missing-file.py"])
def test_a_stale_name_is_found(name):
    assert not resolves(name)
