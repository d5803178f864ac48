"""A story slot's `headline:` option: how the desk shapes the headline group on the page.

In: the slot's `MapReader`, its grid area and the page's layout. Out: a `HeadlineOption`
(span and lines of a horizontal group, or the side of a vertical one), with problems at the
option's file:line:column. The forms:

    headline: {span: 4, lines: 2}          # horizontal group over 4 columns, 主题 in ≤ 2 lines
    headline: vertical                     # 竖题 at the slot's right edge (vertical-right too)
    headline: vertical-left                # … at its left edge
    headline: {vertical: left, lines: 2}   # vertical: right | left | true; 主题 in ≤ 2 columns
    headline: {spacing: -1}                # 引题/副题 spacing a grid line tighter (1: looser)
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.manifest.fields import MapReader, Problems, kind_of, suggestion
from typeset.manifest.yamlpos import YMap
from typeset.model.edition import GridArea
from typeset.model.layout import Layout

HEADLINE_KEYS = ("span", "lines", "vertical", "spacing")
VERTICAL_WORDS = {"vertical": "right", "vertical-right": "right", "vertical-left": "left"}
SIDES = ("right", "left")
MAX_HEAD_LINES = 20


@dataclass(frozen=True)
class HeadlineOption:
    """What `headline:` asks for (zeros and "" when it is absent)."""

    span: int = 0
    lines: int = 0
    vertical: str = ""
    spacing: int = 0


def read_headline_option(r: MapReader, area: GridArea | None, layout: Layout,
                         problems: Problems) -> HeadlineOption:
    """The slot's `headline:` value in any of its forms (absent: the default option)."""
    if not r.has("headline"):
        return HeadlineOption()
    value = r.raw("headline")
    if isinstance(value, str):
        word = value.strip()
        if word in VERTICAL_WORDS:
            return HeadlineOption(vertical=VERTICAL_WORDS[word])
        problems.error("bad-value", f"'headline' is '{word[:40]}', not one of "
                       f"{', '.join(VERTICAL_WORDS)} (or a mapping such as {{span: 4, lines: 2}})",
                       r.at("headline"), hint=suggestion(word, VERTICAL_WORDS, "values"))
        return HeadlineOption()
    if not isinstance(value, YMap):
        problems.error("wrong-type", f"'headline' must be vertical, vertical-left or a mapping "
                       f"{{span, lines, vertical}}, got {kind_of(value)}", r.at("headline"),
                       hint="write e.g. headline: {span: 4, lines: 2} or headline: vertical")
        return HeadlineOption()
    head = MapReader(value, problems, "headline", HEADLINE_KEYS)
    vertical = _side(head, problems)
    span = head.integer("span", 0, low=1, high=layout.columns, example="3")
    lines = head.integer("lines", 0, low=1, high=MAX_HEAD_LINES, example="2")
    spacing = head.integer("spacing", 0, low=-1, high=1, example="-1")
    if vertical and head.has("span"):
        problems.error("not-here", "'span' sizes a horizontal headline; a vertical headline "
                       "takes the width its columns need", head.key_at("span"),
                       hint="remove span, or remove vertical")
        span = 0
    if area and span > area.span:
        problems.error("headline-too-wide", f"headline span {span} is wider than the slot "
                       f"({area.span} columns)", head.at("span"), hint=f"span: {area.span} or less")
    return HeadlineOption(span, lines, vertical, spacing)


def _side(head: MapReader, problems: Problems) -> str:
    """`vertical: right | left | true | false` → 'right', 'left' or ''."""
    if not head.has("vertical"):
        return ""
    value = head.raw("vertical")
    if isinstance(value, bool):
        return "right" if value else ""
    if isinstance(value, str) and value.strip() in SIDES:
        return value.strip()
    shown = f"'{value}'" if isinstance(value, str) else kind_of(value)
    problems.error("bad-value", f"'vertical' is {shown}, not one of right, left, true, false",
                   head.at("vertical"),
                   hint=suggestion(str(value), SIDES, "values") if isinstance(value, str)
                   else "write e.g. vertical: right")
    return ""
