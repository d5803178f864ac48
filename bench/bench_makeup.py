"""Benchmark: automatic make-up of a page (issue 19 target: ≤ 5 s a page on this machine).

Times in one process, each run in a fresh Session: the make-up pass of
editions/makeup-sample (one page, 9 items, a pinned ad), then `check` of the edition (load,
make-up, fit, compose). Prints medians of N runs, the layouts tried and the score. Then the
item lists of tests/makeup/makeup_pages_kit.py on the real fonts: per page the make-up pass's
seconds and what the judge measures on the built page (type area used, failures).
Usage: python bench/bench_makeup.py [--repeat N] [--edition PATH] [--no-pages]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset import pipeline  # noqa: E402
from typeset.makeup import make_up_edition  # noqa: E402
from typeset.manifest import load_edition  # noqa: E402
from typeset.session import Session, use_session  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edition", type=Path, default=ROOT / "editions" / "makeup-sample")
    parser.add_argument("--no-pages", action="store_true")
    args = parser.parse_args()
    edition, _ = load_edition(args.edition)
    fonts = pipeline.font_book(ROOT)
    sizes, _ = pipeline.image_sizes(edition)
    pages = [p.number for p in edition.pages if p.make_up == "auto" and p.makeup]
    runs, checks = [], []
    for _ in range(args.repeat):
        with use_session(Session()):
            t = time.perf_counter()
            result = make_up_edition(edition, fonts, sizes)
            runs.append(time.perf_counter() - t)
        with use_session(Session()):
            t = time.perf_counter()
            checked = pipeline.compose(args.edition)
            checks.append(time.perf_counter() - t)
    bad = sorted({d.code for d in checked.diagnostics if d.severity.value != "info"})
    for choice in result.pages:
        score = " + ".join(f"{c.score:g}" for c in choice.candidates)
        print(f"page {choice.page}: {choice.tried} layouts tried, score {score}")
    print(f"make-up pass: first run {runs[0]:.2f} s, median {statistics.median(runs):.2f} s "
          f"for {len(pages)} page(s)")
    print(f"check (load+make-up+fit+compose): median {statistics.median(checks):.2f} s; "
          f"diagnostics other than info: {bad or 'none'}")
    if not args.no_pages:
        pages_kit_figures(fonts, args.repeat)


def pages_kit_figures(fonts, repeat: int) -> None:
    """The judged item lists (tests/makeup/makeup_pages_kit.py): make-up seconds and verdicts."""
    import tempfile

    for sub in ("tests/makeup", "tests"):
        sys.path.insert(0, str(ROOT / sub))
    from makeup_pages_kit import SPECS, verdicts

    with tempfile.TemporaryDirectory() as tmp:
        for spec in SPECS:
            times = []
            for k in range(repeat):
                with use_session(Session()):
                    found, _diags, seconds = verdicts(spec, Path(tmp) / f"{spec.name}-{k}",
                                                      fonts)
                times.append(seconds / len(found))
            for number, v in found:
                fails = "; ".join(v.failures()) or "all criteria met"
                print(f"{spec.name} page {number}: make-up median "
                      f"{statistics.median(times):.2f} s a page (max {max(times):.2f}), "
                      f"used {v.used:.1%}: {fails}")


if __name__ == "__main__":
    main()
