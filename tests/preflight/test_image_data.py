"""13.6: preflight fails a PDF whose image data does not decode (qpdf only warns of it)."""

from __future__ import annotations

import pikepdf
import pytest

from typeset.preflight import preflight


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from pathlib import Path

    from typeset import pipeline

    out = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    root = Path(__file__).resolve().parents[2]
    result = pipeline.build(root / "editions" / "sample", out)
    assert result.outputs, [d.format() for d in result.diagnostics]
    return out


def _status(report, check):
    return report.statuses().get(check)


def test_our_images_decode(built):
    assert _status(preflight(built, "newsprint"), "image_data") == "pass"


def test_an_image_whose_jpeg_data_is_damaged_fails(built, tmp_path):
    damaged = tmp_path / "damaged.pdf"
    with pikepdf.open(built) as pdf:
        image = next(o for o in pdf.objects if isinstance(o, pikepdf.Stream)
                     and o.get("/Subtype") == "/Image")
        filters = image.get("/Filter")
        raw = bytearray(image.read_raw_bytes())
        raw[len(raw) // 3: len(raw) // 3 + 4000] = b"\xff\x00" * 2000  # data broken
        raw = raw[: len(raw) // 2]                                     # and cut off
        image.write(bytes(raw), filter=filters)
        pdf.save(damaged)
    report = preflight(damaged, "newsprint")
    assert _status(report, "image_data") == "fail"
