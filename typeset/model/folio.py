"""Page numbers (folios), plain or with a section letter (the 叠 of a daily: A1, A2 … B1).

In: what the manifest writes as `number:` (2, "A2") or `continue: {page: …}`. Out: a `Folio`:
a plain folio is the int itself (so integer editions behave exactly as before), a section
folio is a `SectionFolio`, a str ('A2') that also knows its section ('A') and its number in
the section (2). Both are frozen and hashable; `folio_key` sorts them together (plain pages
first, then by section, then by number) and `parse_folio` reads one from text.
"""

from __future__ import annotations

import re

FOLIO_RE = re.compile(r"^\s*([A-Za-z]{1,2})?0*(\d{1,4})\s*$")
"""A folio as written: an optional section of one or two Latin letters and a number."""
MAX_FOLIO = 10_000


class SectionFolio(str):
    """A folio with a section letter: the text 'A2' with `.section` 'A' and `.number` 2.
    Compares and hashes as its text; orders by (section, number) against any folio."""

    __slots__ = ("section", "number")

    def __new__(cls, section: str, number: int) -> SectionFolio:
        self = super().__new__(cls, f"{section.upper()}{number}")
        self.section = section.upper()
        self.number = number
        return self

    def __reduce__(self):
        return (SectionFolio, (self.section, self.number))

    def __format__(self, spec: str) -> str:
        """'{:02d}' pads the number (A02), as it would a plain folio; other specs as text."""
        if spec.endswith("d"):
            return self.section + format(self.number, spec)
        return format(str(self), spec)

    def __lt__(self, other):
        return folio_key(self) < folio_key(other)

    def __le__(self, other):
        return folio_key(self) <= folio_key(other)

    def __gt__(self, other):
        return folio_key(self) > folio_key(other)

    def __ge__(self, other):
        return folio_key(self) >= folio_key(other)

    __hash__ = str.__hash__


Folio = int | SectionFolio
"""A page number: a plain int (1, 2 …) or a section folio (A1, B3)."""


def folio_key(folio) -> tuple[str, int]:
    """Sort key: plain folios first ('' section), then by section letter, then number."""
    if isinstance(folio, SectionFolio):
        return (folio.section, folio.number)
    if isinstance(folio, bool) or not isinstance(folio, int):
        return ("\uffff", 0)
    return ("", folio)


def parse_folio(value: object) -> Folio | None:
    """2 → 2, '2' → 2, 'A2' / 'a02' → SectionFolio('A', 2); None when it is no folio (or is
    0, negative or above MAX_FOLIO)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 1 <= value <= MAX_FOLIO else None
    if not isinstance(value, str):
        return None
    match = FOLIO_RE.match(value)
    if not match:
        return None
    number = int(match.group(2))
    if not 1 <= number <= MAX_FOLIO:
        return None
    return SectionFolio(match.group(1), number) if match.group(1) else number


def folio_text(template: str, folio: Folio, **fields) -> str:
    """A jump line or folio label with {page} (and any other `fields`) filled in. A section
    folio drops the 第 of '第{page}版' (转第2版, but 转A2版 and A2版, as dailies print them)."""
    if isinstance(folio, SectionFolio):
        template = template.replace("第{page}", "{page}")
    return template.format(page=folio, **fields)
