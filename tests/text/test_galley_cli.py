"""`paiban galley` in-process (cli_kit.run), on the project's layouts and installed fonts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_kit import run

from typeset.fonts import FontBook, FontError
from typeset.manifest.fonts_config import load_font_roles

ROOT = Path(__file__).resolve().parents[2]
GALLEY = ("galley", "--project", ROOT)
COPY = "向新而行、向绿而行、向效而行，抓出有质量、有效率、有回报的投资，太原因地制宜发展新质生产力。"


@pytest.fixture(scope="module", autouse=True)
def fonts_installed():
    try:
        FontBook.resolve(load_font_roles(ROOT), ROOT / "fonts")
    except FontError as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"production fonts not installed: {exc}")


def test_plain_lines_from_stdin_rebuild_the_text():
    result = run(*GALLEY, "--measure", "13", "--indent", "0", "-", input=COPY + "\n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "".join(lines) == COPY
    assert lines[0] == "向新而行、向绿而行、向效而"


def test_json_shape_and_measure():
    result = run(*GALLEY, "--json", "--measure", "10", "-", input=COPY + "\n\n他说：“好。”\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["measure_em"] == 10
    assert [len(p["lines"]) > 0 for p in data["paragraphs"]] == [True, False, True]
    assert "".join(data["paragraphs"][0]["lines"]) == COPY
    assert data["paragraphs"][2]["lines"] == ["他说：“好。”"]


def test_default_measure_is_the_layouts_body_column():
    result = run(*GALLEY, "--json", "-", input=COPY + "\n")
    data = json.loads(result.output)
    assert data["measure_em"] == 13
    # 2-em indent on the first line: 11 characters, then 13 (push-in of the 、 on line 2)
    assert data["paragraphs"][0]["lines"][:2] == ["向新而行、向绿而行、向", "效而行，抓出有质量、有效率、"]


def test_indent_zero_keeps_a_leading_ideographic_space():
    result = run(*GALLEY, "--json", "--indent", "0", "--measure", "6", "-", input="\u3000\u3000甲乙丙丁戊己庚\n")
    assert json.loads(result.output)["paragraphs"][0]["lines"] == ["\u3000\u3000甲乙丙丁", "戊己庚"]


def test_strict_level_keeps_a_dash_off_the_line_start():
    text = "甲乙丙丁戊己庚辛壬癸子丑——寅卯\n"
    basic = json.loads(run(*GALLEY, "--json", "--indent", "0", "--level", "basic", "-", input=text).output)
    strict = json.loads(run(*GALLEY, "--json", "--indent", "0", "--level", "strict", "-", input=text).output)
    default = json.loads(run(*GALLEY, "--json", "--indent", "0", "-", input=text).output)
    assert default == strict            # the shipped layouts keep —— off a line start
    assert basic["paragraphs"][0]["lines"] == ["甲乙丙丁戊己庚辛壬癸子丑", "——寅卯"]
    assert strict["paragraphs"][0]["lines"] == ["甲乙丙丁戊己庚辛壬癸子", "丑——寅卯"]


def test_file_argument(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text(COPY + "\n", encoding="utf-8")
    result = run(*GALLEY, "--measure", "20", str(path))
    assert result.exit_code == 0
    assert "".join(result.output.splitlines()) == COPY


def test_unknown_layout_is_an_error_without_traceback():
    result = run(*GALLEY, "--layout", "no-such-layout", "-", input="甲\n")
    assert result.exit_code == 1
    assert "no-such-layout" in result.output and "Traceback" not in result.output


def test_unknown_style_names_the_known_ones():
    result = run(*GALLEY, "--style", "nope", "-", input="甲\n")
    assert result.exit_code == 1
    assert "nope" in result.output and "body" in result.output


def test_unreadable_file_exits_2(tmp_path):
    result = run(*GALLEY, str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_not_utf8_exits_2(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("中文".encode("gbk"))
    result = run(*GALLEY, str(path))
    assert result.exit_code == 2
    assert "UTF-8" in result.output


def test_uncovered_character_is_reported_and_kept():
    result = run(*GALLEY, "--json", "-", input="甲乙\U00030000丙\n")
    assert result.exit_code == 1
    assert "U+30000" in result.output
