"""Compare the build time of git revisions side by side (the machine's speed drifts, so only
runs made in the same minutes, alternating, can be compared).

Run:  .venv/bin/python bench/compare.py HEAD~3 HEAD [--pages 1] [--runs 9] [--warm]
      .venv/bin/python bench/compare.py HEAD WORKTREE      # the uncommitted checkout too
      .venv/bin/python bench/compare.py WORKTREE+TYPESET_WORKERS=1 WORKTREE --pages 24 \
          --typst /tmp/typst-venv/bin/python               # serial, pool, and Typst's peer

Each revision's `typeset/` package is exported (`git archive`, or copied for WORKTREE) into a
temporary folder and byte-compiled; an edition of `--pages` pages is generated as
`bench_build.py` does; then the revisions are run in turn, run by run, as
`python -m typeset build` from a neutral folder with that copy first on PYTHONPATH (from inside
the checkout, `python -m` would import the checkout's own package for every revision). Prints
the median and best wall time and the median CPU time of each, cold (an empty photo store for
every run) or `--warm` (a store the revision filled first). `REV+NAME=VALUE` runs a revision
with an environment variable set (one revision, several variants); `--typst PYTHON` adds the
Typst peer of the same edition (`typst_peer.py`) to every round. `--stages` prints the median
ms of each stage of `pipeline.build` (its own timings, in a fresh interpreter per run) instead
of whole-process figures; `--edition-from REV` makes the project and the edition with REV's own
bench_build.py from REV's sample, so that an old revision can read them (newer ones read older
manifests): e.g. `compare.py 'a8b9269^' HEAD --pages 8 --stages --edition-from 'a8b9269^'`
is issue 14's before/after per stage. Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import json
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


def variant(name: str) -> tuple[str, dict[str, str]]:
    """A revision argument `REV+NAME=VALUE+…` → (REV, the environment it is run with): e.g.
    `WORKTREE+TYPESET_WORKERS=1` is the checkout composing in one process."""
    rev, *pairs = name.split("+")
    return rev, dict(pair.split("=", 1) for pair in pairs)


TYPST_RUN = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
             "font_paths=['/usr/share/fonts'])")


def run_typst(python: str, source: Path, out: Path) -> tuple[float, float, float]:
    """One Typst compile of `source` (the `typst` package's compiler, run by `python`, so
    interpreter start counts as it does for typeset): (wall s, CPU s, peak RSS MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([python, "-c", TYPST_RUN, str(source), str(out)],
                            cwd=source.parent, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"typst failed on {source}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


STAGES_RUN = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from typeset import pipeline
imported = time.perf_counter() - start
start = time.perf_counter()
result = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), allow_overset=True)
if result.document is None:
    sys.exit("not composed: " + "; ".join(str(d) for d in result.diagnostics[:3]))
print(json.dumps({"import": imported, **result.timings,
                  "whole build": time.perf_counter() - start}))
"""


def run_stages(package: Path, edition: Path, out: Path, store: Path,
               env_more: dict[str, str] | None = None) -> dict[str, float]:
    """One in-process build of `edition` with `package` first on the path: seconds per
    stage (`BuildResult.timings`, the import and the whole build)."""
    env = {**os.environ, "PYTHONPATH": str(package), "TYPESET_CACHE": str(store),
           **(env_more or {})}
    done = subprocess.run([sys.executable, "-c", STAGES_RUN, str(edition), str(out)],
                          cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the build with {package} failed:\n  {done.stderr.strip()[-600:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def project_from(revision: str, root: Path, pages: int) -> Path:
    """The project (layouts/, fonts/fonts.yaml) and a `pages`-page edition made in `root` by
    `revision`'s own bench_build.py from its own sample; the edition's folder."""
    tree = root / "edition-tree"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    make = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from bench_build import generate, make_project; root = Path(sys.argv[2]); "
            "make_project(root); generate(root / 'edition', int(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", make, str(tree / "bench"), str(root), str(pages)],
                   check=True, cwd=tempfile.gettempdir())
    return root / "edition"


def print_stages(runs: dict[str, list[dict[str, float]]]) -> None:
    """Median (min–max) ms of each stage, a column per variant."""
    names = list(runs)
    stages = list(dict.fromkeys(k for name in names for run in runs[name] for k in run))
    print("  " + " " * 14 + "".join(f"{name:>26}" for name in names))
    for stage in stages:
        cells = []
        for name in names:
            values = [run[stage] * 1000 for run in runs[name] if stage in run]
            cells.append(f"{statistics.median(values):9.1f} ({min(values):.0f}–{max(values):.0f})"
                         if values else "—")
        print(f"  {stage:<14}" + "".join(f"{cell:>26}" for cell in cells))


def run_once(package: Path, edition: Path, out: Path, store: Path, revision: str = "",
             env_more: dict[str, str] | None = None) -> tuple[float, float, float]:
    """One `python -m typeset build` of `edition` with `package` first on the path: (wall s,
    CPU s of the process and the workers it waited for, peak RSS MB)."""
    env = {**os.environ, "PYTHONPATH": str(package), "TYPESET_CACHE": str(store),
           **(env_more or {})}
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
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", help="git revisions, or WORKTREE")
    parser.add_argument("--pages", type=int, default=1, help="edition size")
    parser.add_argument("--runs", type=int, default=9, help="runs per revision (median)")
    parser.add_argument("--warm", action="store_true", help="photos prepared before")
    parser.add_argument("--press-photos", action="store_true",
                        help="press-size photos (bench/press_photos.py), made at bench time")
    parser.add_argument("--distinct-photos", action="store_true",
                        help="every page its own photos")
    parser.add_argument("--sample-too", action="store_true",
                        help="also build the same edition with the sample's own photos "
                             "(the press-photo target is a ratio to it)")
    parser.add_argument("--typst", metavar="PYTHON",
                        help="also compile the Typst peer of the edition (bench/typst_peer.py) "
                             "in each round, with this Python that has the `typst` package")
    parser.add_argument("--stages", action="store_true",
                        help="per-stage ms of pipeline.build instead of whole-process figures")
    parser.add_argument("--edition-from", metavar="REV",
                        help="make the project and edition with REV's bench_build and sample")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="typeset-compare-") as tmp:
        root = Path(tmp)
        if args.edition_from:
            edition = project_from(args.edition_from, root, args.pages)
        else:
            make_project(root)
            edition = generate(root / "edition", args.pages,
                               distinct_photos=args.distinct_photos,
                               press_photos=args.press_photos)
        editions = {"": edition}
        if args.sample_too:
            editions[" (sample photos)"] = generate(root / "edition-sample", args.pages,
                                                    distinct_photos=args.distinct_photos)
        revisions = list(dict.fromkeys(variant(name)[0] for name in args.revisions))
        packages = {rev: export(rev, root / f"rev-{n}") for n, rev in enumerate(revisions)}
        variants = [(name + label, variant(name)[0], ed) for label, ed in editions.items()
                    for name in args.revisions]
        envs = {name + label: variant(name)[1] for label in editions for name in args.revisions}
        stores = {name: root / f"store-{n}" for n, (name, _, _) in enumerate(variants)}
        for name, rev, ed in variants:  # a first build each: OS caches, warm stores
            run_once(packages[rev], ed, root / "out.pdf", stores[name], rev, envs[name])
        if args.stages:
            staged: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in variants}
            loaded = os.getloadavg()[0]
            for _ in range(args.runs):
                for name, rev, ed in variants:
                    if not args.warm:
                        shutil.rmtree(stores[name], ignore_errors=True)
                    staged[name].append(run_stages(packages[rev], ed, root / "out.pdf",
                                                   stores[name], envs[name]))
            print(f"{args.pages}-page edition, per stage, ms, {'warm' if args.warm else 'cold'} "
                  f"photo store, {args.runs} runs each, load average {loaded:.2f} → "
                  f"{os.getloadavg()[0]:.2f}")
            print_stages(staged)
            return
        times: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _, _ in variants}
        if args.typst:
            from typst_peer import peer

            source = edition / "peer.typ"
            source.write_text(peer(edition), encoding="utf-8")
            run_typst(args.typst, source, root / "peer.pdf")
            times["typst (peer)"] = []
        loaded = os.getloadavg()[0]
        for _ in range(args.runs):
            for name, rev, ed in variants:
                if not args.warm:
                    shutil.rmtree(stores[name], ignore_errors=True)
                times[name].append(run_once(packages[rev], ed, root / "out.pdf", stores[name],
                                            rev, envs[name]))
            if args.typst:
                times["typst (peer)"].append(run_typst(args.typst, source, root / "peer.pdf"))
        print(f"{args.pages}-page edition{', press-size photos' if args.press_photos else ''}"
              f"{', distinct photos' if args.distinct_photos else ''}, "
              f"{'warm' if args.warm else 'cold'} photo store, "
              f"{args.runs} runs each, load average {loaded:.2f} → {os.getloadavg()[0]:.2f}")
        for name, runs in times.items():
            walls = [w for w, _, _ in runs]
            print(f"  {name:<36} median {statistics.median(walls):.3f} s  best "
                  f"{min(walls):.3f} s  cpu {statistics.median(c for _, c, _ in runs):.3f} s  "
                  f"peak {max(r for _, _, r in runs):.0f} MB   "
                  f"runs {' '.join(f'{w:.2f}' for w in walls)}")


if __name__ == "__main__":
    main()
