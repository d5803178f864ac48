"""Lengths and sizes: parse '9pt', '3mm', '小五', 12 into points (float), and back.

All geometry in typeset is in PostScript points (1/72 in), with the origin at the top-left
corner of the trim box and y growing downwards; only the PDF backend flips the y axis.
"""

from __future__ import annotations

import re

MM = 72.0 / 25.4
"""Points per millimetre."""

# 字号 (Chinese type sizes) in points: clreq §2.3.5 / ctex `letterpress` values (cjk-rules.md f.1).
ZIHAO: dict[str, float] = {
    "初号": 42.0, "小初": 36.0, "一号": 28.0, "小一": 24.0, "二号": 21.0, "小二": 18.0,
    "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0,
    "六号": 8.0, "小六": 7.5, "七号": 5.25, "八号": 4.0,
}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|q|em)?\s*$", re.IGNORECASE)


class LengthError(ValueError):
    """A length string that cannot be read; the message says what forms are accepted."""


def parse_length(value: object, *, em: float | None = None) -> float:
    """Read a length ('9pt', '3mm', '1.5em', '小五', 9) and return points.

    Bare numbers are points. 'em' needs the `em` size in points. 'q' is the Japanese/Chinese
    phototypesetting unit (0.25 mm). Raises LengthError with the accepted forms.
    """
    if isinstance(value, bool):
        raise LengthError(f"expected a length such as 9pt, 3mm or 小五, got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        raise LengthError(f"expected a length such as 9pt, 3mm or 小五, got {value!r}")
    text = value.strip()
    if text in ZIHAO:
        return ZIHAO[text]
    match = _LENGTH.match(text)
    if not match:
        raise LengthError(
            f"cannot read {value!r} as a length: write a number with pt, mm, cm, in, q or em, "
            f"or a 字号 name such as 五号, 小五"
        )
    number = float(match.group(1))
    unit = (match.group(2) or "pt").lower()
    if unit == "pt":
        return number
    if unit == "mm":
        return number * MM
    if unit == "cm":
        return number * MM * 10
    if unit == "in":
        return number * 72.0
    if unit == "q":
        return number * MM * 0.25
    if em is None:
        raise LengthError(f"{value!r} is in em, which is not allowed here: use pt or mm")
    return number * em


def to_mm(points: float) -> float:
    """Points to millimetres."""
    return points / MM


def snap(value: float) -> float:
    """Round a computed coordinate to 1/1000 pt so that equal geometry compares equal."""
    return round(value, 3) + 0.0
