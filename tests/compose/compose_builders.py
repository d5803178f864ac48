"""Builders for composition tests: small editions made directly from the model (no manifest
files), so each test states its own page."""

from __future__ import annotations

from pathlib import Path


from typeset.model.edition import Continue, Edition, GridArea, Page, Photo, Slot
from typeset.model.story import Headline, Paragraph, Run, Story


COPY = (
    "澄川市今年将新建公共充电桩1200个，覆盖全部街道和重点乡镇，新能源汽车车主充电难的问题将得到缓解。"
    "市发展改革委有关负责人介绍，新建的充电桩中，快充桩占比超过60%，单桩最大功率达到160kW。"
    "“过去找桩要绕好几条街，现在小区门口就能充。”家住河西街道的市民周女士说。"
    "据统计，截至2月底，全市新能源汽车保有量已达8.6万辆，同比增长37.5%。"
)


def paragraphs(n: int, length: int = 120) -> tuple[Paragraph, ...]:
    """`n` paragraphs of news copy, each `length` characters (cut from COPY, rotated)."""
    out = []
    for i in range(n):
        start = (i * 37) % len(COPY)
        text = (COPY[start:] + COPY)[:length]
        out.append(Paragraph((Run(text),)))
    return tuple(out)


def make_story(story_id: str, n_paragraphs: int, length: int = 120, **kw) -> Story:
    """A news story with a full headline group, a dateline and a byline."""
    headline = kw.pop("headline", Headline("全市新建充电桩千余个", kicker="绿色出行更便利",
                                           deck="年底前实现街道全覆盖"))
    return Story(story_id, headline, paragraphs(n_paragraphs, length), dateline="本报讯",
                 byline="（于健、付磊）", **kw)


def make_edition(layout, folder: Path, stories: dict, pages: list[tuple]) -> Edition:
    """pages: [(number, [Slot, …]), …]."""
    built = tuple(Page(number, layout, tuple(slots), "要闻", "李明") for number, slots in pages)
    return Edition("澄川日报", "2026-03-07", 21876, built, stories, str(folder))


def story_slot(story_id: str, column: int, span: int, top: int, bottom: int, **kw) -> Slot:
    return Slot(kw.pop("id", story_id), "story", GridArea(column, span, top, bottom),
                story=story_id, **kw)


def continuation_slot(slot_id: str, column: int, span: int, top: int, bottom: int) -> Slot:
    return Slot(slot_id, "continuation", GridArea(column, span, top, bottom))



__all__ = ["COPY", "Continue", "Photo", "continuation_slot", "make_edition", "make_story",
           "paragraphs", "story_slot"]
