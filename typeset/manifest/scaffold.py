"""`paiban new`: write a new edition folder that loads without errors, to be filled in.

In: the folder to create, a layout name, the issue date (YYYY-MM-DD), the number of pages and
the project root. Out: the paths written — edition.yaml (every page with example slots, page 1
keeping its top lines free for the masthead, a jump from page 1 to page 2 when there are two
pages or more), stories/example.md and an empty photos/ folder. Every example value starts
with the placeholder marker (manifest.placeholders.MARK), so check and proof point at what is
still to fill in and the final build refuses it. Refuses to touch an existing
folder that is not empty; the folder appears complete or not at all (written beside it, then
renamed).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from typeset.diagnostics import InputError, SourceRef, error
from typeset.manifest.dates import DateError, parse_date
from typeset.manifest.edition_file import MAX_PAGES
from typeset.manifest.layout_file import load_layout
from typeset.manifest.placeholders import MARK
from typeset.model.layout import Layout

EXAMPLE_STORY = """\
---
kicker: 【待填】这里写引题
headline: 【待填】这里写主题
deck: 【待填】这里写副题（可删去）
level: 1
dateline: 【待填】本报讯（记者 某某）
continued: 【待填】这里写续题
---
【待填】这里是正文的第一段。段与段之间空一行；段内换行会被合并，汉字之间不加空格。电头（本报讯）由
dateline 设置，排在第一段开头。

【待填】这里是正文的第二段。需要加粗的文字写成 **加粗**。稿件排不下时，排版程序会在本版末尾加上转版说明，
并在续版开头加上“上接第1版”，页码由版面顺序决定，不必手写。
"""


def masthead_lines(layout: Layout) -> int:
    """Grid lines kept free on page 1 for the masthead and ear (about a tenth of the page)."""
    return max(4, round(layout.lines / 10))


def scaffold_edition(folder: Path, layout: str, date: str, pages: int,
                     project_root: Path) -> list[Path]:
    """Write a new edition in `folder`; returns the files and folders written."""
    folder = Path(folder)
    problems = []
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        problems.append(error("exists", f"{folder} already exists and is not empty",
                              source=SourceRef(str(folder)),
                              hint="choose a new folder name; paiban new never overwrites"))
    try:
        parse_date(date)
    except DateError as exc:
        problems.append(error("bad-date", str(exc), hint="give --date as YYYY-MM-DD"))
    if not isinstance(pages, int) or not 1 <= pages <= MAX_PAGES:
        problems.append(error("out-of-range", f"--pages {pages} is outside 1..{MAX_PAGES}",
                              hint="e.g. --pages 4"))
    lay = None
    try:
        lay = load_layout(layout, project_root)
    except InputError as exc:
        problems.extend(exc.diagnostics)
    if problems:
        raise InputError(problems)
    text = edition_yaml(lay, date, pages)
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    try:
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(staging, 0o777 & ~mask)  # mkdtemp makes 0700: a new folder honours the umask
        (staging / "stories").mkdir()
        (staging / "photos").mkdir()
        (staging / "edition.yaml").write_text(text, encoding="utf-8")
        (staging / "stories" / "example.md").write_text(EXAMPLE_STORY, encoding="utf-8")
        if folder.exists():
            folder.rmdir()                          # empty (checked above)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / "edition.yaml", folder / "stories" / "example.md", folder / "photos"]


def edition_yaml(layout: Layout, date: str, pages: int) -> str:
    """The text of a new edition.yaml (with comments explaining each part)."""
    top = masthead_lines(layout)
    cols, lines = layout.columns, layout.lines
    half = top + (lines - top) // 2
    out = [
        "# A new edition. Slots are placed on the page grid: column (1-based) and span in",
        f"# columns, top and bottom in baseline-grid lines (bottom exclusive). {layout.name}",
        f"# has {cols} columns × {lines} lines. See docs/manifest.md.",
        f"# Every value starting with {MARK} is an example to replace (delete the marker too):",
        "# paiban check and proof show them, paiban build refuses to print them.",
        f"paper: {MARK}示例日报",
        f"date: {date}",
        f"issue: {MARK}1",
        f"layout: {layout.name}",
        "masthead:",
        f"  publisher: {MARK}示例日报社出版",
        f"  price: {MARK}每份1.00元",
        "pages:",
    ]
    for number in range(1, pages + 1):
        out += [f"  - number: {number}", f"    section: {MARK}第{number}版栏目",
                f"    editor: {MARK}责任编辑", "    slots:"]
        if number == 1:
            out += [f"      # lines 0–{top - 1} stay free for the masthead (报头) and ear (报眼)",
                    "      - story: example",
                    f"        at: {{column: 1, span: {cols}, top: {top}, bottom: {half}}}"]
            if pages > 1:
                out.append("        continue: {page: 2, slot: example-cont}")
            out += [f"      - label: {MARK}栏目名称",
                    f"        at: {{column: 1, span: {cols}, top: {half}, bottom: {half + 3}}}",
                    "      # - story: another-story      (write stories/another-story.md)",
                    f"      #   at: {{column: 1, span: {cols}, top: {half + 3}, bottom: {lines}}}"]
        else:
            if number == 2:
                out += ["      - id: example-cont         # the rest of 'example' (上接第1版)",
                        f"        at: {{column: 1, span: {cols // 2}, top: 0, bottom: 20}}"]
            out += [f"      - ad: {{text: {MARK}广告语}}",
                    f"        at: {{column: {cols // 2 + 1}, span: {cols - cols // 2}, "
                    f"top: 0, bottom: 10}}",
                    f"      # - photo: {{file: photos/picture.jpg, caption: {MARK}图片说明, "
                    f"credit: {MARK}某某 摄}}",
                    f"      #   at: {{column: 1, span: {cols // 2}, top: 20, bottom: 40}}"]
    return "\n".join(out) + "\n"
