"""12.16: folios with a section letter (A1, A2 …) in the manifest, continue: and --pages."""

from __future__ import annotations

import click
import pytest

from manifest_kit import EditionMaker  # noqa: F401
from typeset.cli.report import parse_pages
from typeset.model.folio import SectionFolio, folio_key, folio_text, parse_folio

SECTIONS = """\
paper: 测试日报
date: 2026-03-07
issue: 100
layout: broadsheet-8col
pages:
  - number: A1
    slots:
      - story: one
        at: {column: 1, span: 4, top: 10, bottom: 20}
        continue: {page: A2, slot: one-cont}
  - number: A2
    slots:
      - id: one-cont
        at: {column: 1, span: 4, top: 0, bottom: 50}
  - number: B1
    slots: []
"""


def test_section_folios_load_and_jumps_resolve(maker):
    edition, _ = maker.load(maker.write(SECTIONS))
    assert [p.number for p in edition.pages] == ["A1", "A2", "B1"]
    assert edition.pages[1].number.section == "A" and edition.pages[1].number.number == 2
    assert edition.pages[0].slots[0].continue_to.page == "A2"
    assert edition.page(SectionFolio("A", 2)) is edition.pages[1]


def test_a_bad_folio_and_a_jump_to_a_missing_section_page_are_errors(maker):
    text = SECTIONS.replace("number: B1", "number: B-1").replace("page: A2,", "page: A9,")
    codes = {d.code: d for d in maker.errors(maker.write(text))}
    assert codes["bad-folio"].source.line == 15
    assert "A9" in codes["jump-target"].message and "A1, A2" in codes["jump-target"].hint


def test_plain_folios_stay_ints():
    assert parse_folio(2) == 2 and type(parse_folio("2")) is int
    assert parse_folio("a02") == "A2" and parse_folio(0) is None and parse_folio("A") is None
    assert sorted([SectionFolio("B", 1), 3, SectionFolio("A", 10), SectionFolio("A", 2), 1],
                  key=folio_key) == [1, 3, "A2", "A10", "B1"]
    assert folio_text("（转第{page}版）", 2) == "（转第2版）"
    assert folio_text("（转第{page}版）", SectionFolio("A", 2)) == "（转A2版）"
    assert f"{SectionFolio('A', 2):02d}" == "A02" and f"{2:02d}" == "02"


def test_parse_pages_takes_section_folios_and_ranges():
    assert parse_pages("2,3") == {2, 3} and parse_pages("1-3") == {1, 2, 3}
    assert parse_pages("A1,A2") == {"A1", "A2"}
    assert parse_pages("A2-A4,B1") == {"A2", "A3", "A4", "B1"}
    for bad in ("A1-B2", "A1-3", "x", "0", "4-2"):
        with pytest.raises(click.BadParameter):
            parse_pages(bad)


def test_split_names_and_patterns(maker):
    from typeset.model.split_names import DEFAULT_SPLIT_NAME, pattern_problem, split_name

    edition, _ = maker.load(maker.write(SECTIONS))
    assert split_name(DEFAULT_SPLIT_NAME, edition, edition.pages[1]) == "20260307_A2.pdf"
    assert split_name("{paper}-{issue}-{page:02d}.pdf", edition, edition.pages[2]) == \
        "测试日报-100-B01.pdf"
    assert pattern_problem(DEFAULT_SPLIT_NAME) is None
    for bad in ("{date:%Y%m%d}.pdf", "{pgae}.pdf", "a/{page}.pdf", "{page}.png", "{page"):
        assert pattern_problem(bad), bad


def test_build_split_writes_one_final_pdf_per_page(tmp_path):
    """`paiban build --split`: one PDF per page, named by the pattern, each holding its page."""
    import re
    import shutil
    from pathlib import Path

    import pikepdf
    from click.testing import CliRunner

    from typeset.cli.main import main

    root = Path(__file__).resolve().parents[2]
    folder = tmp_path / "sample"
    shutil.copytree(root / "editions" / "sample", folder)
    manifest = folder / "edition.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(r"- number: 1\b", "- number: A1", text)
    text = re.sub(r"- number: 2\b", "- number: A2", text)
    text = re.sub(r"- number: 3\b", "- number: A3", text)
    text = text.replace("page: 2,", "page: A2,").replace("page: 3,", "page: A3,")
    manifest.write_text(text, encoding="utf-8")
    out = tmp_path / "plates"
    result = CliRunner().invoke(main, ["build", str(folder), "--split", str(out)])
    assert result.exit_code == 0, result.output
    names = ["20260307_A1.pdf", "20260307_A2.pdf", "20260307_A3.pdf"]
    assert sorted(p.name for p in out.iterdir()) == names
    for name in names:
        with pikepdf.open(out / name) as pdf:
            assert len(pdf.pages) == 1
