"""Helpers for the story-element tests: write an edition folder, load it, compose it, and find
the glyph runs of a role (imported as `elements_kit`)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from typeset import pipeline
from typeset.diagnostics import Diagnostic, InputError
from typeset.frame import GlyphRun
from typeset.manifest import load_edition

ROOT = Path(__file__).resolve().parents[2]

HEAD = """\
paper: 测试日报
date: 2026-03-07
issue: 100
layout: broadsheet-8col
pages:
"""

COPY = ("澄川市今年将新建公共充电桩1200个，覆盖全部街道和重点乡镇，新能源汽车车主充电难的问题"
        "将得到缓解。市发展改革委有关负责人介绍，新建的充电桩中，快充桩占比超过60%。“过去找桩"
        "要绕好几条街，现在小区门口就能充。”家住河西街道的市民周女士说。")


def story(front: str, body: str | None = None) -> str:
    """A story file: front matter lines (dedented) and a body (default: two paragraphs)."""
    body = f"{COPY}\n\n{COPY}\n" if body is None else body
    return "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n" + body


def page(number: int, slots: str, extra: str = "") -> str:
    """One entry of pages: with its slots (YAML text indented as under `slots:`)."""
    return (f"  - number: {number}\n    section: 要闻\n    editor: 李明\n{extra}    slots:\n"
            + textwrap.indent(textwrap.dedent(slots).strip("\n"), "      ") + "\n")


def jpeg(width: int = 1200, height: int = 800) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 200)).save(out, "JPEG", quality=80)
    return out.getvalue()


class Maker:
    """Writes edition folders under tmp_path, loads and composes them."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.count = 0

    def write(self, manifest: str, stories: dict[str, str], photos: tuple[str, ...] = ()
              ) -> Path:
        self.count += 1
        folder = self.tmp_path / f"ed{self.count}"
        (folder / "stories").mkdir(parents=True)
        (folder / "photos").mkdir()
        (folder / "edition.yaml").write_text(manifest, encoding="utf-8")
        for name, text in stories.items():
            (folder / "stories" / f"{name}.md").write_text(text, encoding="utf-8")
        for name in photos:
            (folder / "photos" / name).write_bytes(jpeg())
        return folder

    def load(self, folder: Path):
        return load_edition(folder, project_root=ROOT)

    def errors(self, folder: Path) -> list[Diagnostic]:
        with pytest.raises(InputError) as info:
            self.load(folder)
        return info.value.diagnostics

    def one(self, folder: Path, code: str) -> Diagnostic:
        diags = self.errors(folder)
        found = [d for d in diags if d.code == code]
        assert found, "\n".join(d.format() for d in diags)
        return found[0]

    def compose(self, folder: Path):
        result = pipeline.compose(folder)
        assert result.document is not None, [d.format() for d in result.diagnostics]
        return result


def runs(result, page_number: int, role: str | None = None) -> list[GlyphRun]:
    """The glyph runs of a page (of one role), in paint order."""
    frame = next(p for p in result.document.pages if p.number == page_number)
    return [i for i in frame.items if isinstance(i, GlyphRun) and (role is None
                                                                     or i.role == role)]


def text(result, page_number: int, role: str | None = None) -> str:
    return "".join(r.text for r in runs(result, page_number, role))


def line_of(folder: Path, needle: str, name: str = "edition.yaml") -> int:
    """1-based line number of the first line of the file containing `needle`."""
    for number, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {name}")
