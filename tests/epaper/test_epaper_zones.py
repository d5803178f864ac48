"""Hot zones: polygons from display-list items (made-up items, then the sample edition)."""

from __future__ import annotations

import itertools

import pytest

from typeset.frame import Box, FaceRef, GlyphRun, ImageItem, Marker, PlacedGlyph, Rule
from typeset.render.epaper.boxes import item_box
from typeset.render.epaper.zones import (contains, overlap_area, part_polygon, polygon_rects,
                                         scaled, zone_bounds)

FACE = FaceRef("test.otf", 0, "Test")


def line(x, baseline, chars, size=10.0, role="body"):
    glyphs = tuple(PlacedGlyph(1, i * size, "字") for i in range(chars))
    return GlyphRun(x, baseline, FACE, size, glyphs, "字" * chars, role=role)


def column(x, first_baseline, lines, chars=10, pitch=14.0):
    return [line(x, first_baseline + k * pitch, chars) for k in range(lines)]


def area(polygon):
    return sum((r[2] - r[0]) * (r[3] - r[1]) for r in polygon_rects(polygon))


def test_columns_of_equal_depth_make_one_rectangle_across_the_gutters():
    items = column(0, 30, 5) + column(110, 30, 5) + [Rule(105, 20, 105, 200)]
    polygon = part_polygon(items, (0, 0, 210, 300))
    assert len(polygon) == 4
    xs = sorted({x for x, _ in polygon})
    assert xs == [0, 210]
    assert min(y for _, y in polygon) == 0  # from the slot's top


def test_a_shorter_last_column_leaves_a_step():
    items = [line(0, 20, 21, role="headline-2")] + column(0, 40, 8) + column(110, 40, 3)
    polygon = part_polygon(items, (0, 0, 210, 300))
    assert len(polygon) == 6  # an L
    first_foot = 40 + 7 * 14 + 0.29 * 10
    second_foot = 40 + 2 * 14 + 0.29 * 10
    assert contains(polygon, (0, 0, 100, first_foot - 0.01))
    assert contains(polygon, (110, 0, 210, second_foot - 0.01))
    assert not contains(polygon, (150, second_foot + 5, 160, second_foot + 10))


def test_photo_and_jump_line_are_in_the_zone_and_the_slot_bounds_it():
    photo = ImageItem(0, 0, 100, 80, "p.jpg", (0, 0, 10, 8), (10, 8))
    jump = Marker("jump-out", 110, 150, 100, 14, "（转第2版）")
    slot = Marker("slot", 0, 0, 210, 300, "s")
    items = [photo, Marker("photo", 0, 0, 100, 80, "p.jpg"), jump, slot] + column(0, 100, 3) \
        + column(110, 10, 10, chars=12)  # overhangs the slot's right edge
    polygon = part_polygon(items, (0, 0, 210, 300))
    assert contains(polygon, (0, 0, 100, 80))
    assert contains(polygon, (110, 150, 210, 164))
    assert all(0 <= x <= 210 and 0 <= y <= 300 for x, y in polygon)


def test_slot_outlines_rules_and_proof_markers_are_not_zone_content():
    assert item_box(Marker("slot", 0, 0, 10, 10)) is None
    assert item_box(Marker("overset", 0, 0, 10, 10)) is None
    assert item_box(Rule(0, 0, 0, 100)) is None
    assert item_box(Box(1, 2, 3, 4)) == (1, 2, 4, 6)
    assert part_polygon([Marker("slot", 0, 0, 10, 10)], (0, 0, 10, 10)) is None


def test_a_turned_glyph_box_lies_across_its_baseline():
    run = GlyphRun(50, 10, FACE, 10.0, (PlacedGlyph(1, 0, "A", 0),), "A", rotated=True)
    x0, y0, x1, y1 = item_box(run)
    assert x0 < 50 < x1 and y0 == 10 and y1 == 20


def test_zones_widen_into_gutters_but_stop_short_of_the_middle():
    left, right = (0, 0, 100, 100), (109, 0, 200, 100)
    a = zone_bounds(left, [left, right], 300)
    b = zone_bounds(right, [left, right], 300)
    assert a[2] < b[0] and a[2] > 100 and b[0] < 109
    assert a[0] == 0  # no wider than the trim
    below = (0, 100, 100, 200)
    assert zone_bounds(below, [left, below], 300)[1] == 100  # only sideways


def test_rounding_to_pixels_keeps_zones_apart():
    a = [(0, 0), (100.4, 0), (100.4, 50), (0, 50)]
    b = [(100.6, 0), (200, 0), (200, 50), (100.6, 50)]
    for scale in (1.0, 150 / 72, 3.7):
        assert overlap_area(scaled(a, scale, 0), scaled(b, scale, 0)) == 0


def test_overlap_area_of_rectilinear_polygons():
    ell = [(0, 0), (10, 0), (10, 5), (5, 5), (5, 10), (0, 10)]
    assert area(ell) == 75
    assert overlap_area(ell, [(6, 6), (9, 6), (9, 9), (6, 9)]) == 0
    assert overlap_area(ell, [(8, 3), (12, 3), (12, 8), (8, 8)]) == 4


# The sample edition --------------------------------------------------------------------


@pytest.mark.slow
def test_zones_of_different_articles_never_overlap(sample_site):
    _, _, data = sample_site
    for page in data["pages"]:
        for key in ("zones", "zones_pt"):
            for a, b in itertools.combinations(page["articles"], 2):
                for za, zb in itertools.product(a[key], b[key]):
                    za_, zb_ = [tuple(p) for p in za], [tuple(p) for p in zb]
                    assert overlap_area(za_, zb_) == 0, (page["number"], a["id"], b["id"])


@pytest.mark.slow
def test_the_first_part_zone_holds_the_headline_and_every_part_its_text(sample_site):
    result, _, data = sample_site
    pages = {p["number"]: p for p in data["pages"]}
    for story in result.stories:
        for k, out in enumerate(story.slots):
            entry = next(a for a in pages[out.page]["articles"] if a["id"] == story.story)
            if k == 0:
                assert entry["first_part"] is True
            zones = [[tuple(p) for p in z] for z in entry["zones_pt"]]
            runs = [i for i in out.items if isinstance(i, GlyphRun)]
            heads = [r for r in runs if r.role.startswith("headline")
                     or r.role == "continued"]  # a continued_from slot opens with its 续题
            if k == 0:
                assert heads, story.story
            for run in runs:
                x0, y0, x1, y1 = item_box(run)
                # the run's em box (the ink), cut to its own column edges
                # (an opening mark at a line start hangs its blank half before the column:
                # its ink starts half an em after its origin)
                hang = run.size / 2 if run.text[:1] in "（“‘《〈「『【〔" else 0
                em = (run.x + min(g.x for g in run.glyphs) + hang, y0 + 0.28 * run.size,
                      min(x1, run.x + max(g.x for g in run.glyphs) + run.size * 0.5),
                      y1 - 0.17 * run.size)
                assert any(contains(z, em) for z in zones), (story.story, out.page, run.text)


@pytest.mark.slow
def test_pixel_zones_are_the_point_zones_at_the_image_scale(sample_site):
    _, _, data = sample_site
    for page in data["pages"]:
        scale = page["width"] / 1105.5118110236222
        assert abs(page["height"] / scale - 1530.708661417323) < 1
        for entry in page["articles"]:
            for zpx, zpt in zip(entry["zones"], entry["zones_pt"]):
                assert len(zpx) == len(zpt)
                for (px, py), (x, y) in zip(zpx, zpt):
                    assert isinstance(px, int) and isinstance(py, int)
                    assert abs(px - x * scale) <= 0.51 and abs(py - y * scale) <= 0.51
