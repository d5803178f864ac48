"""Font roles resolve by family and style, in collections by name; fallbacks are explicit."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.fonts import FontBook, FontError, RoleSpec
from typeset.fonts.resolve import find_face, search_dirs


def test_the_simplified_chinese_face_of_a_noto_collection_is_found_by_name():
    entry = find_face("Noto Serif CJK SC", "Regular", search_dirs(None))
    assert entry is not None and entry.path.endswith(".ttc")
    assert "Noto Serif CJK SC" in entry.families
    # Not by a fixed number: the JP face of the same file has another family name.
    japanese = find_face("Noto Serif CJK JP", "Regular", search_dirs(None))
    assert japanese.path == entry.path and japanese.index != entry.index


def test_a_family_is_also_found_by_its_chinese_name():
    assert find_face("霞鹜文楷", "Regular", search_dirs(None)) is not None


def test_a_missing_role_is_an_error_naming_the_role_and_where_it_looked():
    specs = {"body": RoleSpec("body", family="No Such Song", style="Regular")}
    with pytest.raises(FontError) as info:
        FontBook.resolve(specs, None)
    assert "body" in str(info.value) and "No Such Song" in str(info.value)


def test_a_fallback_role_is_used_and_recorded():
    specs = {
        "kai": RoleSpec("kai", family="LXGW WenKai"),
        "fangsong": RoleSpec("fangsong", family="No Such FangSong", fallback="kai"),
    }
    book = FontBook.resolve(specs, None)
    assert book.face("fangsong") is book.face("kai")
    assert {r.role: r.via for r in book.roles()}["fangsong"] == "kai"


def test_a_file_in_the_project_fonts_folder_wins(tmp_path):
    source = Path(find_face("LXGW WenKai", "Regular", search_dirs(None)).path)
    (tmp_path / "house.ttf").symlink_to(source)
    specs = {"body": RoleSpec("body", file="house.ttf")}
    book = FontBook.resolve(specs, tmp_path)
    assert book.face("body").path == str(tmp_path / "house.ttf")


def test_an_unknown_role_names_the_known_ones():
    book = FontBook.resolve({"kai": RoleSpec("kai", family="LXGW WenKai")}, None)
    with pytest.raises(KeyError, match="known roles: kai"):
        book.face("song")


def test_an_edited_fonts_yaml_is_read_again_in_the_same_process(tmp_path):
    # As --watch keeps one process: unchanged, the same book; edited, the new roles.
    import os
    import shutil

    from typeset.pipeline import font_book

    root = Path(__file__).resolve().parents[2]
    (tmp_path / "fonts").mkdir()
    shutil.copy(root / "fonts" / "fonts.yaml", tmp_path / "fonts" / "fonts.yaml")
    first = font_book(tmp_path)
    assert font_book(tmp_path) is first
    assert "NotoSerifCJK" in first.face("body").ref.path
    text = (tmp_path / "fonts" / "fonts.yaml").read_text(encoding="utf-8")
    edited = text.replace("body:        {family: Noto Serif CJK SC, style: Regular",
                          "body:        {family: LXGW WenKai, style: Regular")
    assert edited != text
    (tmp_path / "fonts" / "fonts.yaml").write_text(edited, encoding="utf-8")
    os.utime(tmp_path / "fonts" / "fonts.yaml", ns=(1, 1))  # whatever the clock's resolution
    second = font_book(tmp_path)
    assert second is not first
    assert "WenKai" in second.face("body").ref.path
    assert second.face("hei").ref == first.face("hei").ref
