"""The one edition builder of the tests, and the data it starts from: the smallest valid
one-page manifest and story head (each folder's kit — manifest_kit, relkit — builds on them).

`write_edition(folder, manifest, stories, files)` writes edition.yaml, stories/<id>.md and any
other files (photos, sidecars, ads) into `folder`; text is written as UTF-8 (lone surrogates
kept, for hostile-input tests), bytes as they are. `edited_copy(source, folder, (old, new), …)`
copies an existing edition and edits its manifest.
"""

import shutil
import textwrap
from pathlib import Path

PAGE_ONE = """\
paper: 测试日报
date: 2026-03-07
issue: 100
layout: broadsheet-8col
pages:
  - number: 1
    section: 要闻
    editor: 李明
    slots:
"""
"""An edition's head and page 1 up to its slots (a test appends its own slots)."""

ONE_PAGE_MANIFEST = PAGE_ONE + """\
      - story: one
        at: {column: 1, span: 4, top: 10, bottom: 50}
"""

STORY_HEAD = """\
---
headline: 测试标题
dateline: 本报讯
---
"""


def write_edition(folder: Path, manifest: str | bytes, stories: dict[str, str | bytes],
                  files: dict[str, str | bytes] | None = None) -> Path:
    """An edition folder with its manifest (dedented when text), stories and other files."""
    (folder / "stories").mkdir(parents=True, exist_ok=True)
    (folder / "photos").mkdir(exist_ok=True)
    data = manifest if isinstance(manifest, bytes) else textwrap.dedent(manifest).encode()
    (folder / "edition.yaml").write_bytes(data)
    for name, text in stories.items():
        _write(folder / "stories" / f"{name}.md", text)
    for name, content in (files or {}).items():
        _write(folder / name, content)
    return folder


def edited_copy(source: Path, folder: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the edition `source` in `folder` whose edition.yaml has each `old` text (which
    must be there) replaced by `new`, once, in order."""
    shutil.copytree(source, folder)
    manifest = folder / "edition.yaml"
    text = manifest.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"{old!r} is not in {source}/edition.yaml"
        text = text.replace(old, new, 1)
    manifest.write_text(text, encoding="utf-8")
    return folder


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes)
                     else content.encode("utf-8", "surrogatepass"))


PLACEHOLDER = "【待填】"
"""The marker `paiban new` puts on every example value (typeset.manifest.placeholders.MARK)."""


def fill_in(folder: Path) -> Path:
    """A `paiban new` edition as a desk leaves it once filled in: the example values kept,
    the placeholder markers removed (a final build refuses them, issue 12.8)."""
    for path in folder.rglob("*"):
        if path.suffix in (".yaml", ".md") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if PLACEHOLDER in text:
                path.write_text(text.replace(PLACEHOLDER, ""), encoding="utf-8")
    return folder
