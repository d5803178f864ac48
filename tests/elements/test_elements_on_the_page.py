"""The story elements set on the page in their styles (issue 17): crossheads on the grid with
space above, kept with two body lines, broken between phrases; 提要 and 署名 under the headline
group; 编者按 with its lead-in and signature; tagline; `{.style}` paragraphs."""

from __future__ import annotations

import pytest

from typeset.model.grid import PageGrid

from elements_kit import COPY, HEAD, line_of, page, runs, story, text

SLOT = "- story: one\n  at: {column: 1, span: 1, top: 10, bottom: 90}"
"""One column, deep enough for every test's copy: positions compare within the column."""
PARA = COPY + "\n\n"


def _one(maker, front: str, body: str, slot: str = SLOT):
    folder = maker.write(HEAD + page(1, slot), {"one": story(front, body)})
    return folder, maker.compose(folder)


def _grid(result):
    layout = result.edition.pages[0].layout
    return layout, PageGrid(layout)


def _right(run) -> float:
    """Where a run's last glyph ends (about: its origin plus one em)."""
    return run.x + (run.glyphs[-1].x if run.glyphs else 0.0) + run.size


def test_a_crosshead_is_set_in_the_crosshead_style_with_a_line_of_space_above(maker):
    _, result = _one(maker, "headline: 标题", PARA + "## 老厂房里的新生意\n\n" + PARA)
    heads = runs(result, 1, "crosshead")
    assert "".join(r.text for r in heads) == "老厂房里的新生意"
    assert all("Sans" in r.face.name and "Bold" in r.face.name for r in heads)   # 黑体
    layout, grid = _grid(result)
    baselines = [grid.baseline(i) for i in range(layout.lines)]
    assert heads[0].y in baselines                                   # on the baseline grid
    column_x = grid.column_x(1)
    before = max(r.y for r in runs(result, 1, "body") if r.y < heads[0].y)
    assert heads[0].y - before == pytest.approx(2 * layout.line_pitch)   # one empty line
    assert heads[0].x > column_x + layout.body_size                 # centred in the column


def test_a_crosshead_opening_a_column_takes_no_space_above(maker):
    _, result = _one(maker, "headline: 标题", "## 开篇小标题\n\n" + PARA + PARA)
    head = runs(result, 1, "crosshead")[0]
    first_body = min(r.y for r in runs(result, 1, "body"))
    layout, _ = _grid(result)
    assert first_body - head.y == pytest.approx(layout.line_pitch)


@pytest.mark.parametrize("cut", range(0, 130, 9))
def test_a_crosshead_never_ends_a_column_without_two_body_lines_under_it(maker, cut):
    """Whatever the length of the copy before it, a crosshead has two body lines under it in
    its column (it moves to the next column rather than stand at the foot)."""
    body = COPY[:40 + cut] + "\n\n" + PARA * 2 + "## 小标题在这里\n\n" + PARA * 3
    _, result = _one(maker, "headline: 标题", body,
                      "- story: one\n  at: {column: 1, span: 3, top: 10, bottom: 30}")
    layout, grid = _grid(result)
    head = runs(result, 1, "crosshead")[0]
    column = next(c for c in range(1, 9) if grid.column_x(c) <= head.x
                  < grid.column_x(c) + layout.column_width)
    x0, x1 = grid.column_x(column), grid.column_x(column) + layout.column_width
    under = {r.y for r in runs(result, 1, "body") if x0 <= r.x < x1 and r.y > head.y}
    assert len(under) >= 2
    assert not [d for d in result.diagnostics if d.code == "crosshead-at-foot"]


def test_a_long_crosshead_breaks_between_phrases(maker):
    _, result = _one(maker, "headline: 标题",
                     PARA + "## 抢占先机 做强数字经济\n\n" + PARA)
    lines = {}
    for run in runs(result, 1, "crosshead"):
        lines.setdefault(run.y, []).append(run.text)
    assert ["".join(t).strip() for _, t in sorted(lines.items())] == [
        "抢占先机", "做强数字经济"]


def test_summary_and_author_stand_under_the_headline_group(maker):
    _, result = _one(maker, """
        headline: 北山新材料产业园二期全面开工
        summary: [一期集聚规上企业37家, 审批时限压缩至28个工作日]
        author: 本报记者 孙广勇
        byline: （作者为本报江苏分社记者）
        """, PARA * 2, "- story: one\n  at: {column: 1, span: 4, top: 10, bottom: 60}")
    head = runs(result, 1, "headline-1")
    summary, author = runs(result, 1, "summary"), runs(result, 1, "author")
    assert "".join(r.text for r in summary) == "一期集聚规上企业37家审批时限压缩至28个工作日"
    assert "".join(r.text for r in author) == "本报记者 孙广勇"
    body = runs(result, 1, "body")
    assert max(r.y for r in head) < min(r.y for r in summary) < min(r.y for r in author) \
        < min(r.y for r in body)
    assert all("Sans" in r.face.name for r in summary)               # 提要 in 黑体
    assert text(result, 1, "byline") == "（作者为本报江苏分社记者）"  # the end line as well


def test_the_editor_note_comes_first_with_its_lead_in_and_signature(maker):
    _, result = _one(maker, """
        headline: 标题
        editor_note: 即日起，本报推出“看临江区高质量发展”系列报道。
        """, PARA)
    note = runs(result, 1, "editor-note")
    assert note[0].text == "编者按：" and "Bold" in note[0].face.name
    joined = "".join(r.text for r in note)
    assert joined.startswith("编者按：即日起") and joined.endswith("编 者")
    assert max(r.y for r in note) < min(r.y for r in runs(result, 1, "body"))
    layout, grid = _grid(result)
    signature = max(note, key=lambda r: (r.y, r.x))           # the last glyphs: 者
    assert signature.text == "者" and _right(signature) == pytest.approx(grid.column_x(1) + layout.column_width, abs=1.0)


def test_the_tagline_follows_the_body_and_is_no_ad(maker):
    _, result = _one(maker, "headline: 标题\nbyline: （林涛）\ntagline: 本栏目由澄川银行协办", PARA)
    tag = runs(result, 1, "tagline")
    assert "".join(r.text for r in tag) == "本栏目由澄川银行协办"
    assert min(r.y for r in tag) > max(r.y for r in runs(result, 1, "body"))
    assert "广告" not in text(result, 1)


def test_a_style_suffix_sets_the_paragraph_in_that_style(maker):
    _, result = _one(maker, "headline: 标题", PARA + "——编 者 {.signature}\n")
    sig = runs(result, 1, "signature")
    assert "".join(r.text for r in sig) == "——编 者"
    layout, grid = _grid(result)
    assert _right(max(sig, key=lambda r: (r.y, r.x))) == pytest.approx(grid.column_x(1) + layout.column_width, abs=1.0)


def test_an_unknown_paragraph_style_is_an_error_at_the_story_line(maker):
    folder = maker.write(HEAD + page(1, SLOT),
                         {"one": story("headline: 标题", PARA + "结尾。{.sginature}\n")})
    d = maker.one(folder, "unknown-style")
    assert d.source.file.endswith("stories/one.md")
    assert d.source.line == line_of(folder, "sginature", "stories/one.md")
    assert "signature" in d.hint


def test_a_crosshead_that_cannot_move_on_is_reported(maker):
    """Columns too short to take a crosshead and two lines: the crosshead stays, and says so."""
    _, result = _one(maker, "kind: brief", "短段。\n\n## 小标题\n\n" + PARA * 3,
                     "- story: one\n  at: {column: 1, span: 2, top: 10, bottom: 13}")
    [d] = [d for d in result.diagnostics if d.code == "crosshead-at-foot"]
    assert "小标题" in d.message and d.slot == "one"
