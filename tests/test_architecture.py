"""The pipeline's import direction is a rule, checked here by parsing every module's imports.

manifest → model → text → linebreak → flow → compose → frame → render: a stage never imports a
later one; only manifest/ imports yaml; only render/ (and preflight/, which reads PDFs) import
the PDF libraries; layout stages never touch manifest, render or the CLI. The e-paper backend
(render/epaper/) reads the edition model besides the display list — the stories' text as
written, the pages' sections — but, like every backend, never the composer or the loader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "typeset"

# Order of the layout stages: each may import itself and earlier ones only.
STAGES = ["model", "text", "linebreak", "flow", "compose", "fit", "makeup"]
BASE = {"frame", "units", "diagnostics", "fonts", "session"}
PDF_LIBS = {"reportlab", "pikepdf", "pypdfium2"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        area = rel.parts[0].removesuffix(".py")
        yield path, area, _imports(path)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _typeset_area(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "typeset" and len(parts) > 1 else None


def test_the_package_has_modules():
    assert len(list(_modules())) > 10


@pytest.mark.parametrize("lib", ["yaml"])
def test_only_manifest_reads_yaml(lib):
    offenders = [
        str(p.relative_to(PACKAGE)) for p, area, names in _modules()
        if area != "manifest" and any(n == lib or n.startswith(lib + ".") for n in names)
    ]
    assert offenders == []


def test_only_render_and_preflight_import_pdf_libraries():
    offenders = [
        str(p.relative_to(PACKAGE)) for p, area, names in _modules()
        if area not in ("render", "preflight")
        and any(n.split(".")[0] in PDF_LIBS for n in names)
    ]
    assert offenders == []


def test_layout_stages_import_only_earlier_stages_and_base_modules():
    offenders = []
    for path, area, names in _modules():
        if area not in STAGES:
            continue
        allowed = set(STAGES[: STAGES.index(area) + 1]) | BASE
        for name in names:
            target = _typeset_area(name)
            if target is not None and target not in allowed:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_render_depends_only_on_the_display_list_and_base_modules():
    # The session (caches), the model's frozen media facts and the one media probe (a photo's
    # header is read in one place, issue 14.4) are the render stage's other inputs; the
    # e-paper reads the model too; Pillow's decoding in one block (typeset.image_io) is shared
    # with the media probe.
    allowed = {"render", "frame", "units", "diagnostics", "fonts", "session", "model",
               "image_io"}
    modules = {"typeset.manifest.media_probe"}
    offenders = [
        f"{p.relative_to(PACKAGE)} imports {n}" for p, area, names in _modules()
        if area == "render" for n in names
        if _typeset_area(n) is not None and _typeset_area(n) not in allowed
        and n not in modules
    ]
    assert offenders == []


def test_the_epaper_reads_only_the_model_besides_the_display_list():
    """The e-paper is one more backend of the composition: it may read the frozen model, never
    the composer's internals, the loader, the pipeline or the CLI."""
    epaper = PACKAGE / "render" / "epaper"
    files = sorted(epaper.glob("*.py"))
    assert files, "render/epaper/ has modules"
    offenders = [f"{p.relative_to(PACKAGE)} imports {n}" for p in files for n in _imports(p)
                 if _typeset_area(n) in {"compose", "manifest", "pipeline", "cli", "text",
                                         "linebreak", "flow"}]
    assert offenders == []


def test_base_modules_do_not_reach_up_the_pipeline():
    upper = set(STAGES) | {"manifest", "render", "cli", "preflight", "pipeline"}
    offenders = [
        f"{p.relative_to(PACKAGE)} imports {n}" for p, area, names in _modules()
        if area in BASE for n in names
        if _typeset_area(n) in upper
    ]
    assert offenders == []
