"""The peer: a Typst document with a generated edition's content, grid and plan (issue 15).

Run:  python bench/typst_peer.py EDITION_FOLDER OUT.typ      # then: typst compile OUT.typ

In: an edition folder made by `generate` in bench_build.py (broadsheet-8col: 390 × 540 mm, 8
columns of 13 字 at 9 pt with a 1-字 gutter, 100 lines of 13.5 pt). Out: one `.typ` file,
one Typst page per edition page, each top-level slot a clipped box at its grid area; in a
box, stories (主题 in 黑体 bold, body in 书宋 9/13.5 pt, justified, 2-字 indent, set in as
many columns as the slot spans), photos cropped to their size, labels and ads, with stacks
flowing top to bottom and rows side by side. A jumping story's paragraphs are shared between
its slot and the continuation (Typst has no jumps). The same fonts (Noto CJK, LXGW WenKai)
and photo files; no masthead furniture, proof marks, PDF/X or ink limit — Typst does less.
Figures only: `compare.py --typst` compiles it side by side with typeset's builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

COLUMN = 117.0  # 13 字 × 9 pt
GUTTER = 9.0
PITCH = 13.5
HEADLINE = {1: 28.0, 2: 22.0, 3: 18.0}


def _story(folder: Path, name: str) -> tuple[str, list[str]]:
    text = (folder / "stories" / f"{name}.md").read_text(encoding="utf-8")
    head, body = "", text
    if text.startswith("---"):
        _, front, body = text.split("---", 2)
        head = (yaml.safe_load(front) or {}).get("headline", "")
    paragraphs = [p.strip().replace("\n", "") for p in body.split("\n\n") if p.strip()]
    return str(head or ""), paragraphs


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Page:
    """One edition page as Typst markup (continuations share their story's paragraphs)."""

    def __init__(self, folder: Path, jumps: dict[tuple, list[str]]):
        self.folder = folder
        self.jumps = jumps

    def node(self, node: dict, span: int, page: int) -> str:
        if "stack" in node:
            return "stack(spacing: 6pt, " + ", ".join(
                self.node(child, child.get("span", span), page) for child in node["stack"]
                if isinstance(child, dict)) + ")"
        if "row" in node:
            children = [c for c in node["row"] if isinstance(c, dict)]
            widths = ", ".join(f"{c.get('span', 1)}fr" for c in children)
            return f"grid(columns: ({widths},), column-gutter: {GUTTER}pt, " + ", ".join(
                self.node(c, c.get("span", 1), page) for c in children) + ")"
        parts = []
        photo = node.get("photo")
        if isinstance(photo, dict) and photo.get("file"):
            lines = photo.get("lines", 12 if "story" in node else 20)
            parts.append(f"image({_quote(photo['file'])}, width: 100%, "
                         f"height: {lines * PITCH}pt, fit: \"cover\")")
            if photo.get("caption"):
                parts.append(f"text(font: \"LXGW WenKai\", size: 9pt, {_quote(photo['caption'])})")
        if "story" in node:
            head, paragraphs = _story(self.folder, node["story"])
            jump = node.get("continue")
            if isinstance(jump, dict):
                cut = len(paragraphs) // 2 or 1
                self.jumps[(jump["page"], jump["slot"])] = paragraphs[cut:]
                paragraphs = paragraphs[:cut]
            if head:
                size = HEADLINE[min(3, max(1, 4 - span // 2))]
                parts.append(f"align(center, text(font: \"Noto Sans CJK SC\", weight: \"bold\", "
                             f"size: {size}pt, {_quote(head)}))")
            parts.append(self.body(paragraphs, span))
        elif "id" in node:
            parts.append(self.body(self.jumps.get((page, node["id"]), []), span))
        if isinstance(node.get("label"), str):
            parts.append(f"text(font: \"Noto Sans CJK SC\", weight: \"bold\", size: 12pt, "
                         f"{_quote(node['label'])})")
        if isinstance(node.get("ad"), dict):
            parts.append(f"rect(width: 100%, inset: 6pt, text(size: 14pt, "
                         f"{_quote(node['ad'].get('text', ''))}))")
        return "stack(spacing: 4pt, " + ", ".join(parts or ["[]"]) + ")"

    @staticmethod
    def body(paragraphs: list[str], span: int) -> str:
        text = "[" + "\n\n".join(p.replace("[", "\\[").replace("]", "\\]").replace("#", "\\#")
                                 .replace("*", "\\*").replace("_", "\\_").replace("$", "\\$")
                                 .replace("@", "\\@").replace("<", "\\<")
                                 for p in paragraphs) + "]"
        return text if span <= 1 else f"columns({span}, gutter: {GUTTER}pt, {text})"


def peer(folder: Path) -> str:
    """The Typst source for the edition in `folder` (photos named relative to it)."""
    data = yaml.safe_load((folder / "edition.yaml").read_text(encoding="utf-8"))
    out = ['#set page(width: 390mm, height: 540mm, margin: (top: 34mm, left: 18.8mm, '
           'right: 18.8mm, bottom: 29.8mm))',
           '#set text(font: ("Noto Serif CJK SC",), size: 9pt, lang: "zh", region: "cn")',
           f'#set par(justify: true, leading: {PITCH - 9.0}pt, spacing: {PITCH - 9.0}pt, '
           'first-line-indent: (amount: 2em, all: true))']
    jumps: dict[tuple, list[str]] = {}
    for index, page in enumerate(data["pages"]):
        if index:
            out.append("#pagebreak()")
        maker = _Page(folder, jumps)
        for slot in page["slots"]:
            at = slot.get("at")
            if not isinstance(at, dict):
                continue
            x = (at["column"] - 1) * (COLUMN + GUTTER)
            width = at["span"] * COLUMN + (at["span"] - 1) * GUTTER
            y, height = at["top"] * PITCH, (at["bottom"] - at["top"]) * PITCH
            out.append(f"#place(top + left, dx: {x}pt, dy: {y}pt, box(width: {width}pt, "
                       f"height: {height}pt, clip: true, "
                       f"{maker.node(slot, at['span'], page['number'])}))")
    return "\n".join(out) + "\n"


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.write_text(peer(folder), encoding="utf-8")


if __name__ == "__main__":
    main()
