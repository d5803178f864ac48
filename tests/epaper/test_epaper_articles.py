"""Articles from the model: authors from datelines and bylines, 栏目 from label slots, file
names for any story id."""

from __future__ import annotations

import pytest

from typeset.model.edition import GridArea, Page, Slot
from typeset.model.story import Headline, Paragraph, Run, Story
from typeset.render.epaper.articles import Article, author_of, section_label
from typeset.render.epaper.html import file_name


def story(dateline="", byline="", signature=""):
    return Story("s", Headline("主题"), (Paragraph((Run("正文。"),)),), dateline=dateline,
                 byline=byline, signature=signature)


@pytest.mark.parametrize("dateline, byline, signature, author", [
    ("本报讯（记者 周晓岚）", "", "", "周晓岚"),
    ("本报讯（记者 许文博 通讯员 李青禾）", "", "", "许文博、李青禾"),
    ("本报讯", "（林涛、许敏）", "", "林涛、许敏"),
    ("", "记者 王立群", "", "王立群"),
    ("本报北京3月6日电 本报记者 王勇", "", "", "王勇"),
    ("", "", "本报评论员", "本报评论员"),
    ("本报讯", "", "", ""),
    ("本报讯（记者 王文博）", "", "", "王文博"),  # a 文 in a name stays
])
def test_the_author_comes_from_the_dateline_then_the_byline(dateline, byline, signature,
                                                             author):
    assert author_of(story(dateline, byline, signature)) == author


def test_text_runs_the_dateline_in_as_printed_and_keeps_every_paragraph():
    def article(dateline, byline="", top=False):
        return Article("s", "", "", "主题", "", "", dateline, byline, top, "",
                       ((Run("第一段"), Run("加粗", True)), (Run("第二段"),)), (), (1,))
    assert article("本报讯（记者 甲）").text == "本报讯（记者 甲）第一段加粗\n第二段"
    assert article("本报讯").text == "本报讯\u3000第一段加粗\n第二段"
    assert article("", "（乙）").text == "第一段加粗\n第二段\n（乙）"
    assert article("", "记者 丙", top=True).text == "记者 丙\n第一段加粗\n第二段"
    assert article("").paragraph_texts == ["第一段加粗", "第二段"]


def test_a_label_slot_heads_the_stack_of_slots_under_it():
    def slot(sid, kind, top, bottom, column=3, span=3, label=""):
        return Slot(sid, kind, GridArea(column, span, top, bottom), label=label)
    label = slot("l", "label", 0, 3, label="聚焦平安澄川")
    first, second = slot("a", "story", 3, 19), slot("b", "story", 19, 35)
    aside = slot("c", "story", 3, 19, column=6)
    page = Page(2, None, (label, first, second, aside))
    assert section_label(page, first) == "聚焦平安澄川"
    assert section_label(page, second) == "聚焦平安澄川"
    assert section_label(page, aside) == ""


def test_file_names_are_safe_and_unique():
    taken: set[str] = set()
    assert file_name("a10-lead", taken) == "a10-lead"
    odd = file_name("稿件 一", taken)
    assert odd.startswith("article-") and odd.isascii()
    assert file_name("A10-LEAD", taken) == "A10-LEAD-2"  # case-blind file systems
    assert file_name("..", taken) != ".."
