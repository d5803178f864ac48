"""PDF ads as a print shop expects them placed: the chosen page, only its trim area (bleed and
marks clipped away), stretched to fill when the proportions are within 3 %, else letterboxed
with a warning."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from ad_pdfs import MM, bleed_ad, cmyk_ad
from click.testing import CliRunner

from typeset.cli.main import main
from typeset.compose.furniture import pdf_ad
from typeset.diagnostics import SourceRef
from typeset.model.edition import GridArea, Slot
from typeset.render.pdf.placed_pages import FormPlacement, add_forms, placement_matrix
from editions_kit import fill_in

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def place(tmp_path: Path, ad: Path, rect, stretch: bool, page: int = 0,
          size=(400.0, 300.0)) -> Path:
    """A blank page of `size` with page `page` of `ad` placed on `rect` (x0, y0, x1, y1)."""
    out = tmp_path / "placed.pdf"
    pdf = pikepdf.new()
    target = pdf.add_blank_page(page_size=size)
    sources: dict[str, pikepdf.Pdf] = {}
    add_forms(pdf, target, [FormPlacement("TSPg1", str(ad), page, rect, stretch)], sources)
    pdf.save(out)
    for source in sources.values():
        source.close()
    return out


def pixels(path: Path, scale: float = 1.0):
    document = pdfium.PdfDocument(str(path))
    image = document[0].render(scale=scale).to_pil().convert("RGB")
    document.close()
    return image


def is_cyan(rgb) -> bool:
    return rgb[0] < 80 and rgb[1] > 120 and rgb[2] > 180


def is_magenta(rgb) -> bool:
    return rgb[0] > 180 and rgb[1] < 80 and rgb[2] > 100


def is_white(rgb) -> bool:
    return min(rgb) > 245


# -- the placement matrix ------------------------------------------------------------------

def test_stretch_maps_the_box_onto_the_rect_exactly():
    assert placement_matrix(IDENTITY, (10, 20, 110, 70), (0, 0, 200, 103), True) == \
        pytest.approx((2.0, 0, 0, 103 / 50, -20.0, -20 * 103 / 50))


def test_fit_keeps_proportions_and_centres():
    sx, _, _, sy, tx, ty = placement_matrix(IDENTITY, (0, 0, 100, 50), (0, 0, 300, 300), False)
    assert sx == sy == pytest.approx(3.0)
    assert (tx, ty) == pytest.approx((0.0, 75.0))


def test_a_rotated_form_is_measured_as_it_is_seen():
    # /Rotate 90 as QPDF writes it: the 260 × 160 box is seen 160 wide and 260 high.
    matrix = (0.0, -1.0, 1.0, 0.0, 0.0, 260.0)
    sx, _, _, sy, tx, ty = placement_matrix(matrix, (20, 20, 280, 180), (0, 0, 160, 260), True)
    assert (sx, sy) == pytest.approx((1.0, 1.0))
    assert (tx, ty) == pytest.approx((-20.0, 20.0))


# -- the trim box on the page --------------------------------------------------------------

def test_only_the_trim_area_of_an_ad_with_bleed_is_visible(tmp_path):
    ad = bleed_ad(tmp_path / "bleed.pdf")
    rect = (50.0, 50.0, 50 + 100 * MM, 50 + 50 * MM)
    out = place(tmp_path, ad, rect, stretch=True)
    with pikepdf.open(out) as pdf, pikepdf.open(ad) as source:
        form = pdf.pages[0].Resources.XObject.TSPg1
        assert [float(v) for v in form.BBox] == pytest.approx(
            [float(v) for v in source.pages[0].TrimBox])
    image = pixels(out)
    height = image.height
    x0, x1 = int(rect[0]) + 2, int(rect[2]) - 2
    top, bottom = height - int(rect[3]) + 2, height - int(rect[1]) - 2
    inside = [image.getpixel((x, y)) for x in range(x0, x1, 7) for y in range(top, bottom, 7)]
    assert inside and all(is_cyan(p) for p in inside)
    around = [image.getpixel((x, y)) for x in range(0, image.width, 5) for y in range(
        image.height) if not (rect[0] - 1 <= x <= rect[2] + 1
                              and height - rect[3] - 1 <= y <= height - rect[1] + 1)]
    assert not any(is_magenta(p) for p in around)
    assert all(is_white(p) for p in around)


def test_a_stretched_ad_fills_its_rect_to_the_edges(tmp_path):
    ad = cmyk_ad(tmp_path / "ad.pdf", 200, 100)
    rect = (100.0, 100.0, 306.0, 200.0)      # 3 % wider than the ad
    image = pixels(place(tmp_path, ad, rect, stretch=True))
    h = image.height
    for x, y in ((101, h - 101), (305, h - 101), (101, h - 199), (305, h - 199)):
        assert not is_white(image.getpixel((x, y))), (x, y)
    assert is_white(image.getpixel((308, h - 150)))


def test_an_unstretched_ad_is_letterboxed_centred(tmp_path):
    ad = cmyk_ad(tmp_path / "ad.pdf", 200, 100)
    image = pixels(place(tmp_path, ad, (0.0, 0.0, 400.0, 300.0), stretch=False))
    assert is_white(image.getpixel((200, 20)))          # above the ad
    assert not is_white(image.getpixel((200, 150)))     # its middle
    assert not is_white(image.getpixel((2, 52)))        # it spans the full width


def test_the_chosen_page_is_the_one_placed(tmp_path):
    ad = cmyk_ad(tmp_path / "two.pdf", pages=2)
    out = place(tmp_path, ad, (0.0, 0.0, 200.0, 100.0), stretch=True, page=1)
    with pikepdf.open(out) as pdf:
        content = pdf.pages[0].Resources.XObject.TSPg1.read_bytes()
    assert b".4 0 0 0 k" in content and b".2 0 0 0 k" not in content


# -- fitting in compose --------------------------------------------------------------------

def ad_slot_with(trim) -> Slot:
    return Slot("ad-1-3", "ad", GridArea(5, 4, 10, 30), ad_file="ads/x.pdf", ad_trim=trim,
                source=SourceRef("edition.yaml", 12, 9))


def test_within_three_percent_the_ad_fills_its_area_with_no_warning():
    placed, note = pdf_ad(ad_slot_with((206.0, 100.0)), 10, 20, 200, 100, "/e/ads/x.pdf")
    assert note is None
    assert (placed.x, placed.y, placed.width, placed.height, placed.stretch) == (
        10, 20, 200, 100, True)


def test_a_wider_slot_letterboxes_the_ad_and_says_what_is_left_empty():
    placed, note = pdf_ad(ad_slot_with((100 * MM, 50 * MM)), 0, 0, 120 * MM, 50 * MM, "x")
    assert placed.stretch and placed.width == pytest.approx(100 * MM)
    assert placed.x == pytest.approx(10 * MM) and placed.height == pytest.approx(50 * MM)
    assert note.code == "ad-aspect" and note.severity.value == "warning"
    assert note.slot == "ad-1-3" and note.source.line == 12
    assert "100.0 × 50.0 mm" in note.message and "120.0 × 50.0 mm" in note.message
    assert "10.0 mm empty left and right" in note.message


def test_a_taller_slot_leaves_space_above_and_below():
    placed, note = pdf_ad(ad_slot_with((100.0, 100.0)), 0, 0, 100, 150, "x")
    assert placed.y == pytest.approx(25) and placed.height == pytest.approx(100)
    assert "empty above and below" in note.message


def test_without_a_known_trim_the_renderer_fits_it():
    placed, note = pdf_ad(ad_slot_with(None), 0, 0, 100, 150, "x")
    assert note is None and not placed.stretch and placed.height == 150


# -- end to end ----------------------------------------------------------------------------

@pytest.fixture()
def edition(tmp_path) -> Path:
    folder = tmp_path / "ed"
    assert CliRunner().invoke(main, ["new", str(folder), "--date", "2026-12-01",
                                     "--pages", "2"]).exit_code == 0
    fill_in(folder)
    (folder / "ads").mkdir()
    return folder


def use_ad(folder: Path, ad: str) -> int:
    manifest = folder / "edition.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("      - ad: {text: 广告语}", f"      - ad: {ad}", 1)
    manifest.write_text(text, encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if f"ad: {ad}" in line)


def test_check_warns_of_a_misshapen_ad_and_the_build_places_it_letterboxed(edition, tmp_path):
    cmyk_ad(edition / "ads" / "square.pdf", 300, 300)
    line = use_ad(edition, "{file: ads/square.pdf}")
    checked = CliRunner().invoke(main, ["check", str(edition)])
    assert checked.exit_code == 0, checked.output
    assert f"edition.yaml:{line}" in checked.output
    assert "ad ads/square.pdf is 105.8 × 105.8 mm (trim)" in checked.output
    assert "empty" in checked.output
    out = tmp_path / "final.pdf"
    assert CliRunner().invoke(main, ["build", str(edition), "-o", str(out)]).exit_code == 0
    with pikepdf.open(out) as pdf:
        page = pdf.pages[1]
        assert "/TSPg1" in page.Resources.XObject
        placed = [i for i in pikepdf.parse_content_stream(page, "cm Do")]
    do = next(n for n, (ops, op) in enumerate(placed) if str(op) == "Do" and
              str(ops[0]) == "/TSPg1")
    sx, _, _, sy, _, _ = (float(v) for v in placed[do - 1][0])
    assert sx == pytest.approx(sy)    # a square ad stays square


def test_print_readiness_of_the_ad_is_told_by_check(edition):
    from ad_pdfs import rgb_ad

    rgb_ad(edition / "ads" / "rgb.pdf")
    line = use_ad(edition, "{file: ads/rgb.pdf}")
    checked = CliRunner().invoke(main, ["check", str(edition)])
    assert f"edition.yaml:{line}" in checked.output
    assert "ads/rgb.pdf is not CMYK" in checked.output
