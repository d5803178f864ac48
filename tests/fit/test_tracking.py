"""Tracking (压字/拉字, typeset/text/prepare.py's `tracking`) in the horizontal composer, and the kicker/
deck spacing of a headline group: the two levers the fit adds last. Real layout and fonts."""

from __future__ import annotations

from dataclasses import replace

from typeset.compose.context import ComposeContext
from typeset.compose.headline import set_headline_group
from typeset.linebreak import set_paragraph
from typeset.model.composition import CompositionRules
from typeset.model.story import Headline, Run

TEXT = ("澄川市今年将新建公共充电桩一千二百个，覆盖全部街道和重点乡镇，新能源汽车车主充电难的"
        "问题将得到缓解。市发展改革委有关负责人介绍，新建的充电桩中快充桩占比超过一半。") * 3


def _set(layout, fonts, tracking: float):
    style = replace(layout.style("body"), tracking=tracking)
    return set_paragraph([Run(TEXT)], style, fonts, 13 * style.size, CompositionRules())


def _gaps(line):
    """Distances between the origins of neighbouring glyphs of a line, pt."""
    xs = [run.x + g.x for run in line.runs for g in run.glyphs]
    return [b - a for a, b in zip(xs, xs[1:])]


def test_tracking_sets_characters_apart_evenly_and_moves_text_to_later_lines(layout, fonts):
    # 13 字 a line: 拉字 of any amount sets 12, 压字 of 1/12 em sets 14
    plain, loose, tight = (_set(layout, fonts, t) for t in (0.0, 0.02, -0.085))
    assert len(loose.lines) > len(plain.lines) > len(tight.lines)
    size = layout.style("body").size
    first_plain, first_loose = plain.lines[1], loose.lines[1]   # a full line, no indent
    assert len(first_loose.text) < len(first_plain.text)        # 拉字: fewer 字 a line
    def median(xs):
        return sorted(xs)[len(xs) // 2]

    assert median(_gaps(first_loose)) >= median(_gaps(first_plain)) + 0.02 * size
    assert len(tight.lines[1].text) > len(first_plain.text)     # 压字: more 字 a line
    assert "".join(line.text for line in loose.lines) == TEXT   # nothing lost


def test_a_tracked_line_still_ends_on_the_measure(layout, fonts):
    para = _set(layout, fonts, 0.03)
    size = layout.style("body").size
    for line in para.lines[:-1]:
        # the last character takes no tracking: the line ends flush with the measure
        assert abs(line.natural - 13 * size) < 0.01, line.text


def test_tracking_is_part_of_the_paragraph_memo_key(layout, fonts):
    assert _set(layout, fonts, 0.0) is _set(layout, fonts, 0.0) or (
        _set(layout, fonts, 0.0).lines == _set(layout, fonts, 0.0).lines)
    assert _set(layout, fonts, 0.02).lines != _set(layout, fonts, 0.0).lines


def _group(layout, fonts, headline: Headline, spacing: int):
    ctx = ComposeContext(layout, fonts, CompositionRules(), None)
    return set_headline_group(headline, 0.0, 0, 5 * 14 * 9.0, ctx, spacing=spacing)


def test_kicker_and_deck_spacing_takes_a_line_fewer_or_more(layout, fonts):
    head = Headline("北山新材料产业园二期全面开工", kicker="春日开新局 项目建设正当时",
                    deck="总投资86.5亿元 建成后年产值预计突破120亿元", level=1)
    normal, tight, loose = (_group(layout, fonts, head, s) for s in (0, -1, 1))
    assert tight.lines == normal.lines - 1 and loose.lines == normal.lines + 1
    assert len(tight.items) == len(normal.items) == len(loose.items)   # the same text


def test_a_headline_without_kicker_or_deck_keeps_its_spacing(layout, fonts):
    head = Headline("北山新材料产业园二期全面开工", level=1)
    assert {_group(layout, fonts, head, s).lines for s in (-1, 0, 1)} == {
        _group(layout, fonts, head, 0).lines}
