"""Photo title and label, and captions never longer per line than the caption style allows
(issue 17): on a story's photo and on a standalone photo."""

from __future__ import annotations

import pytest

from typeset.compose.context import ComposeContext
from typeset.compose.photo_title import caption_columns
from typeset.frame import ImageItem

from elements_kit import HEAD, line_of, page, runs, story

LONG_CAPTION = ("3月6日清晨，市民在澄江滨江绿道晨跑。近年来，我市累计建成城市绿道312公里，去年城区"
                "PM2.5年均浓度降至26微克/立方米，空气质量优良天数比例达到91.2%，"
                "绿道沿线新增口袋公园18个，串联起滨江公园、湿地公园等12处城市公园。")


def _images(result, number):
    frame = next(p for p in result.document.pages if p.number == number)
    return [i for i in frame.items if isinstance(i, ImageItem)]


def _lines(result, number, role):
    """Caption lines as (y, x of the first run, width in 字: a Latin letter or digit counts
    half), a line being the runs on one
    baseline that follow each other without a gap wider than 1 em (a column gap is 2 em)."""
    out = []
    by_y = {}
    for run in runs(result, number, role):
        by_y.setdefault(run.y, []).append(run)
    for y, items in sorted(by_y.items()):
        items.sort(key=lambda r: r.x)
        start, chars, end = items[0].x, 0, None
        for run in items:
            if end is not None and run.x - end > 1.0 * run.size:
                out.append((y, start, chars))
                start, chars = run.x, 0
            chars += sum(1 if ord(c) > 0x2E7F else 0.5 for c in run.text.strip())  # in 字
            end = run.x + (run.glyphs[-1].x if run.glyphs else 0) + run.size
        out.append((y, start, chars))
    return out


def test_a_story_photo_takes_a_label_over_it_and_a_title_under_it(maker):
    slot = """
        - story: one
          at: {column: 1, span: 3, top: 10, bottom: 60}
          photo:
            file: photos/p.jpg
            label: 画里有话
            title: “澄远”号起航
            caption: 3月5日，“澄远”号货轮从澄川港三期码头起航。
            credit: 通讯员 郭远航 摄
            lines: 12
        """
    folder = maker.write(HEAD + page(1, slot), {"one": story("headline: 标题")}, ("p.jpg",))
    result = maker.compose(folder)
    [image] = _images(result, 1)
    label, title = runs(result, 1, "label"), runs(result, 1, "photo-title")
    assert "".join(r.text for r in label) == "画里有话"
    assert "".join(r.text for r in title) == "“澄远”号起航"
    assert max(r.y for r in label) < image.y
    caption = runs(result, 1, "caption")
    assert image.y + image.height < min(r.y for r in title) < min(r.y for r in caption)
    assert all("Bold" in r.face.name for r in title)


def test_a_standalone_photo_takes_label_and_title_too(maker):
    slot = """
        - photo: {file: photos/p.jpg, label: 画里有话, title: 绿道晨跑, caption: 市民晨跑。}
          at: {column: 1, span: 3, top: 10, bottom: 40}
        - story: one
          at: {column: 4, span: 3, top: 10, bottom: 40}
        """
    folder = maker.write(HEAD + page(1, slot), {"one": story("headline: 标题")}, ("p.jpg",))
    result = maker.compose(folder)
    [image] = _images(result, 1)
    assert max(r.y for r in runs(result, 1, "label")) < image.y
    assert min(r.y for r in runs(result, 1, "photo-title")) > image.y + image.height
    layout = result.edition.pages[0].layout
    assert image.y + image.height < layout.margins.top + 40 * layout.line_pitch


def test_a_long_caption_under_a_wide_photo_is_set_in_columns_of_at_most_30_characters(maker):
    slot = f"""
        - photo: {{file: photos/p.jpg, caption: "{LONG_CAPTION}", credit: 记者 沈一帆 摄}}
          at: {{column: 1, span: 8, top: 10, bottom: 60}}
        """
    folder = maker.write(HEAD + page(1, slot), {}, ("p.jpg",))
    result = maker.compose(folder)
    lines = _lines(result, 1, "caption")
    assert lines and max(chars for _, _, chars in lines) <= 30
    assert len({x for _, x, _ in lines}) >= 2                       # in columns
    caption = "".join(r.text for r in runs(result, 1, "caption"))
    assert caption.replace(" ", "") == LONG_CAPTION.replace(" ", "")
    credit = runs(result, 1, "credit")       # flush right, on or under the last column's lines
    assert credit and min(r.y for r in credit) >= min(y for y, _, _ in lines)
    assert credit[0].x > max(x for _, x, _ in lines)


def test_a_short_caption_under_a_wide_photo_stays_at_the_left_at_30_characters(maker):
    slot = """
        - photo: {file: photos/p.jpg, caption: 3月6日，北山新材料产业园二期建设现场塔吊林立，工人们正在进行钢结构吊装作业。}
          at: {column: 1, span: 6, top: 10, bottom: 60}
        """
    folder = maker.write(HEAD + page(1, slot), {}, ("p.jpg",))
    lines = _lines(maker.compose(folder), 1, "caption")
    assert len(lines) == 2 and len({x for _, x, _ in lines}) <= 2
    assert max(chars for _, _, chars in lines) <= 30


def test_caption_columns_follow_the_caption_styles_max_chars(maker):
    from dataclasses import replace

    folder = maker.write(HEAD + page(1, "- story: one\n  at: {column: 1, span: 2, top: 10, "
                                        "bottom: 40}"), {"one": story("headline: 标题")})
    result = maker.compose(folder)
    layout = result.edition.pages[0].layout
    size = layout.styles["caption"].size
    ctx = ComposeContext(layout, None, None, result.edition)
    assert caption_columns(layout.column_width, ctx) == (1, layout.column_width)
    count, width = caption_columns(layout.type_width, ctx)
    assert count >= 2 and width <= 30 * size and width == int(width / size) * size
    styles = dict(layout.styles, caption=replace(layout.styles["caption"], max_chars=20))
    narrow = ComposeContext(replace(layout, styles=styles), None, None, result.edition)
    assert caption_columns(layout.type_width, narrow)[1] <= 20 * size


def test_max_chars_must_be_a_whole_number(maker, tmp_path):
    import shutil

    from elements_kit import ROOT
    from typeset.diagnostics import InputError
    from typeset.manifest.layout_file import load_layout

    root = tmp_path / "project"
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "layouts").mkdir()
    text = (ROOT / "layouts" / "broadsheet-8col.yaml").read_text(encoding="utf-8")
    text = text.replace("max_chars: 30,", "max_chars: 三十,")
    (root / "layouts" / "broadsheet-8col.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_layout("broadsheet-8col", root)
    [d] = [d for d in info.value.diagnostics if "max_chars" in d.message]
    assert d.source.line == next(n for n, line in enumerate(text.splitlines(), 1)
                                 if "max_chars: 三十" in line)


@pytest.mark.parametrize("key", ["title", "label"])
def test_photo_title_and_label_must_be_text(maker, key):
    slot = f"""
        - photo: {{file: photos/p.jpg, {key}: [a, b]}}
          at: {{column: 1, span: 3, top: 10, bottom: 40}}
        """
    folder = maker.write(HEAD + page(1, slot), {}, ("p.jpg",))
    d = maker.one(folder, "wrong-type")
    assert d.source.line == line_of(folder, key) and key in d.message


def test_the_credit_stands_flush_right_under_the_photo(maker):
    slot = f"""
        - photo: {{file: photos/p.jpg, caption: "{LONG_CAPTION[:70]}", credit: 记者 沈一帆 摄}}
          at: {{column: 1, span: 8, top: 10, bottom: 60}}
        """
    folder = maker.write(HEAD + page(1, slot), {}, ("p.jpg",))
    result = maker.compose(folder)
    [image] = _images(result, 1)
    credit = runs(result, 1, "credit")
    end = max(r.x + r.glyphs[-1].x + r.size for r in credit)
    assert end == pytest.approx(image.x + image.width, abs=1.0)
    lines = _lines(result, 1, "caption")
    assert max(x for _, x, _ in lines) < image.x + image.width / 2   # columns from the left
