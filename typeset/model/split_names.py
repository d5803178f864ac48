"""File names for `paiban build --split` (one PDF per page, for plants that take single pages).

In: a name pattern (the layout's or edition's `output: {split_name: …}`, default
`DEFAULT_SPLIT_NAME`), the edition and one page. Out: the file name, e.g. 20260307_A2.pdf.
Fields: {date} (a date: {date:%Y%m%d}), {page} (the folio: 2 or A2; {page:02d} pads the
number), {paper}, {issue}, {section} (the page's section name). `pattern_problem` says what is
wrong with a pattern (checked where the manifest is read).
"""

from __future__ import annotations

import datetime as dt
import re
import string

DEFAULT_SPLIT_NAME = "{date:%Y%m%d}_{page}.pdf"
SPLIT_FIELDS = ("date", "page", "paper", "issue", "section")
_UNSAFE = re.compile(r"[/\\\x00-\x1f]")


def _values(edition, page) -> dict:
    try:
        day = dt.date.fromisoformat(edition.date)
    except ValueError:
        day = dt.date(1970, 1, 1)
    return {"date": day, "page": page.number, "paper": edition.paper, "issue": edition.issue,
            "section": page.section}


def split_name(pattern: str, edition, page) -> str:
    """The file name of `page` (no folder part: separators in values become '-')."""
    name = pattern.format(**_values(edition, page))
    return _UNSAFE.sub("-", name)


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot name the page files (None when it can)."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        return f"it is not a valid pattern ({exc}); write braces as {{{{ and }}}}"
    unknown = [f for f in fields if f.split(".")[0].split("[")[0] not in SPLIT_FIELDS]
    if unknown:
        return (f"it names {{{unknown[0]}}}; the fields are "
                + ", ".join("{" + f + "}" for f in SPLIT_FIELDS))
    if "page" not in fields:
        return "it has no {page}: every page would get the same name"
    if _UNSAFE.search(pattern):
        return "it contains a folder separator or a control character"
    if not pattern.lower().endswith(".pdf"):
        return "it does not end in .pdf"
    sample = _Sample()
    try:
        pattern.format(date=dt.date(2026, 3, 7), page=1, paper=sample, issue=sample,
                       section=sample)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        return f"it cannot be filled in ({exc})"
    return None


class _Sample(str):
    def __format__(self, spec: str) -> str:
        return format("x", spec)
