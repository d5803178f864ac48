"""14.2: `output:` (layout and edition) validated where it is read, into OutputSettings: a
typo or a bad value is an error at its file:line that `check` reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from manifest_kit import BASE, ROOT
from typeset.cli.main import main
from typeset.diagnostics import InputError
from typeset.manifest.layout_file import load_layout
from typeset.model.output import PDFX_VERSIONS, OutputSettings


def _layout_with(tmp_path: Path, old: str, new: str):
    text = (ROOT / "layouts" / "broadsheet-8col.yaml").read_text(encoding="utf-8")
    assert old in text
    lines = text.replace("name: broadsheet-8col", "name: x").split("\n")
    line = next(i for i, t in enumerate(lines, start=1) if old in t)
    (tmp_path / "layouts").mkdir(parents=True)
    shutil.copytree(ROOT / "fonts", tmp_path / "fonts", ignore=shutil.ignore_patterns("*.tt*"))
    (tmp_path / "layouts" / "x.yaml").write_text("\n".join(lines).replace(old, new, 1),
                                                 encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_layout("x", tmp_path)
    return info.value.diagnostics, line


@pytest.mark.parametrize("old,new,code,words", [
    ("jpeg_quality: 85", "jpeg_qualty: 85", "unknown-key", "did you mean 'jpeg_quality'"),
    ("jpeg_quality: 85", "max_ink: fifty", "wrong-type", "number"),
    ("jpeg_quality: 85", "max_ink: 50", "out-of-range", "100 to 400"),
    ("jpeg_quality: 85", "jpeg_quality: 850", "out-of-range", "1..100"),
    ("pdfx: PDF/X-1a:2003", "pdfx: PDF/X-3", "bad-value", "PDF/X-4"),
    ("jpeg_quality: 85", "split_name: '{date}.pdf'", "bad-value", "{page}"),
    ("jpeg_quality: 85", "icc_profile: profiles/none.icc", "missing-file", "none.icc"),
    ("jpeg_quality: 85", "grey_images: sometimes", "wrong-type", "true or false"),
])
def test_a_bad_layout_output_setting_is_an_error_at_its_line(tmp_path, old, new, code, words):
    diags, line = _layout_with(tmp_path, old, new)
    [found] = diags
    assert found.code == code and found.source.line == line, found.format()
    assert found.source.file.endswith("x.yaml")
    assert words in found.message + " " + found.hint


def test_settings_are_typed_and_the_edition_lays_its_own_over_the_layout(maker):
    text = BASE.replace("layout: broadsheet-8col",
                        "layout: broadsheet-8col\noutput: {jpeg_quality: 92, max_ink: 220%, "
                        "split_name: '{issue}-{page:02d}.pdf'}")
    edition, _ = maker.load(maker.write(text))
    output = edition.pages[0].layout.output
    assert isinstance(output, OutputSettings)
    assert (output.jpeg_quality, output.max_ink, output.pdfx) == (92, 220.0, "PDF/X-1a:2003")
    assert output.source("jpeg_quality").file.endswith("edition.yaml")
    assert output.source("pdfx").file.endswith("broadsheet-8col.yaml")
    assert dict(output)["split_name"] == "{issue}-{page:02d}.pdf"


def test_a_typo_in_the_edition_output_fails_check_at_its_line(maker):
    text = BASE.replace("layout: broadsheet-8col",
                        "layout: broadsheet-8col\noutput:\n  jpeg_qualty: 85")
    folder = maker.write(text)
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert "edition.yaml:6:3" in result.output and "jpeg_quality" in result.output


def test_the_pdfx_versions_are_those_the_writer_knows():
    from typeset.render.pdf.options import PDFX_VERSIONS as WRITER

    assert PDFX_VERSIONS == WRITER


def test_the_pdf_options_come_from_the_settings(maker):
    from typeset.pipeline import pdf_options

    text = BASE.replace("layout: broadsheet-8col",
                        "layout: broadsheet-8col\noutput: {jpeg_quality: 77, max_ink: 230}")
    edition, _ = maker.load(maker.write(text))
    options = pdf_options(edition)
    assert (options.jpeg_quality, options.max_ink, options.image_ppi_warn) == (77, 230.0, 170)
