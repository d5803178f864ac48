"""Typed, positioned reading of YAML mappings: one place for 'wrong type', 'unknown key' and
'out of range' messages.

In: a `YMap` from `yamlpos`, the keys it may hold and a `Problems` collector. Out: values of
the asked type (or the default, after recording an error with file:line:column, what was
expected and an example), so a loader can read a whole file and report every mistake at once.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable

from typeset.diagnostics import Diagnostic, InputError, Severity, SourceRef, error, warning
from typeset.manifest.placeholders import find_placeholder
from typeset.manifest.yamlpos import YList, YMap, written
from typeset.model.folio import MAX_FOLIO, parse_folio
from typeset.model.story import PrintedText
from typeset.units import LengthError, parse_length

MAX_LENGTH_PT = 5000.0
"""No length in a page template or manifest is longer than this (about 1.76 m)."""


YES_NO = {"yes": True, "no": False, "on": True, "off": False, "true": True, "false": False}
"""Words a true/false setting accepts besides true and false (YAML 1.2 reads them as text)."""


class Problems:
    """Collects diagnostics while a file is read; `raise_errors()` raises them all at once."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self.printed: list[PrintedText] = []
        """The printed texts read (`MapReader.text(..., printed=True)`), with their places."""

    def error(self, code: str, message: str, source: SourceRef | None, hint: str = "",
              **kw) -> None:
        self.items.append(error(code, message, source=source, hint=hint, **kw))

    def warn(self, code: str, message: str, source: SourceRef | None, hint: str = "",
             **kw) -> None:
        self.items.append(warning(code, message, source=source, hint=hint, **kw))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.items.extend(items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is not Severity.ERROR]

    def raise_errors(self) -> None:
        """Raise InputError with every error (warnings are kept for the caller)."""
        if self.errors:
            raise InputError(self.errors)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word` (difflib), or None when nothing is close."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def suggestion(word: str, choices: Iterable[str], what: str = "") -> str:
    """'did you mean X?' hint text, or a list of the valid choices."""
    choices = sorted(choices)
    near = closest(word, choices)
    if near:
        return f"did you mean '{near}'?"
    listed = ", ".join(choices[:30]) + (" …" if len(choices) > 30 else "")
    return f"valid {what or 'keys'}: {listed}" if choices else ""


_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               YMap: "a mapping", YList: "a list", type(None): "nothing"}


def kind_of(value: object) -> str:
    """'text 'abc'', 'the number 3' … for 'got …' in messages."""
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    shown = str(value)
    return f"the text '{shown[:40]}{'…' if len(shown) > 40 else ''}'"


class MapReader:
    """Reads one YAML mapping; every getter validates and records problems with positions."""

    def __init__(self, data: object, problems: Problems, what: str, keys: Iterable[str],
                 where: SourceRef | None = None):
        self.what = what
        self.problems = problems
        self.keys = set(keys)
        if isinstance(data, YMap):
            self.data = data
        else:
            self.data = YMap()
            self.data.source = getattr(data, "source", None) or where or SourceRef("?")
            self.data.key_sources, self.data.value_sources = {}, {}
            if data is not None:
                problems.error("wrong-type", f"{what} must be a mapping of 'key: value' "
                               f"entries, got {kind_of(data)}", self.data.source,
                               hint=f"write e.g. {sorted(self.keys)[0]}: …" if self.keys else "")
        self.misspelt: dict[str, str] = {}
        """Valid key → the unknown key that is probably it misspelt (reported once, as the
        unknown key: the valid one is then not also reported missing)."""
        for key in self.data:
            if key not in self.keys:
                problems.error("unknown-key", f"unknown key '{key}' in {what}",
                               self.data.key_source(key),
                               hint=suggestion(key, self.keys))
                near = closest(str(key), self.keys)
                if near is not None and near not in self.data:
                    self.misspelt.setdefault(near, str(key))

    @property
    def source(self) -> SourceRef:
        return self.data.source

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> object:
        return self.data.get(key)

    def at(self, key: str) -> SourceRef:
        """Where the value of `key` is (or the mapping, when the key is absent)."""
        return self.data.value_source(key)

    def key_at(self, key: str) -> SourceRef:
        return self.data.key_source(key)

    def _missing(self, key: str, required: bool, example: str) -> None:
        if required and key not in self.misspelt:
            self.problems.error("missing-key", f"{self.what} needs '{key}'", self.source,
                                hint=f"add e.g. {key}: {example}")

    def _wrong(self, key: str, expected: str, example: str) -> None:
        self.problems.error("wrong-type", f"'{key}' must be {expected}, got "
                            f"{kind_of(self.data[key])}", self.at(key),
                            hint=f"write e.g. {key}: {example}")

    def text(self, key: str, default: str = "", *, required: bool = False,
             example: str = "…", max_chars: int = 2000, printed: bool = False) -> str:
        """A text value; numbers are accepted and turned into text (e.g. a CN number).
        `printed`: the page prints it, so it is kept with its place for the coverage check."""
        if not self.has(key):
            self._missing(key, required, example)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self._wrong(key, "text", example)
            return default
        value = written(value).strip()     # a number as typed: 1.50 stays 1.50
        if len(value) > max_chars:
            self.problems.error("too-long", f"'{key}' is {len(value)} characters long, more "
                                f"than {max_chars}", self.at(key), hint="shorten it")
            return default
        if required and not value:
            self._missing(key, required, example)
        find_placeholder(value, self.at(key), self.problems, f"'{key}'")
        if printed and value:
            self.problems.printed.append(PrintedText(value, self.at(key), key))
        return value

    def integer(self, key: str, default: int = 0, *, required: bool = False, low: int | None
                = None, high: int | None = None, example: str = "1") -> int:
        """A whole number within [low, high]."""
        if not self.has(key):
            self._missing(key, required, example)
            return default
        value = self.data[key]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(key, "a whole number", example)
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.problems.error("out-of-range", f"'{key}' is {value}, outside "
                                f"{_range(low, high)}", self.at(key), hint=f"e.g. {key}: {example}")
            return default
        return int(value)

    def folio(self, key: str, *, required: bool = False, example: str = "2"):
        """A page number: 2, or with a section letter, A2 (see model.folio); None when absent
        or bad (after recording the error)."""
        if not self.has(key):
            self._missing(key, required, example)
            return None
        value = self.data[key]
        if isinstance(value, int) and not isinstance(value, bool):
            return self.integer(key, 0, low=1, high=MAX_FOLIO, example=example) or None
        folio = parse_folio(value)
        if folio is None:
            self.problems.error("bad-folio", f"'{key}' is {kind_of(value)}, not a page number",
                                self.at(key), hint=f"write a number from 1 to {MAX_FOLIO}, "
                                "or a section letter and a number: A2 (A叠第2版)")
        return folio

    def number(self, key: str, default: float = 0.0, *, required: bool = False,
               low: float | None = None, high: float | None = None, positive: bool = False,
               example: str = "1.5") -> float:
        """A number within [low, high] (and > 0 when `positive`)."""
        if not self.has(key):
            self._missing(key, required, example)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._wrong(key, "a number", example)
            return default
        value = float(value)
        if (positive and value <= 0) or (low is not None and value < low) or (
                high is not None and value > high):
            rng = "greater than 0" if positive and low is None else _range(low, high)
            self.problems.error("out-of-range", f"'{key}' is {value:g}, outside {rng}",
                                self.at(key), hint=f"e.g. {key}: {example}")
            return default
        return value

    def length(self, key: str, default: float = 0.0, *, required: bool = False,
               positive: bool = True, allow_zero: bool = False, em: float | None = None,
               high: float = MAX_LENGTH_PT, example: str = "9pt") -> float:
        """A length in pt, mm, 号 … (see typeset.units), returned in points."""
        if not self.has(key):
            self._missing(key, required, example)
            return default
        value = self.data[key]
        try:
            points = parse_length(value, em=em)
        except LengthError as exc:
            self.problems.error("bad-length", f"'{key}': {exc}", self.at(key),
                                hint=f"write e.g. {key}: {example}")
            return default
        if not math.isfinite(points) or points > high:
            self.problems.error("out-of-range", f"'{key}' is {value}, far too large",
                                self.at(key), hint=f"e.g. {key}: {example}")
            return default
        if positive and (points < 0 or (points == 0 and not allow_zero)):
            need = "zero or more" if allow_zero else "greater than zero"
            self.problems.error("out-of-range", f"'{key}' is {value}; it must be {need}",
                                self.at(key), hint=f"e.g. {key}: {example}")
            return default
        return points

    def flag(self, key: str, default: bool = False) -> bool:
        """true / false."""
        if not self.has(key):
            return default
        value = self.data[key]
        if isinstance(value, str) and value.strip().lower() in YES_NO:
            return YES_NO[value.strip().lower()]      # YAML 1.1 words, still understood here
        if not isinstance(value, bool):
            self._wrong(key, "true or false", "true")
            return default
        return value

    def choice(self, key: str, choices: Iterable[str], default: str) -> str:
        """One of `choices`."""
        choices = list(choices)
        value = self.text(key, default, example=choices[0])
        if value not in choices:
            self.problems.error("bad-value", f"'{key}' is '{value}', not one of "
                                f"{', '.join(choices)}", self.at(key),
                                hint=suggestion(value, choices, "values"))
            return default
        return value

    def mapping(self, key: str, what: str, keys: Iterable[str], *,
                required: bool = False) -> MapReader | None:
        """A nested mapping, read with its own allowed keys (None when absent)."""
        if not self.has(key):
            self._missing(key, required, "{…}")
            return None
        value = self.data[key]
        if not isinstance(value, YMap):
            self._wrong(key, "a mapping", "{…}")
            return None
        return MapReader(value, self.problems, what, keys)

    def items(self, key: str, *, required: bool = False, example: str = "[…]") -> YList:
        """A list (empty when absent or of the wrong type, after recording the error)."""
        empty = YList()
        empty.source, empty.item_sources = self.at(key), []
        if not self.has(key):
            self._missing(key, required, example)
            return empty
        value = self.data[key]
        if not isinstance(value, YList):
            self._wrong(key, "a list", example)
            return empty
        return value


def _range(low, high) -> str:
    if low is not None and high is not None:
        return f"{low}..{high}"
    if low is not None:
        return f"{low} or more"
    return f"at most {high}"
