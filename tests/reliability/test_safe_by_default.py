"""Safe by default, checked on the source: YAML only through the safe loader, no shell, no
eval, and every subprocess with a fixed argument list and a time limit. Also: a Ghostscript
or other tool that hangs is stopped by its time limit, not waited for."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "typeset"
SOURCES = sorted(PACKAGE.rglob("*.py"))
SUBPROCESS_CALLS = {"run", "call", "check_call", "check_output", "Popen"}


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                yield node, f"{func.value.id}.{func.attr}"
            elif isinstance(func, ast.Name):
                yield node, func.id


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"


def test_sources_found():
    assert len(SOURCES) > 40


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_dangerous_calls(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node, name in _calls(tree):
        assert name not in ("eval", "exec", "os.system", "os.popen", "pickle.load",
                            "pickle.loads", "yaml.load", "yaml.unsafe_load", "yaml.full_load",
                            "yaml.load_all"), _where(path, node)
        for keyword in node.keywords:
            if keyword.arg == "shell":
                assert isinstance(keyword.value, ast.Constant) and keyword.value.value is False, \
                    f"shell=True at {_where(path, node)}"
        if name.startswith("subprocess.") and name.split(".")[1] in SUBPROCESS_CALLS:
            argv = node.args[0] if node.args else None
            assert not isinstance(argv, (ast.Constant, ast.JoinedStr, ast.BinOp)), \
                f"command built as a string at {_where(path, node)}"
            assert any(k.arg == "timeout" for k in node.keywords) or name.endswith("Popen"), \
                f"subprocess without a time limit at {_where(path, node)}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("Loader", "FullLoader",
                                                            "UnsafeLoader", "CLoader"):
            raise AssertionError(f"unsafe YAML loader at {_where(path, node)}")


def test_only_the_manifest_package_imports_yaml():
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""]
                if any(n == "yaml" or n.startswith("yaml.") for n in names):
                    assert path.parent.name == "manifest", _where(path, node)


def test_a_hanging_tool_is_stopped(monkeypatch, tmp_path):
    """Ghostscript that never finishes: the TAC check reports the time limit and returns."""
    from typeset.preflight import settings, tools

    seen = {}

    def slow(argv, **kwargs):
        seen.update(kwargs, argv=argv)
        raise subprocess.TimeoutExpired(argv, kwargs["timeout"])
    monkeypatch.setattr(subprocess, "run", slow)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    profile = settings.PreflightProfile("test")
    findings = tools.tac(pdf, profile, 1)
    assert seen["timeout"] == profile.tac_timeout_s and seen.get("shell") in (None, False)
    assert isinstance(seen["argv"], list) and "-dSAFER" in seen["argv"]
    assert seen["argv"][-1] == str(pdf.resolve())
    assert any("within" in f.message for f in findings)


def test_file_name_starting_with_dash_is_not_an_option(monkeypatch, tmp_path):
    """A PDF called '-sOutputFile=…' is passed to tools as an absolute path."""
    from typeset.preflight import tools

    seen = {}

    def record(argv, **kwargs):
        seen["argv"] = argv
        return subprocess.CompletedProcess(argv, 0, b"", b"")
    monkeypatch.setattr(subprocess, "run", record)
    monkeypatch.chdir(tmp_path)
    tools.qpdf_check(Path("-sOutputFile=x.pdf"))
    assert seen["argv"][-1].startswith("/")
