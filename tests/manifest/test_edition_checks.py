"""Edition-wide checks before layout: each broken edition gives its message at its line."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from manifest_kit import BASE, STORY, line_of


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (90, 120, 200)).save(out, "JPEG")
    return out.getvalue()


TWO_PAGES = BASE + """\
        continue: {page: 2, slot: one-cont}
  - number: 2
    section: 综合
    editor: 王芳
    slots:
      - id: one-cont
        at: {column: 1, span: 2, top: 0, bottom: 30}
"""


def test_small_edition_loads(maker):
    edition, warnings = maker.load(maker.write(TWO_PAGES))
    assert warnings == []
    slot = edition.pages[0].slots[0]
    assert slot.id == "one" and slot.continue_to.slot == "one-cont"
    assert edition.pages[1].slots[0].kind == "continuation"


def test_overlapping_slots(maker):
    text = BASE + "      - story: two\n        at: {column: 1, span: 4, top: 48, bottom: 60}\n"
    folder = maker.write(text, stories={"one": STORY, "two": STORY})
    d = maker.one(folder, "overlap")
    assert d.source.line == line_of(folder, "story: two")
    assert "'one'" in d.message and "4 column(s) × 2 line(s) from column 1, line 48" in d.message
    assert "start 'two' at top: 50" in d.hint


def test_overlap_side_by_side_suggests_a_column(maker):
    text = BASE + "      - story: two\n        at: {column: 4, span: 3, top: 10, bottom: 50}\n"
    d = maker.one(maker.write(text, stories={"one": STORY, "two": STORY}), "overlap")
    assert "start 'two' at column: 5" in d.hint


def test_adjacent_slots_do_not_overlap(maker):
    text = BASE + "      - story: two\n        at: {column: 5, span: 2, top: 10, bottom: 50}\n" \
                  "      - story: three\n        at: {column: 1, span: 4, top: 50, lines: 5}\n"
    edition, _ = maker.load(maker.write(text, stories={"one": STORY, "two": STORY,
                                                       "three": STORY}))
    assert edition.pages[0].slots[2].area.bottom == 55


def test_slot_off_the_type_area(maker):
    folder = maker.write(BASE.replace("span: 4", "span: 9").replace("bottom: 50", "bottom: 101"))
    diags = maker.errors(folder)
    assert [d.code for d in diags] == ["off-type-area", "off-type-area"]
    folder = maker.write(BASE.replace("column: 1, span: 4", "column: 6, span: 4"))
    d = maker.one(folder, "off-type-area")
    assert "columns 6–9" in d.message and "span: 3" in d.hint
    folder = maker.write(BASE.replace("top: 10, bottom: 50", "top: 50, bottom: 50"))
    maker.one(folder, "empty-slot")


def test_unknown_story_suggests_closest_id(maker):
    folder = maker.write(BASE.replace("story: one", "story: a10-leed"),
                         stories={"a10-lead": STORY})
    d = maker.one(folder, "unknown-story")
    assert "a10-leed" in d.message and "stories/a10-leed.md" in d.message
    assert "did you mean 'a10-lead'?" in d.hint
    assert d.source.line == line_of(folder, "story: a10-leed")


def test_missing_photo_names_the_path_looked_for(maker):
    text = BASE + "        photo: {file: photos/nope.jpg, span: 2, lines: 10}\n"
    folder = maker.write(text)
    d = maker.one(folder, "missing-file")
    assert d.message.endswith(f"{folder}/photos/nope.jpg")
    assert d.source.line == line_of(folder, "photos/nope.jpg")


def test_photo_with_sidecar_caption(maker):
    text = BASE + "        photo: {file: photos/a.jpg, span: 2, lines: 10}\n"
    folder = maker.write(text, files={"photos/a.jpg": _jpeg(),
                                      "photos/a.md": "江边的早晨。\ncredit: 张三 摄\n"})
    edition, _ = maker.load(folder)
    photo = edition.pages[0].slots[0].photo
    assert (photo.caption, photo.credit) == ("江边的早晨。", "张三 摄")


def test_photo_too_big_for_its_slot(maker):
    text = BASE + "        photo: {file: photos/a.jpg, span: 5, lines: 40}\n"
    folder = maker.write(text, files={"photos/a.jpg": _jpeg()})
    diags = [d for d in maker.errors(folder) if d.code == "photo-too-big"]
    assert len(diags) == 2


def test_duplicate_page_numbers_and_slot_ids(maker):
    text = BASE + "      - id: one\n        at: {column: 5, span: 2, top: 10, bottom: 20}\n" + \
        "  - number: 1\n    slots: []\n"
    folder = maker.write(text)
    codes = [d.code for d in maker.errors(folder)]
    assert "duplicate-page" in codes and "duplicate-slot" in codes


def test_story_placed_twice(maker):
    text = BASE + "      - story: one\n        at: {column: 5, span: 2, top: 10, bottom: 20}\n"
    folder = maker.write(text)
    d = next(d for d in maker.errors(folder) if d.code == "story-placed-twice")
    assert "continue:" in d.hint


def test_jump_to_missing_page_and_slot(maker):
    folder = maker.write(TWO_PAGES.replace("{page: 2, slot: one-cont}", "{page: 3, slot: x}"))
    d = maker.one(folder, "jump-target")
    assert "page 3" in d.message and d.source.line == line_of(folder, "page: 3")
    folder = maker.write(TWO_PAGES.replace("slot: one-cont}", "slot: one-con}"))
    d = maker.one(folder, "jump-target")
    assert "did you mean 'one-cont'?" in d.hint


def test_jump_into_a_slot_holding_another_story(maker):
    text = TWO_PAGES.replace("      - id: one-cont\n", "      - story: two\n        id: one-cont\n")
    folder = maker.write(text, stories={"one": STORY, "two": STORY})
    d = maker.one(folder, "jump-target")
    assert "already holds story 'two'" in d.message


def test_jump_loop(maker):
    text = TWO_PAGES + """\
        continue: {page: 2, slot: more}
      - id: more
        at: {column: 3, span: 2, top: 0, bottom: 30}
        continue: {page: 2, slot: one-cont}
"""
    d = maker.one(maker.write(text), "jump-loop")
    assert "one-cont → more → one-cont" in d.message or "more → one-cont → more" in d.message


def test_jump_into_itself(maker):
    text = BASE + "        continue: {page: 1, slot: one}\n"
    maker.one(maker.write(text), "jump-loop")


def test_two_stories_into_one_continuation(maker):
    text = TWO_PAGES.replace("  - number: 2", """\
      - story: two
        at: {column: 5, span: 2, top: 10, bottom: 20}
        continue: {page: 2, slot: one-cont}
  - number: 2""")
    d = maker.one(maker.write(text, stories={"one": STORY, "two": STORY}), "jump-target")
    assert "both continue" in d.message


def test_unused_continuation_and_story_are_warnings(maker):
    text = BASE + "      - id: spare\n        at: {column: 5, span: 2, top: 10, bottom: 20}\n"
    edition, warnings = maker.load(maker.write(text, stories={"one": STORY, "extra": STORY}))
    assert sorted(w.code for w in warnings) == ["unused-slot", "unused-story"]


def test_unknown_layout(maker):
    folder = maker.write(BASE.replace("layout: broadsheet-8col", "layout: broadsheet"))
    d = maker.one(folder, "unknown-layout")
    assert d.source.line == 4 and "broadsheet-8col" in d.hint


def test_page_layout_override_and_output_override(maker):
    text = BASE.replace("    section: 要闻\n", "    layout: tabloid-6col\n    section: 要闻\n") + \
        "output: {jpeg_quality: 92}\n"
    edition, _ = maker.load(maker.write(text))
    layout = edition.pages[0].layout
    assert layout.name == "tabloid-6col" and layout.output["jpeg_quality"] == 92


def test_label_ad_and_form_errors(maker):
    text = BASE + """\
      - label: 聚焦安全生产
        at: {column: 5, span: 4, top: 10, bottom: 13}
      - ad: {text: 福运相伴}
        at: {column: 5, span: 4, top: 13, bottom: 20}
      - ad: {}
        at: {column: 5, span: 4, top: 20, bottom: 25}
      - label: 两样
        ad: {text: x}
        at: {column: 5, span: 4, top: 25, bottom: 30}
      - at: {column: 5, span: 4, top: 30, bottom: 35}
"""
    diags = [d for d in maker.errors(maker.write(text)) if d.code == "slot-form"]
    assert len(diags) == 3


def test_headline_level_needs_a_style(maker):
    story = STORY.replace("headline: 测试标题", "headline: 测试标题\nlevel: 7")
    d = maker.one(maker.write(BASE, stories={"one": story}), "unknown-style")
    assert "headline-7" in d.message


def test_broken_story_file_reported_with_its_line(maker):
    story = STORY.replace("headline: 测试标题", "headlin: 测试标题")
    folder = maker.write(BASE, stories={"one": story})
    d = maker.one(folder, "unknown-key")
    assert d.source.file.endswith("stories/one.md") and d.source.line == 2
    assert "did you mean 'headline'?" in d.hint


def test_story_body_control_character(maker):
    story = STORY.replace("第二段正文。", "第二段\x0b正文。")
    folder = maker.write(BASE, stories={"one": story})
    d = maker.one(folder, "bad-character")
    assert d.source.file.endswith("stories/one.md")
    assert (d.source.line, d.source.column) == (7, 4) and "U+000B" in d.message


@pytest.mark.parametrize("written", [
    "../outside.jpg", "photos/../../outside.jpg", "/etc/passwd", "C:/x.jpg", "~/x.jpg",
    "photos\\a.jpg"])
def test_paths_outside_the_edition_are_refused(maker, written):
    text = BASE + f"        photo: {{file: '{written}', span: 2, lines: 10}}\n"
    folder = maker.write(text, files={"photos/a.jpg": _jpeg()})
    (folder.parent / "outside.jpg").write_bytes(_jpeg())
    d = maker.one(folder, "unsafe-path")
    assert d.source.line == line_of(folder, "photo:")


def test_symlink_escaping_the_edition_is_refused(maker, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(_jpeg())
    text = BASE + "        photo: {file: photos/link.jpg, span: 2, lines: 10}\n"
    folder = maker.write(text)
    os.symlink(secret, folder / "photos" / "link.jpg")
    d = maker.one(folder, "unsafe-path")
    assert "outside the edition" in d.message


def test_story_id_cannot_escape(maker):
    folder = maker.write(BASE.replace("story: one", "story: ../../etc/passwd"))
    maker.one(folder, "unsafe-path")


def test_not_an_image_extension(maker):
    text = BASE + "        photo: {file: photos/a.gif, span: 2, lines: 10}\n"
    maker.one(maker.write(text, files={"photos/a.gif": b"GIF89a"}), "bad-image")


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels (no real image data)."""
    import struct
    import zlib
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.mark.parametrize("content,words", [
    (b"this is not a picture", "not an image"),
    (_png_header(30000, 30000), "safety limit"),
    ("gif", "GIF"),
])
def test_files_that_are_not_usable_images(maker, content, words):
    if content == "gif":
        out = io.BytesIO()
        Image.new("P", (8, 8)).save(out, "GIF")
        content = out.getvalue()
    text = BASE + "        photo: {file: photos/a.png, span: 2, lines: 10}\n"
    folder = maker.write(text, files={"photos/a.png": content})
    d = maker.one(folder, "bad-image")
    assert words in d.message and d.source.line == line_of(folder, "photos/a.png")


def test_ad_file_must_be_an_image_or_a_pdf(maker):
    text = BASE + "      - ad: {file: ads/x.gif}\n        at: {column: 5, span: 2, top: 10, bottom: 20}\n"
    maker.one(maker.write(text, files={"ads/x.gif": b"GIF89a"}), "bad-image")
    text = BASE + "      - ad: {file: ads/x.pdf}\n        at: {column: 5, span: 2, top: 10, bottom: 20}\n"
    maker.one(maker.write(text, files={"ads/x.pdf": b"not a pdf at all"}), "bad-ad")


def test_slot_edges_may_be_given_in_mm_and_snap_to_the_grid(tmp_path):
    """`top: 0mm, bottom: 140mm` → grid lines; an edge off the grid is snapped and reported."""
    from typeset.cli.main import main
    from click.testing import CliRunner

    folder = tmp_path / "ed"
    CliRunner().invoke(main, ["new", str(folder), "--date", "2026-12-01", "--pages", "1"])
    manifest = folder / "edition.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("at: {column: 1, span: 8, top: 55, bottom: 58}",
                        "at: {column: 1, span: 8, top: 55, bottom: 275.5mm}")
    manifest.write_text(text, encoding="utf-8")
    from typeset.manifest import load_edition

    edition, warnings = load_edition(folder)
    label = next(s for s in edition.pages[0].slots if s.kind == "label")
    assert label.area.bottom == round(275.5 * 72 / 25.4 / 13.5)
    assert [w.code for w in warnings if w.code == "snapped-to-grid"] == ["snapped-to-grid"]


def test_columns_on_a_story_slot_sets_biancolumns_and_too_narrow_is_refused(tmp_path):
    """`columns: 2` across 3 base columns is 变栏; 9 columns across 3 would be too narrow."""
    from click.testing import CliRunner

    from typeset.cli.main import main
    from typeset.diagnostics import InputError
    from typeset.manifest import load_edition

    folder = tmp_path / "ed"
    CliRunner().invoke(main, ["new", str(folder), "--date", "2026-12-01", "--pages", "1"])
    manifest = folder / "edition.yaml"
    base = manifest.read_text(encoding="utf-8")
    wide = "at: {column: 1, span: 8, top: 10, bottom: 55}"
    assert wide in base
    manifest.write_text(base.replace(wide, wide + "\n        columns: 5"), encoding="utf-8")
    edition, _ = load_edition(folder)
    assert edition.pages[0].slots[0].text_columns == 5
    manifest.write_text(base.replace(wide, wide + "\n        columns: 16"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_edition(folder)
    assert [d.code for d in info.value.diagnostics] == ["columns-too-narrow"]


def test_a_photo_height_may_be_given_in_lines_or_as_a_length(maker):
    from typeset.manifest import load_edition

    for height, expected in (("20", 20), ("81mm", round(81 * 72 / 25.4 / 13.5))):
        text = BASE.replace("        at: {column: 1, span: 4, top: 10, bottom: 50}",
                            "        at: {column: 1, span: 4, top: 10, bottom: 50}\n"
                            f"        photo: {{file: photos/p.jpg, span: 2, height: {height}}}")
        folder = maker.write(text, files={"photos/p.jpg": _tiny_jpeg()})
        edition, _ = load_edition(folder)
        assert edition.pages[0].slots[0].photo.lines == expected


def _tiny_jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 120, 160)).save(buffer, "JPEG")
    return buffer.getvalue()
