"""The 农历 (Chinese calendar) date of an issue, as the ear prints it: 农历丙午年正月十九.

In: a Gregorian `datetime.date` (1900–2200, the years `dates.parse_date` accepts). Out: the
text `农历<干支>年<月>月<日>`. The conversion is lunar-python's (6tail/lunar-python, MIT, pure
Python: new moons and solar terms computed astronomically, as the official 农历 is); this
module only names the parts the way newspapers print them:

- the year by its 干支, counted from 正月初一 (春节), not from 立春: 2026-02-16 is still 乙巳年;
- months 正月, 二月 … 十月, 十一月, 十二月 (the names of GB/T 33661-2017; 冬月 and 腊月 are
  the colloquial ones), a leap month with 闰 (闰六月);
- days 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十.

`LunarUnavailable` is raised when lunar-python is not installed; the caller reports it.
"""

from __future__ import annotations

import datetime as dt

MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
DIGITS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
PACKAGE = "lunar-python"


class LunarUnavailable(RuntimeError):
    """The conversion library is not installed; the message says what to do."""


def lunar_parts(day: dt.date) -> tuple[str, int, int, bool]:
    """(干支 of the lunar year, month 1–12, day 1–30, leap month?) of `day`."""
    try:
        from lunar_python import Solar
    except ImportError:
        raise LunarUnavailable(
            f"the 农历 date cannot be derived: the Python package {PACKAGE} is not "
            "installed") from None
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    month = lunar.getMonth()            # negative for a leap month
    return lunar.getYearInGanZhi(), abs(month), lunar.getDay(), month < 0


def month_name(month: int, leap: bool = False) -> str:
    """1 → '正月', 11 → '十一月'; a leap month is prefixed 闰 (闰六月)."""
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month {month} is outside 1..12")
    return ("闰" if leap else "") + MONTHS[month - 1] + "月"


def day_name(day: int) -> str:
    """1 → '初一', 10 → '初十', 15 → '十五', 20 → '二十', 21 → '廿一', 30 → '三十'."""
    if not 1 <= day <= 30:
        raise ValueError(f"lunar day {day} is outside 1..30")
    if day <= 10:
        return "初" + DIGITS[day]
    if day < 20:
        return "十" + DIGITS[day - 10]
    if day in (20, 30):
        return DIGITS[day // 10] + "十"
    return "廿" + DIGITS[day - 20]


def lunar_date(day: dt.date) -> str:
    """'农历丙午年正月十九' for 2026-03-07; LunarUnavailable without lunar-python."""
    year, month, lunar_day, leap = lunar_parts(day)
    return f"农历{year}年{month_name(month, leap)}{day_name(lunar_day)}"
