"""Benchmark: font embedding time per face and the whole PDF write for a ~6,000-character page.

Run: .venv/bin/python bench/bench_fonts.py [--chars 6000] [--repeat 3]
Prints the HarfBuzz subset + PDF object time for each face, the subset sizes, and the total
`write_pdf` time (best of --repeat). Text is generated deterministically from the Han characters
the body face covers (about 1,500 distinct), set in 8 columns of 9 pt body with headlines.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from typeset.fonts import load_face  # noqa: E402
from typeset.frame import Document, DocumentInfo, GlyphRun, PageFrame, PlacedGlyph  # noqa: E402
from typeset.render.pdf import write_pdf  # noqa: E402
from typeset.render.pdf.fonts import FaceUsage, subset_face  # noqa: E402

FACES = {
    "body (Noto Serif CJK SC)": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "headline (Noto Sans CJK SC Bold)": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    "kai (LXGW WenKai)": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
}
PUNCT = "，。、；：“”……——·《》（）"


def _text(face, count: int, rng: random.Random) -> str:
    pool = [chr(c) for c in range(0x4E00, 0x9FA6) if face.covers(chr(c))]
    pool = rng.sample(pool, 1500)
    out = []
    for i in range(count):
        out.append(rng.choice(PUNCT) if i % 13 == 12 else rng.choice(pool))
        if i % 97 == 50:
            out.append(" Xinhua 2024 ")
    return "".join(out)


def _runs(face, text: str, size: float, x0: float, y0: float, width: float, pitch: float,
          col_gap: float, columns: int, height: float) -> list[GlyphRun]:
    runs, per_line = [], int(width // size)
    lines = [text[i:i + per_line] for i in range(0, len(text), per_line)]
    per_col = int(height // pitch)
    for n, line in enumerate(lines):
        col, row = divmod(n, per_col)
        if col >= columns:
            break
        glyphs, pen = [], 0.0
        for g in face.shape(line):
            glyphs.append(PlacedGlyph(g.gid, round(pen, 3), line[g.cluster]))
            pen += g.advance * size / face.upem
        runs.append(GlyphRun(x0 + col * (width + col_gap), y0 + row * pitch, face.ref, size,
                             tuple(glyphs), line))
    return runs


def build_page(chars: int) -> Document:
    rng = random.Random(20240501)
    body = load_face(*FACES["body (Noto Serif CJK SC)"])
    head = load_face(*FACES["headline (Noto Sans CJK SC Bold)"])
    kai = load_face(*FACES["kai (LXGW WenKai)"])
    items = []
    items += _runs(head, _text(head, 60, rng), 28, 40, 80, 760, 36, 0, 1, 80)
    items += _runs(kai, _text(kai, 200, rng), 12, 40, 130, 760, 16, 0, 1, 60)
    items += _runs(body, _text(body, chars, rng), 9, 40, 200, 90, 11.25, 8, 8, 900)
    return Document((PageFrame(1, 842, 1191, 8.5, tuple(items)),),
                    DocumentInfo("bench", "bench", "2024-05-01", 1714521600))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    doc = build_page(args.chars)
    usages: dict = {}
    total_chars = 0
    for item in doc.pages[0].items:
        total_chars += len(item.text)
        usage = usages.setdefault((item.face.path, item.face.index), FaceUsage(item.face))
        for g in item.glyphs:
            usage.add(g.gid, g.text)
    print(f"page: {total_chars} characters in {len(doc.pages[0].items)} runs")
    for n, usage in enumerate(usages.values(), start=1):
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            subset = subset_face(usage, f"TF{n}")
            best = min(best, time.perf_counter() - t)
        print(f"  {usage.ref.name:32} {len(usage.gids):5} glyphs  subset+tables {best * 1000:7.1f} ms"
              f"  program {len(subset.program) / 1024:7.1f} KiB ({subset.kind})")
    with tempfile.TemporaryDirectory() as tmp:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            write_pdf(doc, Path(tmp) / "bench.pdf")
            best = min(best, time.perf_counter() - t)
        size = (Path(tmp) / "bench.pdf").stat().st_size
    print(f"write_pdf total: {best * 1000:.0f} ms (best of {args.repeat}), file {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
