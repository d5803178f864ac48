"""Benchmark: where a build composed in two processes spends its CPU (typeset.page_pool).

Run:  .venv/bin/python bench/bench_pool.py [--pages 24] [--runs 3]

Generates an edition as bench_build.py does, then runs `pipeline.compose` in fresh
interpreters with TYPESET_WORKERS=2 and with 1, alternately, and prints per run the CPU
seconds of: the building process's share (fit + compose of its pages), the child's share
and its pickling of the result, the parent's reading of it, and the whole of `compose` in
the parent; and the wall time of `compose`. On a machine loaded by other work the wall
times mean little, but the CPU figures give the critical path an idle machine would see:
max(parent share, child share + pickling) + reading. Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_build import generate, make_project  # noqa: E402

CHILD = r"""
import json, os, pickle, sys, time
from pathlib import Path
from typeset import page_pool, pipeline
spent, parent, work = {}, os.getpid(), page_pool.work
def timed_work(*args):
    start = time.process_time()
    made = work(*args)
    if os.getpid() == parent:
        spent["parent share"] = time.process_time() - start
    else:
        mid = time.process_time()
        pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
        Path(sys.argv[2]).write_text(json.dumps({"child share": mid - start,
                                                 "child pickling": time.process_time() - mid}))
    return made
page_pool.work = timed_work
result_of = page_pool._Child.result
def timed_result(self):
    start = time.process_time()
    made = result_of(self)
    spent["parent reading"] = time.process_time() - start
    return made
page_pool._Child.result = timed_result
wall, cpu = time.perf_counter(), time.process_time()
pipeline.compose(Path(sys.argv[1]), allow_overset=True)
spent["compose, parent CPU"] = time.process_time() - cpu
spent["compose, wall"] = time.perf_counter() - wall
print(json.dumps(spent))
"""


def run(edition: Path, workers: int, note: Path) -> dict[str, float]:
    """One `pipeline.compose` in a fresh interpreter; its figures."""
    note.unlink(missing_ok=True)
    env = {**os.environ, "TYPESET_WORKERS": str(workers), "TYPESET_CACHE": "0"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(edition), str(note)], env=env,
                         capture_output=True, text=True, check=True).stdout
    found = json.loads(out.strip().splitlines()[-1])
    if note.exists():
        found.update(json.loads(note.read_text()))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="typeset-pool-") as tmp:
        root = Path(tmp)
        make_project(root)
        edition = generate(root / "edition", args.pages)
        rows: dict[int, list[dict[str, float]]] = {2: [], 1: []}
        load = os.getloadavg()[0]
        for _ in range(args.runs):
            for workers in rows:
                rows[workers].append(run(edition, workers, root / "child.json"))
        print(f"{args.pages} pages, {args.runs} runs, load average {load:.2f} → "
              f"{os.getloadavg()[0]:.2f} (seconds)")
        for workers, runs in rows.items():
            print(f"  TYPESET_WORKERS={workers}")
            for key in dict.fromkeys(k for r in runs for k in r):
                values = [r.get(key, 0.0) for r in runs]
                print(f"    {key:<22} median {statistics.median(values):6.3f}   "
                      + " ".join(f"{v:.3f}" for v in values))


if __name__ == "__main__":
    main()
