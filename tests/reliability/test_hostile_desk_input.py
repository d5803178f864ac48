"""Issue 13.4 / 13.8: hostile input to the desk's commands ends in a clear error, never an
internal error — by kind: huge slot lists, damaged font files, galley's measure and input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from relkit import ROOT, write_edition

from editions_kit import PAGE_ONE


@pytest.mark.parametrize("count", [201, 1000, 10_000])
def test_a_page_with_too_many_slots_is_one_clear_error(cli, tmp_path, count):
    slots = "".join(f"      - label: 标{i}\n        at: {{column: {i % 8 + 1}, span: 1, "
                    f"top: {i % 90}, bottom: {i % 90 + 1}}}\n" for i in range(count))
    folder = write_edition(tmp_path / "ed", PAGE_ONE + slots, stories={})
    result = cli("check", folder, expect=1)
    assert f"{count} slots on one page" in result.output


@pytest.mark.parametrize("keep", [0.5, 0.1, 0.9])
def test_a_cut_off_font_file_is_an_error_naming_the_file(cli, tmp_path, keep):
    source = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
    if not source.exists():
        pytest.skip("LXGW WenKai is not installed")
    project = tmp_path / "proj"
    shutil.copytree(ROOT / "layouts", project / "layouts")
    (project / "fonts").mkdir()
    data = source.read_bytes()
    (project / "fonts" / "Cut.ttf").write_bytes(data[:int(len(data) * keep)])
    roles = (ROOT / "fonts" / "fonts.yaml").read_text(encoding="utf-8").replace(
        "kai:         {family: LXGW WenKai, style: Regular", "kai:         {file: Cut.ttf")
    (project / "fonts" / "fonts.yaml").write_text(roles, encoding="utf-8")
    folder = project / "ed"
    cli("new", folder, "--date", "2026-12-01", expect=0)
    out = tmp_path / "x.pdf"
    result = cli("build", folder, "-o", out, expect=1)
    assert "Cut.ttf" in result.output and not out.exists()


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "+inf"])
def test_galley_refuses_a_measure_that_is_no_number(cli, value):
    result = cli("galley", "--measure", value, "--json", "-", expect=2)
    assert "NaN" not in result.stdout


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.floats(min_value=0.5, max_value=1000, allow_nan=False))
def test_galley_json_is_always_valid_json(value):
    from click.testing import CliRunner

    from typeset.cli.main import main

    result = CliRunner().invoke(main, ["galley", "--measure", repr(value), "--json", "-"],
                                input="测试文字，一段。\n")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=st.sampled_from("测试文字，。") , min_size=0, max_size=8),
       st.sampled_from(["\x00", "\x07", "\x1b", "\x1b[31m", "\x08", "\x7f", "\x9b"]))
def test_galley_refuses_control_characters_like_a_story(text, bad):
    from click.testing import CliRunner

    from typeset.cli.main import main

    result = CliRunner().invoke(main, ["galley", "-"], input=text + bad + "字\n")
    assert result.exit_code == 1
    assert "forbidden character" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_galley_of_an_endless_device_is_refused_after_the_limit(cli):
    result = cli("galley", "/dev/zero", expect=2)
    assert "larger than" in result.output


def test_check_refuses_an_ad_pdf_that_inflates_to_gigabytes(cli, tmp_path):
    """13.4: an ad whose content stream inflates to 1 GiB: check says so (an error at the
    ad's manifest line), quickly and without inflating it."""
    import sys
    import time

    sys.path.insert(0, str(ROOT / "tests" / "preflight"))
    from test_preflight_bounds import _bomb_pdf

    slots = ("      - ad: {file: ads/bomb.pdf}\n"
             "        at: {column: 1, span: 4, top: 10, bottom: 40}\n")
    folder = write_edition(tmp_path / "ed", PAGE_ONE + slots, stories={})
    (folder / "ads").mkdir()
    _bomb_pdf(folder / "ads" / "bomb.pdf", 1024)
    start = time.monotonic()
    result = cli("check", folder, expect=1)
    assert time.monotonic() - start < 20
    assert "ad-too-large" in result.output or "too large" in result.output
    assert "edition.yaml:" in result.output
