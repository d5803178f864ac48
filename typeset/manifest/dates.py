"""Edition dates: the ISO date of an issue → its weekday (星期六) and a timestamp for the PDF.

In: the text the manifest gives ('2026-03-07'). Out: a `datetime.date`, the Chinese weekday
name and the seconds since the epoch of 00:00 China Standard Time (UTC+8) on that day, so
the same edition always carries the same PDF dates.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
CST = dt.timezone(dt.timedelta(hours=8))
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


class DateError(ValueError):
    """A date the manifest cannot use; the message says why."""


def parse_date(text: str) -> dt.date:
    """'2026-03-07' → date; DateError for other forms, impossible days or absurd years."""
    if not _ISO.match(text.strip()):
        raise DateError(f"'{text}' is not a date written as YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise DateError(f"'{text}' is not a real day ({exc})") from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DateError(f"year {day.year} is outside {EARLIEST_YEAR}–{LATEST_YEAR}")
    return day


def weekday(day: dt.date) -> str:
    """The Chinese weekday name of `day`."""
    return WEEKDAYS[day.weekday()]


def timestamp(day: dt.date) -> int:
    """Seconds since the epoch at 00:00 China Standard Time on `day`."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=CST).timestamp())


def chinese_date(day: dt.date) -> str:
    """'2026年3月7日' as set in running heads and the ear."""
    return f"{day.year}年{day.month}月{day.day}日"
