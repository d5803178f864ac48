"""YAML with positions: safe parsing that keeps file:line:column for every key and value.

In: YAML text and the file name it came from. Out: plain data built from `YMap` (a dict) and
`YList` (a list) that remember where each key, value and item was written, with scalars as
str, int, float, bool or None (dates stay the strings the user wrote). Plain scalars are typed
by the YAML 1.2 core schema (`resolve_plain`), not PyYAML's YAML 1.1 rules: 012345 is the
number 12345 (not octal 5349), 12:30 and yes/no/on/off stay text; every number keeps the
characters the user typed (`WrittenInt`, `WrittenFloat`: `.written`), so a text field prints
`price: 1.50` as 1.50. Parsing uses PyYAML's
safe loader (libyaml's when available) to compose the node tree; the conversion is
ours and refuses what a manifest never needs and an attacker might use: anchors and aliases (no
alias bombs), tags other than the
plain ones, duplicate keys, non-scalar keys, tab indentation, absurd nesting, numbers too long
to be real, control characters and lone surrogates written as escapes.
"""

from __future__ import annotations

import math
import re

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from typeset.diagnostics import Diagnostic, InputError, SourceRef, error
from typeset.manifest.source import BAD_CHARS, describe_char, is_bad_char

MAX_DEPTH = 40
"""Deepest nesting of mappings and lists accepted (a manifest needs about 6)."""
MAX_NUMBER_CHARS = 24
"""A number written with more characters than this is refused before conversion."""

_TAG = "tag:yaml.org,2002:"
_CORE_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
              "FALSE": False}
_CORE_INT = re.compile(r"^[-+]?[0-9]+$")
_CORE_OCT = re.compile(r"^0o[0-7]+$")
_CORE_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_CORE_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_CORE_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_CORE_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


class WrittenInt(int):
    """A whole number that remembers how it was written (`written`: '012345', '0x1F')."""

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:
        self = super().__new__(cls, value)
        self.written = written
        return self

    def __reduce__(self):
        return (WrittenInt, (int(self), self.written))


class WrittenFloat(float):
    """A number that remembers how it was written (`written`: '1.50', '1e3')."""

    written: str

    def __new__(cls, value: float, written: str) -> WrittenFloat:
        self = super().__new__(cls, value)
        self.written = written
        return self

    def __reduce__(self):
        return (WrittenFloat, (float(self), self.written))


def written(value: object) -> str:
    """The characters the user typed for a scalar (a number as written, else str(value))."""
    return getattr(value, "written", None) or str(value)


def resolve_plain(text: str) -> object:
    """A plain (unquoted) scalar by the YAML 1.2 core schema: None, True/False, a number
    (keeping how it was written), else the text itself."""
    if _CORE_NULL.match(text):
        return None
    if text in _CORE_BOOL:
        return _CORE_BOOL[text]
    if _CORE_INT.match(text):
        return WrittenInt(int(text, 10), text)
    if _CORE_OCT.match(text):
        return WrittenInt(int(text[2:], 8), text)
    if _CORE_HEX.match(text):
        return WrittenInt(int(text[2:], 16), text)
    if _CORE_FLOAT.match(text):
        return WrittenFloat(float(text), text)
    if _CORE_INF.match(text):
        return WrittenFloat(float("-inf") if text.startswith("-") else float("inf"), text)
    if _CORE_NAN.match(text):
        return WrittenFloat(float("nan"), text)
    return text


class YMap(dict):
    """A mapping that knows where it, each key and each value were written."""

    source: SourceRef
    key_sources: dict[str, SourceRef]
    value_sources: dict[str, SourceRef]

    def key_source(self, key: str) -> SourceRef:
        """Where `key` was written (the mapping's own place when absent)."""
        return self.key_sources.get(key, self.source)

    def value_source(self, key: str) -> SourceRef:
        """Where the value of `key` starts (the mapping's own place when absent)."""
        return self.value_sources.get(key, self.source)


class YList(list):
    """A list that knows where it and each item were written."""

    source: SourceRef
    item_sources: list[SourceRef]


class _Refused(Exception):
    def __init__(self, code: str, message: str, mark, hint: str):
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (about 20× faster), else PyYAML's."""


def _screen(text: str) -> None:
    """First pass over the event stream: refuse anchors, aliases and deep nesting before any
    node tree is built (so an alias bomb costs nothing and composing cannot recurse deeply)."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, AliasEvent):
            raise _Refused("yaml-alias", f"alias *{event.anchor} is not allowed",
                           event.start_mark, "write the value out in full; anchors (&name) and "
                           "aliases (*name) are refused in manifests")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise _Refused("yaml-alias", f"anchor &{event.anchor} is not allowed",
                           event.start_mark, "remove the &name; anchors and aliases are "
                           "refused in manifests")
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused("yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                               event.start_mark, "a manifest needs only a few levels")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _may_be_refused(text: str) -> bool:
    """False when `_screen` cannot refuse `text`, so that its parse (a second one) is skipped:
    a single document (no document marker after the first line) with no anchor (&) or
    alias (*) and fewer collection indicators ([ { - : ?, one at least per collection) than
    `MAX_DEPTH`, so no deeper nesting. Its syntax errors are then the composer's: the
    same ones at the same place (the same parser reads the same one document)."""
    if "&" in text or "*" in text or "\n---" in text or "\n..." in text or \
            text.startswith("..."):
        return True
    return sum(text.count(indicator) for indicator in "[{-:?") > MAX_DEPTH


def _ref(file: str, mark) -> SourceRef:
    return SourceRef(file, mark.line + 1, mark.column + 1)


def check_tabs(text: str, file: str, first_line: int = 1) -> list[Diagnostic]:
    """One error per line whose indentation contains a tab."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent and stripped and not stripped.startswith("#"):
            problems.append(error(
                "yaml-tab", "tab character in the indentation",
                source=SourceRef(file, number, indent.index("\t") + 1),
                hint="YAML indents with spaces only: replace the tab with spaces"))
    return problems


def parse_yaml(text: str, file: str, first_line: int = 1) -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document into YMap/YList/scalars; returns (data, problems).

    Syntax errors, aliases and tabs raise InputError at once (nothing sensible can be read
    past them); duplicate keys, odd tags and bad scalars are collected in `problems` and
    the offending entries left out, so the caller can go on and report more. `first_line`
    shifts line numbers (front matter inside a story file).
    """
    tabs = check_tabs(text, file, first_line)
    if tabs:
        raise InputError(tabs)
    try:
        if _may_be_refused(text):
            _screen(text)
        node = yaml.compose(text, Loader=_LOADER)
    except _Refused as exc:
        raise InputError([error(exc.code, exc.message, source=_shift(_ref(file, exc.mark),
                                first_line), hint=exc.hint)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _shift(_ref(file, mark), first_line) if mark else SourceRef(file)
        what = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        if "invalid Unicode character escape" in what:
            raise InputError([error(
                "bad-character", "an escape in a quoted value stands for a lone surrogate or "
                "an invalid code point", source=where,
                hint="write the character itself, or delete the \\u escape")]) from None
        raise InputError([error("yaml-syntax", f"YAML syntax error: {what}", source=where,
                                hint=_syntax_hint(what))]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        where = SourceRef(file, before.count("\n") + first_line,
                          len(before) - (before.rfind("\n") + 1) + 1)
        raise InputError([error("bad-character", f"forbidden character U+{exc.character:04X} "
                                "in YAML", source=where, hint="delete it")]) from None
    except yaml.YAMLError as exc:
        raise InputError([error("yaml-syntax", f"YAML error: {exc}",
                                source=SourceRef(file))]) from None
    except RecursionError:
        raise InputError([error("yaml-too-deep", "YAML nested too deeply",
                                source=SourceRef(file))]) from None
    problems: list[Diagnostic] = []
    if node is None:
        return None, problems
    return _Converter(file, first_line, problems, text).convert(node), problems


def _shift(ref: SourceRef, first_line: int) -> SourceRef:
    return SourceRef(ref.file, ref.line + first_line - 1, ref.column)


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted, or a key is indented wrongly"
    if "expected <block end>" in what or "expected ',' or" in what:
        return "check the indentation of this line against the lines above it"
    if "could not find expected ':'" in what:
        return "each entry needs 'key: value'; check for a missing colon"
    return "check the line shown and the one before it"


class _Converter:
    """Node tree → YMap/YList/scalars, collecting problems instead of stopping."""

    def __init__(self, file: str, first_line: int, problems: list[Diagnostic],
                 source: str = ""):
        self.source = source
        """The YAML text itself (to tell an explicit !!str from an implicit tag)."""
        self.file = file
        self.first_line = first_line
        self.problems = problems

    def ref(self, node: Node) -> SourceRef:
        return SourceRef(self.file, node.start_mark.line + self.first_line,
                         node.start_mark.column + 1)

    def convert(self, node: Node) -> object:
        if isinstance(node, MappingNode):
            return self.mapping(node)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self.bad_tag(node)
            out = YList()
            out.source = self.ref(node)
            out.item_sources = []
            for item in node.value:
                out.append(self.convert(item))
                out.item_sources.append(self.ref(item))
            return out
        return self.scalar(node)

    def mapping(self, node: MappingNode) -> YMap:
        if node.tag != _TAG + "map":
            self.bad_tag(node)
        out = YMap()
        out.source = self.ref(node)
        out.key_sources, out.value_sources = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(error(
                    "yaml-key", "a key must be a plain name, not a list or mapping",
                    source=self.ref(key_node), hint="write 'name: value'"))
                continue
            key = str(key_node.value)
            if key == "<<":
                self.problems.append(error("yaml-alias", "merge keys (<<) are not allowed",
                                           source=self.ref(key_node),
                                           hint="write the entries out in full"))
                continue
            if key in out:
                first = out.key_sources[key]
                self.problems.append(error(
                    "duplicate-key", f"key '{key}' appears twice in this mapping "
                    f"(first at line {first.line})", source=self.ref(key_node),
                    hint=f"keep one '{key}:' and delete the other"))
                continue
            self.check_chars(key, key_node)
            out[key] = self.convert(value_node)
            out.key_sources[key] = self.ref(key_node)
            out.value_sources[key] = self.ref(value_node)
        return out

    def scalar(self, node: ScalarNode) -> object:
        text = node.value
        quoted = node.style in ("'", '"', "|", ">")
        explicit = self.source[node.start_mark.index:node.start_mark.index + 1] == "!"
        if quoted or (explicit and node.tag == _TAG + "str"):
            self.check_chars(text, node)
            return text
        if node.tag not in _PLAIN_TAGS:        # an explicit !tag other than the plain ones
            self.bad_tag(node)
            return text
        if len(text) > MAX_NUMBER_CHARS and (_CORE_INT.match(text) or _CORE_FLOAT.match(text)):
            self.problems.append(error(
                "number-too-large", f"number {text[:20]}… is far too long",
                source=self.ref(node), hint="write a real size or count"))
            return None
        value = resolve_plain(text)
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.append(error(
                "bad-number", f"'{text}' is not a finite number", source=self.ref(node),
                hint="write an ordinary number"))
            return None
        if isinstance(value, str):
            self.check_chars(value, node)
        return value

    def bad_tag(self, node: Node) -> None:
        self.problems.append(error(
            "yaml-tag", f"YAML tag {node.tag} is not allowed", source=self.ref(node),
            hint="remove the !tag; manifests use plain text, numbers, lists and mappings"))

    def check_chars(self, text: str, node: Node) -> None:
        if BAD_CHARS.search(text) is None:  # a clean value (nearly all) is scanned in C
            return
        for char in text:
            if is_bad_char(char) and char != "\n" and char != "\t":
                self.problems.append(error(
                    "bad-character", f"forbidden character {describe_char(char)} in a value",
                    source=self.ref(node),
                    hint="delete it (probably an escape such as \\x07 or \\ud800 in quotes)"))
                return


_PLAIN_TAGS = {_TAG + t for t in ("null", "bool", "int", "float", "timestamp", "str")}
"""The tags PyYAML's (1.1) resolver gives plain scalars; their type is resolved again here by
the 1.2 core schema, so an implicit tag never decides what a value is."""
