"""Fuzzing whole editions end to end: generated manifests, stories and photos are written to
a folder and driven through `typeset.pipeline` (load → fonts → images → compose → render) and
through the CLI. Properties: nothing is lost (textcheck oracle), the PDF is deterministic,
and wild input ends in a clear message and exit 1, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from profiles import fuzz
from relkit import Cli
from strategies import edition, story_file, wild_char
from textcheck import story_losses

from typeset import pipeline
from typeset.diagnostics import Severity

# Errors a generated edition may legitimately get (the oracle then checks nothing was lost in
# what was written as a proof). Anything else is a bug in the generator or in typeset.
EXPECTED_ERRORS = {"image-ppi", "missing-glyph"}


@fuzz(1)
@given(edition())
def test_generated_editions_lose_nothing(gen):
    with tempfile.TemporaryDirectory(prefix="typeset-fuzz-") as tmp:
        folder = gen.write(Path(tmp) / "ed")
        out = Path(tmp) / "out.pdf"
        result = pipeline.build(folder, out, allow_overset=True, proof=True)
        unexpected = [d.format() for d in result.diagnostics
                      if d.severity is Severity.ERROR and d.code not in EXPECTED_ERRORS]
        assert not unexpected, (unexpected, gen.manifest)
        assert result.outputs == [out]
        assert len(result.stories) == len(gen.stories)
        assert story_losses(result, out) == [], gen.manifest


@fuzz(0.5)
@given(edition())
def test_generated_final_builds_are_deterministic(gen):
    with tempfile.TemporaryDirectory(prefix="typeset-fuzz-") as tmp:
        folder = gen.write(Path(tmp) / "ed")
        first, second = Path(tmp) / "a.pdf", Path(tmp) / "b.pdf"
        one = pipeline.build(folder, first, allow_overset=True)
        two = pipeline.build(folder, second, allow_overset=True)
        assert bool(one.outputs) == bool(two.outputs)
        if one.outputs:
            assert first.read_bytes() == second.read_bytes()
        else:
            assert not one.ok and not first.exists()


@fuzz(1)
@given(story_file(wild_char, max_paragraphs=3), st.sampled_from(["check", "build", "proof"]))
def test_wild_story_text_never_crashes_the_cli(text, command):
    from relkit import write_edition

    cli = Cli()
    with tempfile.TemporaryDirectory(prefix="typeset-fuzz-") as tmp:
        folder = write_edition(Path(tmp) / "ed", stories={"one": text})
        args = [command, folder] + (["-o", Path(tmp) / "o.pdf"] if command != "check" else [])
        result = cli(*args, expect=(0, 1))
        if result.exit_code == 1:
            assert "error" in result.output or "not written" in result.output


MANIFEST_BITS = st.sampled_from([
    "paper: 测试日报\n", "date: 2026-03-07\n", "issue: 1\n", "layout: broadsheet-8col\n",
    "layout: tabloid-6col\n", "pages:\n", "  - number: 1\n", "  - number: 2\n", "    slots:\n",
    "      - story: one\n", "      - id: c\n", "      - label: 栏目\n", "      - ad: {text: 广告}\n",
    "        at: {column: 1, span: 4, top: 10, bottom: 50}\n",
    "        at: {column: 5, span: 4, top: 0, bottom: 100}\n",
    "        at: {column: 0, span: 99, top: -1, bottom: 1000}\n",
    "        continue: {page: 2, slot: c}\n", "        continue: {page: 1, slot: one}\n",
    "        photo: {file: photos/none.jpg}\n", "        box: true\n", "        box: 3\n",
    "    section: 要闻\n", "\t", "  ", "&a ", "*a", "!!binary ", "{", "[", "'", "~\n",
    "9999999999999999999999\n", "- ", ": ", "\n", "masthead: {paper_latin: X}\n",
    "output: {jpeg_quality: 1000}\n", "headline: {span: 0}\n"])


@fuzz(2)
@given(st.lists(MANIFEST_BITS, min_size=1, max_size=25).map("".join))
def test_mangled_manifests_never_crash_the_cli(manifest):
    from relkit import write_edition

    cli = Cli()
    with tempfile.TemporaryDirectory(prefix="typeset-fuzz-") as tmp:
        folder = write_edition(Path(tmp) / "ed", manifest.encode())
        cli("build", folder, "-o", Path(tmp) / "o.pdf", expect=(0, 1))
