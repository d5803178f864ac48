"""Benchmark: composed characters per second for body text at 13 em (one core).

Reads the sample edition's stories (editions/*/stories/*.md) when they exist, else a built-in
sample of news copy; composes every paragraph uncached (the per-face glyph metrics stay warm,
as they are in a build) at the body style of layouts/broadsheet-8col (9 pt, 13 em) and prints
the figure. Usage: python bench/bench_composer.py [--repeat N] [--profile] [--first-fit]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.fonts import FontBook  # noqa: E402
from typeset.manifest.fonts_config import load_font_roles  # noqa: E402
from typeset.model.layout import TextStyle  # noqa: E402
from typeset.model.story import Run  # noqa: E402
from typeset.text import CompositionRules  # noqa: E402
from typeset.linebreak.paragraph import set_paragraph  # noqa: E402

SAMPLE = """\
3月6日上午，随着一声令下，十余台大型塔吊同时转动，新区综合交通枢纽项目全面开工建设。项目总投资42.6亿元，规划用地360亩，建成后日均客流量预计达到8万人次。
“过去从新区到老城要倒两趟车，以后在家门口就能坐上地铁。”家住附近的市民李先生说。据介绍，枢纽将引入2条地铁线、1条城际铁路和12条公交线路，实现“零距离换乘”。
今年以来，全市已为23个重点项目提供“帮办代办”服务，立项、规划、施工许可等手续并联审批，办理时限由过去的90个工作日压缩至28个工作日，企业办事“最多跑一次”。
绿色低碳是项目的鲜明底色。枢纽同步建设屋顶分布式光伏，装机容量达到4.2兆瓦，年发电量约480万千瓦时；雨水经收集处理后回用率达到85%以上，PM2.5监测数据实时上传。
"""


def paragraphs() -> tuple[list[str], str]:
    """Body paragraphs of the sample edition (or the built-in sample) and where they came from."""
    stories = sorted(ROOT.glob("editions/*/stories/*.md"))
    out: list[str] = []
    for path in stories:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        for line in text.splitlines():
            line = line.strip().replace("**", "")
            if line and not line.startswith(("#", "!", ">")):
                out.append(line)
    if out:
        return out, f"{len(stories)} stories of editions/"
    return [p for p in SAMPLE.splitlines() if p], "the built-in sample"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--first-fit", action="store_true", help="rules.optimal = False")
    args = parser.parse_args()
    fonts = FontBook.resolve(load_font_roles(ROOT), ROOT / "fonts")
    style = TextStyle("body", size=9.0, indent=2.0)
    rules = CompositionRules(optimal=not args.first_fit)
    paras, source = paragraphs()
    runs = [(Run(p),) for p in paras]
    chars = sum(len(p) for p in paras)
    measure = 13 * style.size
    for r in runs:                          # warm the per-face metrics (as in a build)
        set_paragraph.uncached(r, style, fonts, measure, rules)
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for r in runs:
            set_paragraph.uncached(r, style, fonts, measure, rules)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    best = float("inf")
    lines = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        lines = 0
        for r in runs:
            lines += len(set_paragraph.uncached(r, style, fonts, measure, rules).lines)
        best = min(best, time.perf_counter() - start)
    mode = "first fit" if args.first_fit else "optimal"
    print(f"{len(paras)} paragraphs, {chars} characters from {source}, {lines} lines at 13 em "
          f"({mode}); best of {args.repeat}: {best * 1000:.1f} ms = "
          f"{chars / best:,.0f} characters/s")


if __name__ == "__main__":
    main()
