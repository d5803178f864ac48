"""Composition rules: the choices cjk-rules.md leaves to the paper, as one frozen value.

In: a layout's `composition:` mapping (plain values from YAML) or keyword arguments. Out: a
hashable `CompositionRules` the composer caches on. Unknown names raise with the valid ones.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

KINSOKU_LEVELS = ("basic", "strict")
PUNCTUATION_STYLES = ("quanjiao", "kaiming", "quanshen")


@dataclass(frozen=True)
class CompositionRules:
    """How paragraphs are composed. Defaults follow cjk-rules.md §0 (engine defaults)."""

    kinsoku: str = "basic"
    """basic (GB/T 15834 §5.1, default) | strict (also no —— or …… at a continuation line start)."""
    punctuation: str = "quanjiao"
    """quanjiao 全角式: marks 1 em, adjacent marks compressed, line-end mark ½ em (GB §5.1.10);
    kaiming 开明式: 。？！ full, other marks ½ em; quanshen 全身: no compression at all."""
    cjk_latin_space: float = 0.25
    """Space between Han and Latin letters/digits, em (clreq §3.2.2)."""
    cjk_latin_min: float = 0.125
    """The CJK–Latin space may shrink to this (em)."""
    cjk_latin_max: float = 0.5
    """… and stretch to this (em) before inter-character spacing is used."""
    cjk_digit_space: float | None = None
    """Space between Han and Arabic digits, em (0 for 人民日报 style: 1994年4月23日); None =
    `cjk_latin_space`. Applied the same way to every number."""
    half_width_digits: bool = False
    """Arabic digits ½ em each (二分字身, GB/T 15835; the face's half-width forms), so numbers
    keep the character grid: 1994年 takes 3 em, a date-first line 5月18日是… fits like one
    of ideographs. False: the Latin face's proportional figures (0.47–0.56 em)."""
    hanging: bool = False
    """Hang one line-end pause/stop mark (，。、) outside the measure (clreq §3.1.7; off)."""
    bind_number_units: bool = False
    """HOUSE: keep a number with a following 万/亿 (3.5万) on one line."""
    compact_numerals: bool = False
    """HOUSE: no CJK–Latin space between a numeral and 万 亿 年 月 日 个 (cjk-rules.md §d)."""
    avoid_orphan: bool = True
    """Avoid a last line of one character (孤字), push-in first, then push-out (clreq §3.4.4)."""
    optimal: bool = True
    """Choose breaks for the whole paragraph (Knuth–Plass demerits); False = grid first fit."""
    compress_full_stops: bool = False
    """Allow compressing 。？！ mid-line when pushing in (clreq §3.5.3 step 7; off = HOUSE)."""
    url_breaks: bool = True
    """HOUSE: a URL longer than the column breaks after '/' or '.' (else at the column edge)."""
    keep_units: bool = True
    """HOUSE: numbers with their units (1220.3亿元, 3月5日, 20周年), a dateline's date with 电,
    short parenthesised bylines and photo credits stay whole (typeset/text/units.py)."""
    loose_limit: float = 0.15
    """Spacing between characters (em per gap) above which a justified line counts as loose;
    the optimiser avoids such lines whenever any legal set of breaks does (0.05–1)."""

    def __post_init__(self) -> None:
        if self.kinsoku not in KINSOKU_LEVELS:
            raise ValueError(f"composition kinsoku must be one of {', '.join(KINSOKU_LEVELS)}, "
                             f"got {self.kinsoku!r}")
        if self.punctuation not in PUNCTUATION_STYLES:
            raise ValueError(f"composition punctuation must be one of "
                             f"{', '.join(PUNCTUATION_STYLES)}, got {self.punctuation!r}")
        for name in ("cjk_latin_space", "cjk_latin_min", "cjk_latin_max"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"composition {name} must be a number of em ≥ 0, got {value!r}")
        digit = self.cjk_digit_space
        if digit is not None and (isinstance(digit, bool) or not isinstance(digit, (int, float))
                                  or not 0 <= digit <= 1):
            raise ValueError(f"composition cjk_digit_space must be a number of em from 0 to 1, "
                             f"got {digit!r}")
        limit = self.loose_limit
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not (
                0.05 <= limit <= 1):
            raise ValueError(f"composition loose_limit must be a number of em from 0.05 to 1, "
                             f"got {limit!r}")
        if not self.cjk_latin_min <= self.cjk_latin_space <= self.cjk_latin_max:
            raise ValueError("composition needs cjk_latin_min ≤ cjk_latin_space ≤ cjk_latin_max "
                             f"(got {self.cjk_latin_min}, {self.cjk_latin_space}, "
                             f"{self.cjk_latin_max})")
        for f in fields(self):
            if f.type == "bool" and not isinstance(getattr(self, f.name), bool):
                raise ValueError(f"composition {f.name} must be true or false, "
                                 f"got {getattr(self, f.name)!r}")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The setting names a `composition:` mapping may use."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_mapping(cls, data: dict | None) -> CompositionRules:
        """Rules from a plain mapping; ValueError names an unknown key and lists the valid ones."""
        data = dict(data or {})
        valid = cls.names()
        for key in data:
            if key not in valid:
                raise ValueError(f"unknown composition setting {key!r}; valid settings are: "
                                 f"{', '.join(valid)}")
        return cls(**data)
