"""Compare the build time of git revisions side by side (the machine's speed drifts, so only
runs made in the same minutes, alternating, can be compared).

Run:  .venv/bin/python bench/compare.py HEAD~3 HEAD [--pages 1] [--runs 9] [--warm]
      .venv/bin/python bench/compare.py HEAD WORKTREE      # the uncommitted checkout too

Each revision's `typeset/` package is exported (`git archive`, or copied for WORKTREE) into a
temporary folder and byte-compiled; an edition of `--pages` pages is generated as
`bench_build.py` does; then the revisions are run in turn, run by run, as
`python -m typeset build` from a neutral folder with that copy first on PYTHONPATH (from inside
the checkout, `python -m` would import the checkout's own package for every revision). Prints
the median and best wall time and the median CPU time of each, cold (an empty photo store for
every run) or `--warm` (a store the revision filled first). Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_build import generate, make_project  # noqa: E402


def export(revision: str, into: Path) -> Path:
    """The `typeset/` package of `revision` (or the working tree: WORKTREE) under `into`."""
    into.mkdir(parents=True)
    if revision == "WORKTREE":
        shutil.copytree(ROOT / "typeset", into / "typeset",
                        ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "typeset"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "typeset")], check=True)
    return into


def run_once(package: Path, edition: Path, out: Path, store: Path, revision: str = ""
             ) -> tuple[float, float]:
    """One `python -m typeset build` of `edition` with `package` first on the path: (wall s,
    CPU s of the process and the workers it waited for)."""
    env = {**os.environ, "PYTHONPATH": str(package), "TYPESET_CACHE": str(store)}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen([sys.executable, "-m", "typeset", "build", str(edition), "-o",
                                 str(out), "--allow-overset"], cwd=tempfile.gettempdir(),
                                env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise SystemExit(f"the build with {revision or package} failed (the edition is "
                             f"made from today's sample, which may use what an old revision "
                             f"does not know):\n  " + "\n  ".join(said))
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", help="git revisions, or WORKTREE")
    parser.add_argument("--pages", type=int, default=1, help="edition size")
    parser.add_argument("--runs", type=int, default=9, help="runs per revision (median)")
    parser.add_argument("--warm", action="store_true", help="photos prepared before")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="typeset-compare-") as tmp:
        root = Path(tmp)
        make_project(root)
        edition = generate(root / "edition", args.pages, distinct_photos=False)
        packages = {rev: export(rev, root / f"rev-{n}") for n, rev in enumerate(args.revisions)}
        stores = {rev: root / f"store-{n}" for n, rev in enumerate(args.revisions)}
        for rev, package in packages.items():  # a first build each: OS caches, warm stores
            run_once(package, edition, root / "out.pdf", stores[rev], rev)
        times: dict[str, list[tuple[float, float]]] = {rev: [] for rev in packages}
        for _ in range(args.runs):
            for rev, package in packages.items():
                if not args.warm:
                    shutil.rmtree(stores[rev], ignore_errors=True)
                times[rev].append(run_once(package, edition, root / "out.pdf", stores[rev],
                                           rev))
        print(f"{args.pages}-page edition, {'warm' if args.warm else 'cold'} photo store, "
              f"{args.runs} runs each, load average {os.getloadavg()[0]:.2f}")
        for rev, runs in times.items():
            walls = [w for w, _ in runs]
            print(f"  {rev:<20} median {statistics.median(walls):.3f} s  best {min(walls):.3f} s"
                  f"  cpu {statistics.median(c for _, c in runs):.3f} s")


if __name__ == "__main__":
    main()
