"""Edition dates: the ISO date of an issue → its weekday (星期六); the release time.

In: the text the manifest gives ('2026-03-07'), the edition's files. Out: a `datetime.date`,
the Chinese weekday name, the seconds since the epoch of 00:00 China Standard Time (UTC+8) on
that day, and the release time of a build (`release_time`: from the input, never the clock,
so the same input always carries the same PDF dates) shown in the paper's time zone
(`local_time`).
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


DEFAULT_TIMEZONE = "Asia/Shanghai"
"""The paper's time zone when neither the edition nor the layout names one."""


def release_time(files) -> int:
    """The edition's release time, from its input and never the clock: SOURCE_DATE_EPOCH when
    set (reproducible builds), else the newest modification time (whole seconds) of `files`
    (the manifest, stories, photos, layouts …), so an unchanged edition rebuilds
    byte-identical and an edited one carries the time of its last edit. 0 when none exists."""
    import os

    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    newest = 0
    for path in files:
        try:
            newest = max(newest, int(os.stat(path).st_mtime))
        except OSError:
            continue
    return newest


def local_time(seconds: int, zone: str = "") -> str:
    """'2026-12-01 18:32 CST': `seconds` since the epoch in the paper's time zone `zone` (an
    IANA name; default Asia/Shanghai), with the zone's abbreviation."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        tz = ZoneInfo(zone or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo(DEFAULT_TIMEZONE)
    moment = dt.datetime.fromtimestamp(seconds, tz)
    return f"{moment:%Y-%m-%d %H:%M} {moment.tzname()}"
