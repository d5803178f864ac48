"""Benchmark: fitting a page of stacks (issue 18 target: a page checked in ≤ 1 s).

Loads the sample edition (pages 2 and 3 are written as stacks; `--all-stacks` also turns page 1 into
one stack of rows in a scratch copy), then times in one process, each in a fresh Session
(no measurement cached): the fit pass alone, and `check` (load, fit, compose) of the
edition; then the fit again in the same session (as `--watch`). The composer keeps paragraph caches
of its own, so only the first run composes everything from nothing.
`--dense` instead times the three dense pages of tests/fit/stack_pages_kit.py (8–13 stories each,
given as stack/row trees with no line numbers, on the real fonts): per page the fit pass in a
fresh session and `check` (load, fit, compose) in-process.
Prints medians of N runs. Usage: python bench/bench_fit.py [--repeat N] [--all-stacks | --dense]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset import pipeline  # noqa: E402
from typeset.fit import fit_edition  # noqa: E402
from typeset.manifest import load_edition  # noqa: E402
from typeset.session import Session, use_session  # noqa: E402

PAGE_ONE_AS_STACK = """\
  - number: 1
    section: 要闻
    editor: 李明远
    slots:
      - stack:
          - row:
              - span: 5
                story: a10-lead
                photo: {file: photos/plant-site.jpg, span: 3, place: top, focus: [0.5, 0.45],
                        caption: 北山新材料产业园二期建设现场塔吊林立。, credit: 记者 沈一帆 摄}
              - span: 3
                story: a11-digital
                continue: {page: 2, slot: digital-cont}
          - row:
              - span: 2
                story: a12-renewal
                continue: {page: 2, slot: renewal-cont}
              - span: 6
                stack:
                  - photo: {file: photos/riverside.jpg, focus: [0.5, 0.6]}
                  - {story: a13-farming, headline: vertical}
"""


def edition_folder(all_stacks: bool) -> Path:
    sample = ROOT / "editions" / "sample"
    if not all_stacks:
        return sample
    folder = Path(tempfile.mkdtemp(prefix="bench-fit-")) / "sample"
    shutil.copytree(sample, folder)
    text = (folder / "edition.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - number: 1"), text.index("  - number: 2")
    (folder / "edition.yaml").write_text(text[:start] + PAGE_ONE_AS_STACK + text[end:],
                                         encoding="utf-8")
    return folder


def dense(repeat: int) -> None:
    """Per dense page: the fit pass (fresh session) and check, medians and ranges."""
    for sub in ("tests/fit", "tests", "tests/compose", "tests/manifest"):
        sys.path.insert(0, str(ROOT / sub))
    from stack_pages_kit import PAGES, write_page

    fonts = pipeline.font_book(ROOT)
    scratch = Path(tempfile.mkdtemp(prefix="bench-fit-dense-"))
    for name, spec in PAGES.items():
        folder = write_page(scratch / name, spec)
        edition, _ = load_edition(folder)
        sizes, _ = pipeline.image_sizes(edition)
        fits, checks = [], []
        for _ in range(repeat):
            with use_session(Session()):
                t = time.perf_counter()
                result = fit_edition(edition, fonts, sizes)
                fits.append(time.perf_counter() - t)
            with use_session(Session()):
                t = time.perf_counter()
                checked = pipeline.compose(folder)
                checks.append(time.perf_counter() - t)
        bad = sorted({d.code for d in checked.diagnostics if d.code in (
            "overset", "underset", "fit-over", "fit-short")})
        items = [i for i in result.items if i.page == spec.number]
        print(f"{name:7} page {spec.number}: {len(items)} items, {len(spec.stories)} stories, "
              f"not even: {bad or 'none'}; fit {statistics.median(fits) * 1000:.0f} ms "
              f"({min(fits) * 1000:.0f}–{max(fits) * 1000:.0f}), check "
              f"{statistics.median(checks) * 1000:.0f} ms ({min(checks) * 1000:.0f}–"
              f"{max(checks) * 1000:.0f}, {len(edition.pages)} pages)")
    shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--all-stacks", action="store_true")
    parser.add_argument("--dense", action="store_true")
    args = parser.parse_args()
    if args.dense:
        dense(args.repeat)
        return
    folder = edition_folder(args.all_stacks)
    edition, _ = load_edition(folder)
    stacked = [p.number for p in edition.pages if p.containers]
    fonts = pipeline.font_book(ROOT)
    sizes, _ = pipeline.image_sizes(edition)
    cold, warm, check = [], [], []
    for _ in range(args.repeat):
        with use_session(Session()):
            t = time.perf_counter()
            result = fit_edition(edition, fonts, sizes)
            cold.append(time.perf_counter() - t)
            t = time.perf_counter()
            fit_edition(edition, fonts, sizes)
            warm.append(time.perf_counter() - t)
        with use_session(Session()):
            t = time.perf_counter()
            checked = pipeline.compose(folder)
            check.append(time.perf_counter() - t)
    bad = [d.code for d in checked.diagnostics if d.code in ("overset", "underset", "fit-over",
                                                             "fit-short")]
    items = len(result.items)
    print(f"pages with stacks: {stacked}; {items} items fitted; overset/underset: {bad or 'none'}")
    print(f"fit pass, first run:       {cold[0] * 1000:7.0f} ms (nothing composed before)")
    print(f"fit pass, fresh session:   {statistics.median(cold) * 1000:7.0f} ms "
          f"({statistics.median(cold) / max(1, len(stacked)) * 1000:.0f} ms a page)")
    print(f"fit pass, warm session:    {statistics.median(warm) * 1000:7.0f} ms")
    print(f"check (load+fit+compose):  {statistics.median(check) * 1000:7.0f} ms "
          f"for {len(edition.pages)} pages")


if __name__ == "__main__":
    main()
