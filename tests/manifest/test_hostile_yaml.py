"""Hostile and malformed manifests: refused with file:line and a fix, never a traceback."""

from __future__ import annotations

from manifest_kit import BASE, line_of

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_refused_at_first_anchor(maker):
    folder = maker.write(ALIAS_BOMB)
    d = maker.one(folder, "yaml-alias")
    assert d.source.line == 1 and "anchor" in d.message


def test_alias_refused(maker):
    folder = maker.write(BASE.replace("section: 要闻", "section: *x"))
    d = maker.one(folder, "yaml-alias")
    assert d.source.line == line_of(folder, "section: *x")


def test_merge_key_refused(maker):
    text = BASE.replace("    section: 要闻\n", "    <<: {section: 要闻}\n")
    d = maker.one(maker.write(text), "yaml-alias")
    assert "merge" in d.message


def test_tab_indentation(maker):
    folder = maker.write(BASE.replace("    editor: 李明", "\teditor: 李明"))
    d = maker.one(folder, "yaml-tab")
    assert (d.source.line, d.source.column) == (line_of(folder, "editor"), 1)
    assert "spaces" in d.hint


def test_duplicate_keys_all_reported(maker):
    text = BASE.replace("issue: 100\n", "issue: 100\nissue: 101\n").replace(
        "    editor: 李明\n", "    editor: 李明\n    editor: 王芳\n")
    folder = maker.write(text)
    diags = [d for d in maker.errors(folder) if d.code == "duplicate-key"]
    assert [d.source.line for d in diags] == [line_of(folder, "issue: 101"),
                                              line_of(folder, "editor: 王芳")]
    assert "first at line" in diags[0].message


def test_syntax_error_has_position(maker):
    folder = maker.write(BASE.replace("section: 要闻", "section: [要闻"))
    d = maker.one(folder, "yaml-syntax")
    assert d.source.line >= line_of(folder, "section: [")


def test_bad_utf8_reports_line_and_column(maker):
    data = BASE.encode().replace("李明".encode(), "李".encode() + "明".encode("gbk")[:1])
    d = maker.one(maker.write(data), "bad-encoding")
    assert (d.source.line, d.source.column) == (8, 14) and "UTF-8" in d.hint


def test_gbk_file_refused(maker):
    d = maker.one(maker.write(BASE.encode("gb18030")), "bad-encoding")
    assert d.source.line == 1


def test_control_character_in_file(maker):
    folder = maker.write(BASE.replace("李明", "李\x07明"))
    d = maker.one(folder, "bad-character")
    assert "U+0007" in d.message and (d.source.line, d.source.column) == (8, 14)


def test_escaped_control_and_surrogate_in_quoted_value(maker):
    for escaped in ("李\\ud800明", "李明\\x1b"):
        folder = maker.write(BASE.replace("李明", f'"{escaped}"'))
        diags = [d for d in maker.errors(folder) if d.code == "bad-character"]
        assert diags and diags[0].source.line == 8, escaped


def test_huge_numbers(maker):
    folder = maker.write(BASE.replace("issue: 100", "issue: " + "9" * 5000))
    d = maker.one(folder, "number-too-large")
    assert d.source.line == 3
    folder = maker.write(BASE.replace("issue: 100", "issue: 99999999999"))
    assert maker.one(folder, "out-of-range").source.line == 3
    folder = maker.write(BASE.replace("bottom: 50", "bottom: .inf"))
    maker.one(folder, "bad-number")


def test_negative_and_zero_sizes(maker):
    folder = maker.write(BASE.replace("span: 4", "span: 0").replace("top: 10", "top: -2"))
    diags = maker.errors(folder)
    assert {d.code for d in diags} == {"out-of-range"}
    assert len(diags) == 2


def test_deep_nesting_refused(maker):
    deep = "x: " + "[" * 500 + "]" * 500 + "\n"
    d = maker.one(maker.write(BASE + deep), "yaml-too-deep")
    assert d.source.line == BASE.count("\n") + 1


def test_file_too_large(maker):
    big = BASE + "# " + "x" * 1_100_000 + "\n"
    maker.one(maker.write(big), "file-too-large")


def test_non_mapping_root(maker):
    for text in ("- a\n- b\n", "just text\n", "42\n"):
        d = maker.one(maker.write(text), "wrong-type")
        assert d.source.line == 1


def test_empty_manifest(maker):
    maker.one(maker.write(""), "wrong-type")


def test_python_tags_refused(maker):
    text = BASE.replace("section: 要闻", "section: !!python/object/apply:os.system [ls]")
    d = maker.one(maker.write(text), "yaml-tag")
    assert d.source.line == 7


def test_unknown_keys_suggest_the_closest(maker):
    text = BASE.replace("paper:", "papr:").replace("    editor:", "    editer:").replace(
        "at: {column: 1,", "at: {colum: 1,")
    diags = [d for d in maker.errors(maker.write(text)) if d.code == "unknown-key"]
    hints = [d.hint for d in diags]
    assert "did you mean 'paper'?" in hints
    assert "did you mean 'editor'?" in hints
    assert "did you mean 'column'?" in hints
    assert all(d.source.line > 0 and d.source.column > 0 for d in diags)


def test_wrong_types_name_expected_type_and_example(maker):
    text = BASE.replace("issue: 100", "issue: hundred").replace("span: 4", "span: [4]")
    diags = [d for d in maker.errors(maker.write(text)) if d.code == "wrong-type"]
    assert len(diags) == 2
    issue = next(d for d in diags if "'issue'" in d.message)
    assert "whole number" in issue.message and "issue: 25812" in issue.hint


def test_bad_dates(maker):
    for bad in ("2026-02-30", "07/03/2026", "2026-3-7", "yesterday", "1066-10-14"):
        d = maker.one(maker.write(BASE.replace("2026-03-07", bad)), "bad-date")
        assert d.source.line == 2


def test_every_error_is_reported_not_just_the_first(maker):
    text = BASE.replace("paper: 测试日报\n", "").replace("issue: 100", "issue: -1").replace(
        "story: one", "story: two")
    codes = {d.code for d in maker.errors(maker.write(text))}
    assert {"missing-key", "out-of-range", "unknown-story"} <= codes
