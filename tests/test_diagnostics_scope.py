"""One diagnostics route (issue 14.3): a stage addresses the diagnostics of the stage below it
with `typeset.diagnostics.scoped` only — checked here on the helper itself and by parsing every
module for a hand-made copy (`replace(d, page=…)`)."""

from __future__ import annotations

import ast
from pathlib import Path

from typeset.diagnostics import SourceRef, scoped, warning

PACKAGE = Path(__file__).resolve().parent.parent / "typeset"
ADDRESS = {"page", "slot", "story"}


def test_scoped_fills_in_what_a_diagnostic_lacks_and_keeps_what_it_names():
    bare = warning("widow", "a column starts with a last line")
    placed = scoped(bare, page=2, slot="a1", story="lead", source=SourceRef("e.yaml", 12, 5))
    assert (placed.page, placed.slot, placed.story, str(placed.source)) == (
        2, "a1", "lead", "e.yaml:12:5")
    own = warning("photo-small", "53 ppi", page=3, slot="p1", source=SourceRef("p.md", 1))
    again = scoped(own, page=2, slot="a1", story="lead", source=SourceRef("e.yaml", 12))
    assert (again.page, again.slot, again.story, str(again.source)) == (3, "p1", "lead", "p.md:1")
    assert placed.where() == "e.yaml:12:5 (page 2, slot a1, story lead)"


def test_no_module_re_addresses_diagnostics_by_hand():
    """`dataclasses.replace` with page=, slot= or story= is how the three old helpers (_at,
    _located, the ad note's page) re-addressed diagnostics; only `scoped` may."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "diagnostics.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "replace" and {k.arg for k in node.keywords} & ADDRESS:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
