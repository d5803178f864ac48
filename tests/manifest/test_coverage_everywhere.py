"""13.2 / 12.11 / 12.17: every text the page prints goes through the one coverage check; a
character no font has is an error at its own file:line:column, once; 生僻字 from a fallback font
are a warning naming it."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from manifest_kit import BASE, ROOT, STORY_HEAD  # noqa: F401
from typeset.compose import compose_edition
from typeset.pipeline import font_book

NOWHERE = "\U00030000"   # CJK Extension G: no installed font has it
EXT_B = "\U0002A6A5"     # 𪚥: only the fallback fonts (HanaMin) have it


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 400), (120, 90, 60)).save(out, "JPEG", dpi=(300, 300))
    return out.getvalue()


MANIFEST = """\
paper: 测试日报
date: 2026-03-07
issue: 100
layout: broadsheet-8col
masthead:
  weather: 晴转多云X
pages:
  - number: 1
    section: 要闻X
    editor: 李明X
    slots:
      - story: one
        at: {column: 1, span: 4, top: 10, bottom: 50}
      - label: 聚焦X安全
        at: {column: 5, span: 4, top: 10, bottom: 13}
      - photo: {file: photos/a.jpg, caption: 图片X说明, credit: 记者X摄}
        at: {column: 5, span: 4, top: 13, bottom: 40}
      - photo: {file: photos/b.jpg}
        at: {column: 5, span: 4, top: 40, bottom: 70}
      - ad: {text: 广告X语}
        at: {column: 5, span: 4, top: 70, bottom: 80}
"""
SIDECAR = "第一行说明，\n第二行X说明。\ncredit: 记者 周X 摄\n"


@pytest.fixture(scope="module")
def fonts():
    return font_book(ROOT)


def _compose(maker, fonts, manifest: str, story: str, sidecar: str = SIDECAR):
    folder = maker.write(manifest, stories={"one": story},
                         files={"photos/a.jpg": _jpeg(), "photos/b.jpg": _jpeg(),
                                "photos/b.md": sidecar})
    edition, warnings = maker.load(folder)
    _, diags, _ = compose_edition(edition, fonts)
    return folder, diags


def test_a_character_no_font_has_is_an_error_at_its_place_in_every_printed_text(maker, fonts):
    story = STORY_HEAD.replace("测试标题", "测试X标题") + "正文第一行，\n第二行有X字。\n"
    folder, diags = _compose(maker, fonts, MANIFEST.replace("X", NOWHERE),
                             story.replace("X", NOWHERE), SIDECAR.replace("X", NOWHERE))
    missing = [d for d in diags if d.code == "missing-glyph"]
    places = sorted((d.source.file.rsplit("/", 1)[-1], d.source.line, d.source.column)
                    for d in missing)
    manifest_lines = MANIFEST.split("\n")
    expected = []
    for number, line in enumerate(manifest_lines, start=1):
        for column, char in enumerate(line, start=1):
            if char == "X":
                expected.append(("edition.yaml", number, column))
    expected += [("b.md", 2, 4), ("b.md", 3, 13), ("one.md", 2, 13), ("one.md", 6, 5)]
    assert places == sorted(expected), [d.format() for d in missing]
    assert all(dict(d.data)["characters"] == NOWHERE for d in missing)
    assert all(d.source is not None for d in missing)         # one error each, no echo


def test_a_rare_character_from_a_fallback_font_is_a_warning_naming_it(maker, fonts):
    if fonts.coverage(EXT_B) in (True, False):
        pytest.skip("no fallback font with CJK Ext-B installed (fonts-hanazono)")
    story = STORY_HEAD + f"人名{EXT_B}出现在正文中。\n"
    _, diags = _compose(maker, fonts, BASE, story)
    [found] = [d for d in diags if d.code == "fallback-glyph"]
    assert found.source.line == 5 and found.source.column == 3
    assert "HanaMin" in found.message and dict(found.data)["font"].startswith("HanaMin")
    assert not [d for d in diags if d.code == "missing-glyph"]
