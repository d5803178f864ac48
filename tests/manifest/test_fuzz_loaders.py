"""Fuzzing the readers: any bytes or text gives a value or an InputError, never a traceback.

Bounded for CI; set TYPESET_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from manifest_kit import BASE
from typeset.diagnostics import InputError
from typeset.manifest.source import decode_text
from typeset.manifest.story_file import read_story
from typeset.manifest.yamlpos import parse_yaml

EXAMPLES = int(os.environ.get("TYPESET_FUZZ_EXAMPLES", "60"))
# CI runs a fixed, derandomised set; setting TYPESET_FUZZ_EXAMPLES explores new examples.
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                derandomize="TYPESET_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

YAML_BITS = st.sampled_from([
    "a: 1\n", "- x\n", "  ", "\t", "&a ", "*a", "!!python/object ", "{", "}", "[", "]", ": ",
    "'", '"', "\\ud800", "\\x07", "<<: ", "? ", "|\n  ", "---\n", "...\n", "\n", "键: 值\n",
    "9" * 30, ".inf", "2026-13-45", "~", "null", "yes", "#", ",", "\u3000", "\x00", "\ufeff"])


@FUZZ
@given(st.lists(YAML_BITS, max_size=30).map("".join))
def test_parse_yaml_never_crashes(text):
    try:
        parse_yaml(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.diagnostics and all(d.source.file == "fuzz.yaml" for d in exc.diagnostics)


@FUZZ
@given(st.binary(max_size=300))
def test_decode_never_crashes(data):
    try:
        text = decode_text(data, "fuzz.md")
    except InputError as exc:
        assert exc.diagnostics[0].source.line >= 1
    else:
        assert "\r" not in text


@FUZZ
@given(st.text(max_size=400), st.booleans())
def test_story_reader_keeps_every_character(tmp_path_factory, body, front):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "s.md"
    text = ("---\nheadline: 标题\n---\n" if front else "") + body
    try:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        story, _ = read_story(path)
    except InputError:
        return
    except UnicodeEncodeError:
        return
    # nothing dropped: every non-space character of the body is in the paragraphs, in order,
    # except the ** markers and backslash escapes the Markdown subset consumes
    kept = "".join(p.text for p in story.paragraphs)
    wanted = [c for c in body.replace("\r\n", "\n").replace("\r", "\n") if not c.isspace()]
    got = [c for c in kept if not c.isspace()]
    if "*" not in body and "\\" not in body and not body.startswith("---"):
        assert got == wanted


@FUZZ
@given(st.lists(st.sampled_from(["issue: -5\n", "pages: 3\n", "date: x\n", "paper: [1]\n",
                                 "layout: ../../etc\n", "masthead: {cn: {a: 1}}\n"]),
                max_size=4))
def test_edition_loader_never_crashes(maker, extra):
    lines = BASE.split("\n")
    text = "\n".join(ln for ln in lines if not any(ln.startswith(e.split(":")[0] + ":")
                                                 for e in extra)) + "".join(extra)
    folder = maker.write(text)
    try:
        maker.load(folder)
    except InputError as exc:
        assert all(d.message for d in exc.diagnostics)
