"""12.17 fallback fonts for 生僻字, 13.5 font problems reported at their fonts.yaml line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from typeset.fonts import FontBook, FontError
from typeset.fonts.resolve import find_face, search_dirs
from typeset.manifest.fonts_config import load_font_roles

ROOT = Path(__file__).resolve().parents[2]
EXT_B = "\U0002A6A5"     # 𪚥, CJK Extension B: not in Noto CJK
NOWHERE = "\U00030000"   # CJK Extension G: in no font installed here
HANAMIN = find_face("HanaMinB", "Regular", search_dirs(None))
needs_hanamin = pytest.mark.skipif(HANAMIN is None, reason="fonts-hanazono not installed "
                                   "(tools/install-system-deps.sh installs it)")


def _project(tmp_path: Path, roles: str, files: dict[str, bytes] | None = None) -> Path:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "fonts.yaml").write_text("roles:\n" + roles, encoding="utf-8")
    for name, data in (files or {}).items():
        (tmp_path / "fonts" / name).write_bytes(data)
    return tmp_path


def _resolve(root: Path) -> FontBook:
    return FontBook.resolve(load_font_roles(root), root / "fonts")


@needs_hanamin
def test_the_shipped_roles_set_ext_b_from_a_fallback_font():
    book = _resolve(ROOT)
    assert not book.face("body").covers(EXT_B)
    got = book.coverage(EXT_B)
    assert got not in (True, False) and got.name.startswith("HanaMin") and got.role == "body"
    assert book.coverage("字") is True and book.coverage(NOWHERE) is False
    assert [r.role for r in book.roles()][-2:] == ["body+HanaMinA", "body+HanaMinB"]


def test_a_fallback_font_not_installed_is_a_warning_at_its_line(tmp_path):
    root = _project(tmp_path, "  body: {family: Noto Serif CJK SC,\n"
                              "         fallback_fonts: [No Such Ming]}\n")
    book = _resolve(root)
    [warned] = book.warnings
    assert warned.code == "fallback-font-missing" and "No Such Ming" in warned.message
    assert (warned.source.file, warned.source.line) == (str(root / "fonts" / "fonts.yaml"), 3)


def test_an_unknown_family_is_an_error_at_the_role_line_with_a_suggestion(tmp_path):
    root = _project(tmp_path, "  body: {family: Noto Serif CJK SC}\n"
                              "  hei: {family: Noto Sans CJK  SC}\n")
    with pytest.raises(FontError) as info:
        _resolve(root)
    [found] = info.value.diagnostics
    assert found.code == "font-missing" and found.source.line == 3
    assert "did you mean 'noto sans cjk sc'" in found.hint.lower()


def test_a_missing_style_says_which_styles_exist(tmp_path):
    root = _project(tmp_path, "  kai: {family: LXGW WenKai, style: Black}\n")
    with pytest.raises(FontError) as info:
        _resolve(root)
    assert "Regular" in info.value.diagnostics[0].message
    assert info.value.diagnostics[0].source.line == 2


@pytest.mark.parametrize("name,data,words", [
    ("notafont.ttf", b"this is a text file, not a font\n" * 20, "not a font file"),
    ("web.ttf", b"wOFF" + b"\0" * 200, "web font"),
    ("missing.ttf", None, "not found"),
    ("truncated.ttf", "truncate", "truncated"),
])
def test_a_bad_font_file_is_an_error_at_its_fonts_yaml_line(tmp_path, name, data, words):
    files = {}
    if data == "truncate":
        source = Path(find_face("LXGW WenKai", "Regular", search_dirs(None)).path)
        files[name] = source.read_bytes()[: source.stat().st_size // 2]
    elif data is not None:
        files[name] = data
    root = _project(tmp_path, "  body: {family: Noto Serif CJK SC}\n"
                              f"  kai: {{file: {name}}}\n", files)
    with pytest.raises(FontError) as info:
        _resolve(root)
    [found] = info.value.diagnostics
    assert words in found.message and found.source.line == 3, found.format()
    assert found.hint


def test_a_whole_font_copied_into_fonts_is_accepted(tmp_path):
    source = Path(find_face("LXGW WenKai", "Regular", search_dirs(None)).path)
    root = _project(tmp_path, "  kai: {file: wenkai.ttf}\n")
    shutil.copy(source, root / "fonts" / "wenkai.ttf")
    assert _resolve(root).face("kai").covers("楷")
