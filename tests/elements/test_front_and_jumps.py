"""Front pages, jump wording, continued_from and jump chains (issue 17, "In the manifest")."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from typeset.compose.jump_wording import chinese_number, jump_text, pattern_problem
from typeset.model.folio import SectionFolio

from elements_kit import COPY, HEAD, line_of, page, runs, story, text

LONG = "\n\n".join([COPY] * 14) + "\n"


@pytest.mark.parametrize("number, written", [
    (1, "一"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"),
    (100, "一百"), (105, "一百零五"), (110, "一百一十"), (1024, "一千零二十四"),
])
def test_page_numbers_in_chinese_numerals(number, written):
    assert chinese_number(number) == written


def test_jump_wording_fills_page_page_cn_and_the_section_letter():
    plain, lettered = SimpleNamespace(number=12), SimpleNamespace(number=SectionFolio("A", 2))
    assert jump_text("（下转第{page_cn}版）", plain) == "（下转第十二版）"
    assert jump_text("（转第{page}版）", plain) == "（转第12版）"
    assert jump_text("（转{page}版）", lettered) == "（转A2版）"
    assert jump_text("（下转{letter}叠第{page_cn}版）", lettered) == "（下转A叠第二版）"
    assert jump_text("（转第{number}版）", lettered) == "（转第2版）"


@pytest.mark.parametrize("pattern, says", [
    ("（转第{pgae}版）", "{pgae}"), ("（转第{page版）", "brace"), ("（转下版）", "does not name"),
])
def test_bad_jump_patterns_say_what_is_wrong(pattern, says):
    assert says in pattern_problem(pattern)


def test_a_bad_jump_pattern_in_the_edition_is_an_error_at_its_line(maker):
    manifest = HEAD.replace("pages:\n", 'jump: {out: "（转第{pgae}版）"}\npages:\n') + page(
        1, "- story: one\n  at: {column: 1, span: 4, top: 10, bottom: 50}")
    folder = maker.write(manifest, {"one": story("headline: 标题")})
    d = maker.one(folder, "bad-jump")
    assert d.source.line == line_of(folder, "pgae") and "{page_cn}" in d.hint


def _two_pages(jump: str = "", second: str = "") -> str:
    head = HEAD.replace("pages:\n", jump + "pages:\n")
    return head + page(1, """
        - story: one
          at: {column: 1, span: 2, top: 10, bottom: 30}
          continue: {page: 2, slot: one-cont}
        """) + page(2, """
        - id: one-cont
          at: {column: 1, span: 2, top: 0, bottom: 60}
        """ + second)


def test_the_edition_jump_wording_with_chinese_numerals_on_both_parts(maker):
    folder = maker.write(_two_pages('jump: {out: "（下转第{page_cn}版）", in: "（上接第{page_cn}版）"}\n'),
                         {"one": story("headline: 标题", LONG)})
    result = maker.compose(folder)
    assert text(result, 1, "jump") == "（下转第二版）"
    assert text(result, 2, "body").startswith("（上接第一版）")


def test_a_chain_a_b_c_writes_the_jump_lines_on_every_part(maker):
    manifest = HEAD + page(1, """
        - story: one
          at: {column: 1, span: 2, top: 10, bottom: 25}
          continue: {page: 2, slot: one-b}
        """) + page(2, """
        - id: one-b
          at: {column: 1, span: 2, top: 0, bottom: 15}
          continue: {page: 3, slot: one-c}
        """) + page(3, """
        - id: one-c
          at: {column: 1, span: 3, top: 0, bottom: 90}
        """)
    folder = maker.write(manifest, {"one": story("headline: 长篇通讯", LONG)})
    edition, warnings = maker.load(folder)
    assert edition.pages[1].slots[0].continue_to.slot == "one-c" and warnings == []
    result = maker.compose(folder)
    assert [text(result, n, "jump") for n in (1, 2, 3)] == ["（转第2版）", "（转第3版）", ""]
    assert text(result, 2, "body").startswith("（上接第1版）")
    assert text(result, 3, "body").startswith("（上接第2版）")
    assert text(result, 2, "continued") and text(result, 3, "continued")   # 续题 on B and C
    assert not [d for d in result.diagnostics if d.code in ("overset", "empty-continuation")]


def test_a_loop_through_a_chain_is_still_refused(maker):
    manifest = _two_pages(second="  continue: {page: 2, slot: one-cont}\n")
    folder = maker.write(manifest, {"one": story("headline: 标题", LONG)})
    assert maker.one(folder, "jump-loop")


def test_continue_still_only_belongs_to_story_and_continuation_slots(maker):
    manifest = HEAD + page(1, """
        - label: 聚焦
          at: {column: 1, span: 2, top: 10, bottom: 13}
          continue: {page: 1, slot: x}
        """)
    folder = maker.write(manifest, {})
    d = maker.one(folder, "not-here")
    assert d.source.line == line_of(folder, "continue:")


def test_continued_from_opens_with_the_jump_in_line_and_the_continued_head(maker):
    manifest = HEAD + page(2, """
        - story: rest
          at: {column: 1, span: 3, top: 0, bottom: 40}
          continued_from: {page: 1}
        """)
    folder = maker.write(manifest, {"rest": story("headline: 澄川港外贸航线再添新班\nlevel: 3")})
    result = maker.compose(folder)
    assert text(result, 2, "body").startswith("（上接第1版）" + COPY[:10])
    assert text(result, 2, "continued").replace(" ", "") == "澄川港外贸航线再添新班"
    assert not runs(result, 2, "headline-3")
    body = runs(result, 2, "body")
    assert body[0].y > runs(result, 2, "continued")[0].y


def test_continued_from_takes_a_page_number_only(maker):
    manifest = HEAD + page(1, """
        - story: rest
          at: {column: 1, span: 3, top: 10, bottom: 40}
          continued_from: {page: 0}
        """)
    folder = maker.write(manifest, {"rest": story("headline: 标题")})
    d = maker.one(folder, "out-of-range")
    assert d.source.line == line_of(folder, "continued_from")


def _inside(numbers, front_line: str = "", issue: bool = True) -> str:
    head = HEAD if issue else HEAD.replace("issue: 100\n", "")
    out = head
    for n in numbers:
        extra = front_line if n == numbers[0] else ""
        out += page(n, f"- story: s{n}\n  at: {{column: 1, span: 4, top: 10, bottom: 20}}",
                    extra)
    return out


SHORT = COPY[:60] + "\n"


def test_an_edition_of_inside_pages_has_no_masthead_and_needs_no_issue(maker):
    folder = maker.write(_inside([5, 6, 7, 8], issue=False),
                         {f"s{n}": story("headline: 标题", SHORT) for n in (5, 6, 7, 8)})
    result = maker.compose(folder)
    assert not any(runs(result, n, "masthead") for n in (5, 6, 7, 8))
    assert not [d for d in result.diagnostics if d.code in ("no-masthead-room", "missing-key")]
    assert "第5版" in text(result, 5, "running-head") + text(result, 5, "folio")


def test_front_true_makes_an_inside_page_a_front_page(maker):
    folder = maker.write(_inside([5, 6], "    front: true\n"),
                         {f"s{n}": story("headline: 标题", SHORT) for n in (5, 6)})
    result = maker.compose(folder)
    assert text(result, 5, "masthead") == "测试日报" and not runs(result, 6, "masthead")


def test_front_false_takes_the_masthead_off_page_1(maker):
    folder = maker.write(_inside([1], "    front: false\n", issue=False),
                         {"s1": story("headline: 标题", SHORT)})
    result = maker.compose(folder)
    assert not runs(result, 1, "masthead")
    assert not [d for d in result.diagnostics if d.code in ("no-masthead-room", "missing-key")]
    assert "第1版" in text(result, 1, "running-head") + text(result, 1, "folio")


def test_a_front_page_without_an_issue_is_an_error(maker):
    folder = maker.write(_inside([1], issue=False), {"s1": story("headline: 标题", SHORT)})
    d = maker.one(folder, "missing-key")
    assert "issue" in d.message and "front: false" in d.hint


def test_front_must_be_true_or_false(maker):
    folder = maker.write(_inside([1], "    front: yes please\n"),
                         {"s1": story("headline: 标题", SHORT)})
    d = maker.one(folder, "wrong-type")
    assert d.source.line == line_of(folder, "front:")


def test_continued_from_a_lettered_page(maker):
    manifest = HEAD.replace("pages:\n", 'jump: {in: "（上接{letter}{number}版）"}\npages:\n') + page(
        2, """
        - story: rest
          at: {column: 1, span: 3, top: 0, bottom: 40}
          continued_from: {page: a1}
        """)
    folder = maker.write(manifest, {"rest": story("headline: 标题")})
    result = maker.compose(folder)
    assert text(result, 2, "body").startswith("（上接A1版）")
