"""A small YAML text that cannot hold an anchor, an alias or deep nesting is parsed once
(`yamlpos._may_be_refused` is False): what it reads as, and every error it raises, are those
of the two-pass reading (screen, then compose). Story bodies without markup: one plain run."""

from __future__ import annotations

import pytest

from typeset.diagnostics import InputError
from typeset.manifest import yamlpos
from typeset.manifest.fields import Problems
from typeset.manifest.story_file import parse_runs
from typeset.model.story import Run

TEXTS = [
    "headline: 北山新区\nbyline: 记者 沈一帆\n",       # a story's front matter
    "a: [1, 2\n",                                   # syntax errors
    "a: b: c\n",
    "a: 1\n  b: 2\n",
    "- - - - [x, {y: z}]\n",
    "a: '\\x07'\n",                                 # a control character by escape
    "a: 1\na: 2\n",                                 # duplicate key
    "a: 1\n---\nb: [\n",                            # a second document
    "a: 1\n---\nb: *x\n",
    "a: &x 1\nb: *x\n",                             # anchor, alias
    "[" * 40 + "]" * 40,                            # 40 levels: allowed
    "[" * 41 + "]" * 41,                            # 41: refused
    "- " * 41 + "x\n",
    "--- \na: 1\n",
    "...\na: 1\n",
]


def _read(text: str):
    try:
        data, found = yamlpos.parse_yaml(text, "story.md", first_line=2)
    except InputError as exc:
        return "refused", [(d.code, d.message, d.source) for d in exc.diagnostics]
    return data, [(d.code, d.message, d.source) for d in found]


@pytest.mark.parametrize("text", TEXTS)
def test_one_parse_reads_as_two(text, monkeypatch):
    once = _read(text)
    monkeypatch.setattr(yamlpos, "_may_be_refused", lambda _text: True)
    assert once == _read(text)


def test_screen_skipped_only_where_it_cannot_refuse():
    assert not yamlpos._may_be_refused(TEXTS[0])
    assert yamlpos._may_be_refused("a: &x 1\n")
    assert yamlpos._may_be_refused("a: 1\n---\nb: 2\n")
    assert yamlpos._may_be_refused("[" * 41 + "]" * 41)
    assert _read("[" * 41 + "]" * 41)[1][0][0] == "yaml-too-deep"
    assert _read("- " * 41 + "x\n")[1][0][0] == "yaml-too-deep"


@pytest.mark.parametrize("text, runs", [
    ("北山新区建设提速。", [Run("北山新区建设提速。", False)]),
    ("", []),
    ("a *single* star", [Run("a *single* star", False)]),
    ("**要闻**导读", [Run("要闻", True), Run("导读", False)]),
    ("a \\*\\* b", [Run("a ** b", False)]),
])
def test_runs(text, runs):
    assert parse_runs(text, None, Problems()) == runs
