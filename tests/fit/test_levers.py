"""The layout's copyfit levers: read from `fit:`, checked, and used in their order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from typeset.diagnostics import InputError
from typeset.fit.levers import Levers
from typeset.manifest.layout_file import load_layout

ROOT = Path(__file__).resolve().parents[2]


def _layout(tmp_path: Path, old: str, new: str):
    text = (ROOT / "layouts" / "broadsheet-8col.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace("name: broadsheet-8col", "name: x").replace(old, new, 1)
    (tmp_path / "layouts").mkdir(parents=True)
    shutil.copytree(ROOT / "fonts", tmp_path / "fonts", ignore=shutil.ignore_patterns("*.tt*"))
    (tmp_path / "layouts" / "x.yaml").write_text(text, encoding="utf-8")
    return load_layout("x", tmp_path)


def test_the_shipped_layout_lists_its_levers():
    layout = load_layout("broadsheet-8col", ROOT)
    levers = Levers.from_mapping(layout.fit, layout.underset_lines)
    assert levers.order == ("photo", "headline", "spacing", "gap", "foot", "tracking")
    assert levers.photo_lines == 4 and levers.tracking == 0.08


def test_each_lever_costs_more_than_all_before_it_together():
    levers = Levers(order=("gap", "photo", "foot"))
    assert levers.weight("gap") * levers.gap_lines * 7 < levers.weight("photo")
    assert levers.weight("photo") < levers.weight("foot")
    assert not levers.allows("headline") and levers.weight("headline") == float("inf")


def test_the_foot_never_goes_past_the_underset_limit():
    assert Levers.from_mapping({"foot_lines": 9}, underset_lines=3).foot_lines == 3


def test_an_unknown_lever_is_refused_where_it_is_written(tmp_path):
    with pytest.raises(InputError) as info:
        _layout(tmp_path, "order: [photo, headline, spacing, gap, foot, tracking]",
                "order: [photo, kerning]")
    (diag,) = [d for d in info.value.diagnostics if d.code == "bad-value"]
    assert "kerning" in diag.message and diag.source.file.endswith("x.yaml")


def test_tracking_steps_go_out_from_none_within_the_limit():
    levers = Levers(tracking=0.03, tracking_step=0.01)
    assert levers.tracking_steps() == [-0.01, 0.01, -0.02, 0.02, -0.03, 0.03]
    assert Levers().tracking_steps()[-2:] == [-0.08, 0.08]
    assert Levers(order=("photo",)).tracking_steps() == []
    assert levers.beyond() > 3 * levers.weight("tracking")


def test_a_tracking_limit_beyond_the_range_is_refused(tmp_path):
    with pytest.raises(InputError) as info:
        _layout(tmp_path, "  photo_lines: 4\n", "  photo_lines: 4\n  tracking: 0.5\n")
    (diag,) = [d for d in info.value.diagnostics if d.code == "out-of-range"]
    assert "tracking" in diag.message and diag.source.file.endswith("x.yaml")
