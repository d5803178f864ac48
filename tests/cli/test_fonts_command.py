"""`paiban fonts`: every role resolves to a real face; --check reports what no face covers."""

from __future__ import annotations

from click.testing import CliRunner

from typeset.cli.main import main


def test_every_role_resolves_to_a_simplified_chinese_face_by_name():
    result = CliRunner().invoke(main, ["fonts"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines() if line[:1].strip()}
    assert {"body", "hei-bold", "kai", "latin"} <= set(rows)
    assert "Noto Serif CJK SC" in rows["body"] and ".ttc#" in rows["body"]
    assert "LXGW WenKai" in rows["kai"]


def test_check_lists_characters_no_face_covers(tmp_path):
    text = tmp_path / "copy.txt"
    text.write_text("澄川日报 PM2.5 \U00030000", encoding="utf-8")
    result = CliRunner().invoke(main, ["fonts", "--check", str(text)])
    assert result.exit_code == 1
    assert "U+30000" in result.output


def test_check_passes_for_covered_text():
    result = CliRunner().invoke(main, ["fonts", "--check", "-"], input="澄川日报，PM2.5。\n")
    assert result.exit_code == 0, result.output
    assert "covers all" in result.output
