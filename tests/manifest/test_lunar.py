"""The 农历 date in the ear: derived from the edition date when `lunar:` is not given (an
explicit `lunar:` wins, `lunar: false` leaves it out), checked against known dates; without
the conversion library the edition still loads, with a warning at the date."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from manifest_kit import BASE, line_of
from typeset.manifest.lunar import LunarUnavailable, day_name, lunar_date, month_name

@pytest.fixture
def converter():
    """lunar-python is a declared dependency: a missing one is a failure, not a skip."""
    import lunar_python  # noqa: F401


@pytest.mark.parametrize("iso,expected", [
    ("2024-02-10", "农历甲辰年正月初一"),        # 春节 2024
    ("2025-01-29", "农历乙巳年正月初一"),        # 春节 2025
    ("2026-02-17", "农历丙午年正月初一"),        # 春节 2026
    ("2026-02-16", "农历乙巳年十二月廿九"),      # 除夕 2026: no 大年三十, year not yet 丙午
    ("2024-02-09", "农历癸卯年十二月三十"),      # 除夕 2024: a 大年三十
    ("2026-03-07", "农历丙午年正月十九"),
    ("2025-10-06", "农历乙巳年八月十五"),        # 中秋 2025
    ("2023-03-22", "农历癸卯年闰二月初一"),      # leap months
    ("2025-07-25", "农历乙巳年闰六月初一"),
    ("2025-07-24", "农历乙巳年六月三十"),        # the day before: the ordinary month
    ("2020-05-23", "农历庚子年闰四月初一"),
    ("2033-12-22", "农历癸丑年闰十一月初一"),    # the '2033 problem': 闰十一月
    ("1900-01-31", "农历庚子年正月初一"),        # the ends of the accepted years
    ("1900-01-01", "农历己亥年十二月初一"),
])
def test_known_dates(converter, iso, expected):
    assert lunar_date(dt.date.fromisoformat(iso)) == expected


def test_day_and_month_names():
    names = [day_name(d) for d in range(1, 31)]
    assert names[:11] == ["初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九",
                          "初十", "十一"]
    assert names[18:22] == ["十九", "二十", "廿一", "廿二"]
    assert names[-2:] == ["廿九", "三十"] and len(set(names)) == 30
    assert [month_name(m) for m in (1, 10, 11, 12)] == ["正月", "十月", "十一月", "十二月"]
    assert month_name(6, leap=True) == "闰六月"
    for bad in (0, 31):
        with pytest.raises(ValueError):
            day_name(bad)
    with pytest.raises(ValueError):
        month_name(13)


def test_every_day_of_a_year_has_a_well_formed_name_and_runs_in_order(converter):
    names = [day_name(d) for d in range(1, 31)]
    day, before, new_months = dt.date(2025, 1, 1), None, []
    while day.year == 2025:
        text = lunar_date(day)
        assert text.startswith("农历") and text[4] == "年" and text[-2:] in names
        if before is not None and text.endswith("初一"):
            new_months.append(text[5:-2])
            assert before[-2:] in ("廿九", "三十")        # months have 29 or 30 days
        elif before is not None:                          # within a month: the next day
            assert text[:-2] == before[:-2]
            assert names.index(text[-2:]) == names.index(before[-2:]) + 1
        before = text
        day += dt.timedelta(days=1)
    # new moons of 2025: 正月初一 on 29 January … 十一月初一 on 20 December, 闰六月 after 六月
    assert new_months == ["正月", "二月", "三月", "四月", "五月", "六月", "闰六月", "七月",
                          "八月", "九月", "十月", "十一月"]


def test_the_edition_derives_the_lunar_date_from_its_date(maker, converter):
    edition, warnings = maker.load(maker.write())
    assert edition.lunar == "农历丙午年正月十九"
    assert not [w for w in warnings if w.code == "lunar-not-derived"]


def test_an_explicit_lunar_wins_and_false_leaves_it_out(maker):
    given = BASE.replace("issue: 100\n", "issue: 100\nlunar: 农历丙午年正月十九（惊蛰）\n")
    assert maker.load(maker.write(given))[0].lunar == "农历丙午年正月十九（惊蛰）"
    off = BASE.replace("issue: 100\n", "issue: 100\nlunar: false\n")
    assert maker.load(maker.write(off))[0].lunar == ""


def test_a_lunar_that_is_not_text_is_an_error_at_its_line(maker):
    folder = maker.write(BASE.replace("issue: 100\n", "issue: 100\nlunar: [1, 2]\n"))
    found = maker.one(folder, "wrong-type")
    assert "'lunar'" in found.message and found.source.line == line_of(folder, "lunar:")


def test_without_the_library_the_edition_loads_with_a_warning_at_the_date(maker, monkeypatch):
    monkeypatch.setitem(sys.modules, "lunar_python", None)     # import fails
    with pytest.raises(LunarUnavailable):
        lunar_date(dt.date(2026, 3, 7))
    folder = maker.write()
    edition, warnings = maker.load(folder)
    assert edition.lunar == ""
    [found] = [w for w in warnings if w.code == "lunar-not-derived"]
    assert found.source.line == line_of(folder, "date:") and "lunar:" in found.hint
