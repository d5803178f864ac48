"""Benchmark: whole-edition builds of 1, 8 and 24 broadsheet pages, a stage profile, re-proofs.

Run:  .venv/bin/python bench/bench_build.py [--pages 1,8,24] [--repeat 5] [--distinct-photos]

1. Generates editions into a temporary project (layouts/ and fonts/ copied from this checkout)
   from the sample edition (editions/sample): its first two pages alternate as page templates (the
   front-page template, without masthead room after the first page, and the inside template);
   the stories are copied per page with their sentences rotated (different text on every page,
   same length, so pages stay full), the jumps go from each odd page to the next page, and the
   photos are the sample's (repeated; `--distinct-photos` makes a mirrored copy per page, so
   no two pages share a photo file).
2. Builds each edition with the `paiban build` command in a subprocess (interpreter start
   counts) and prints the median wall time, CPU time (user + system) and peak RSS of the runs
   (per child, from os.wait4's rusage), with the on-disk photo store cold (an empty folder
   per run: every photo prepared) and warm (filled by an earlier build of the same edition).
3. Profiles one in-process `pipeline.build` per edition (in a fresh interpreter): import,
   load, fonts + images (header reads), compose, write — and inside write: starting the
   photos, font subsetting, time spent waiting for photos (worker threads prepare them from
   the moment the pages are composed, while the PDF writer loads, fonts are subset and pages
   painted), page painting and the PDF/X finish. The profile imports the PDF writer up
   front to time it; a real build imports it while its photos are being prepared.
4. Re-proof: in one process (as `--watch` does), builds the largest edition, changes one story
   on one page and rebuilds that page (`pages={n}`); prints the time (median over several
   edits), and the time of a full rebuild after a one-story change.

Before measuring, the package is byte-compiled (`compileall`), as an installed package is:
this machine sets PYTHONDONTWRITEBYTECODE=1, so an editable checkout would otherwise compile
every module from source on every run (≈ 50 ms).

Prints figures only; no assertions (speed is not a unit test).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "editions" / "sample"
TYPESET = Path(sys.executable).with_name("paiban")
BRIEFS = ("b02-charging", "b03-drill", "b04-volunteers")
"""Short stories that fill the masthead's lines on front-template pages after the first."""
SENTENCE = re.compile(r"[^。！？]*[。！？]+[”’」』）]*|[^。！？]+$")


# --- edition generation -------------------------------------------------------------------

def split_story(text: str) -> tuple[str, list[str]]:
    """(front matter with its fences, body paragraphs) of a story file."""
    if text.startswith("---"):
        _, front, body = text.split("---", 2)
        head = f"---{front}---\n"
    else:
        head, body = "", text
    return head, [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def rotate_sentences(paragraphs: list[str], shift: int) -> list[str]:
    """The same paragraphs' sentences rotated by `shift` across the story, refilled into
    paragraphs of the original sentence counts (the text differs, its length does not)."""
    sentences = [SENTENCE.findall(p) for p in paragraphs]
    flat = [s for group in sentences for s in group if s]
    if not flat:
        return paragraphs
    shift %= len(flat)
    flat = flat[shift:] + flat[:shift]
    out, at = [], 0
    for group in sentences:
        n = len([s for s in group if s])
        out.append("".join(flat[at:at + n]))
        at += n
    return [p for p in out if p]


def page_templates() -> tuple[dict, list[dict], dict]:
    """The sample's edition settings and its first two page dicts (front page, inside page).
    Its page 3 is not a template: the inside page's onward jump to it (the middle of a jump
    chain) is dropped, so what does not fit there is overset, which the benchmark allows."""
    data = yaml.safe_load((SAMPLE / "edition.yaml").read_text(encoding="utf-8"))
    pages = data.pop("pages")[:2]
    _drop_onward_jumps(pages[1]["slots"])
    return data, pages, data


def _drop_onward_jumps(items: list) -> None:
    """Remove `continue:` from the continuation slots (an `id:` and no story) in `items`, and
    in the stacks and rows inside them."""
    for item in items:
        if not isinstance(item, dict):
            continue
        if "id" in item and "story" not in item:
            item.pop("continue", None)
        for key in ("stack", "row"):
            _drop_onward_jumps(item.get(key) or [])


PRESS_KINDS = {"plant-site": "jpeg", "riverside": "jpeg", "port": "tiff16", "blossom": "png"}
"""The kind of press-size file each sample photo becomes (`--press-photos`): q92 JPEGs, one
16-bit greyscale TIFF and one RGB PNG."""


def generate(folder: Path, count: int, *, distinct_photos: bool = False,
             press_photos: bool = False) -> Path:
    """Write an edition of `count` pages into `folder` (see the module doc); return it.
    `press_photos`: the photos are press-size files (`press_photos.py`, ≈ 6000 px wide); with
    `distinct_photos` every page gets its own (JPEGs, but a TIFF and a PNG on page 2)."""
    settings, templates, _ = page_templates()
    front, inside = templates
    (folder / "stories").mkdir(parents=True, exist_ok=True)
    (folder / "photos").mkdir(exist_ok=True)
    sources = {p.stem: p.read_text(encoding="utf-8") for p in (SAMPLE / "stories").glob("*.md")}
    for photo in (SAMPLE / "photos").iterdir():
        shutil.copy2(photo, folder / "photos" / photo.name)
    pages = []
    for number in range(1, count + 1):
        template = front if number % 2 == 1 else inside
        page = json.loads(json.dumps(template))  # deep copy
        page["number"] = number
        slots = []

        def visit(slot: dict, number: int = number) -> None:
            """Rename the slot's story (and those of the stacks and rows inside it), point its
            jump at the next page, give it its photo file."""
            if "story" in slot:
                name = f"p{number:02d}-{slot['story']}"
                head, paragraphs = split_story(sources[slot["story"]])
                body = "\n\n".join(rotate_sentences(paragraphs, number))
                (folder / "stories" / f"{name}.md").write_text(head + body + "\n",
                                                               encoding="utf-8")
                slot["story"] = name
            if "continue" in slot:
                if number + 1 > count:
                    del slot["continue"]  # the last page has nowhere to jump: overset allowed
                else:
                    slot["continue"]["page"] = number + 1
            if isinstance(slot.get("continued_from"), dict) and number > 1:
                slot["continued_from"]["page"] = number - 1
            photo = slot.get("photo")
            if isinstance(photo, dict) and press_photos:
                photo["file"] = _press_photo(folder, photo["file"],
                                             number if distinct_photos else 0)
            elif isinstance(photo, dict) and distinct_photos:
                photo["file"] = _page_photo(folder, photo["file"], number)
            for key in ("stack", "row"):
                for inner in slot.get(key) or ():
                    if isinstance(inner, dict):
                        visit(inner)

        for slot in page["slots"]:
            visit(slot)
            slots.append(slot)
        if number > 1 and template is front:
            # Lines 0–9 hold the masthead on page 1 only; elsewhere two briefs fill them.
            for k, column in enumerate((1, 5)):
                short = BRIEFS[(number + k) % len(BRIEFS)]
                name = f"p{number:02d}-band{k + 1}-{short}"
                head, paragraphs = split_story(sources[short])
                body = "\n\n".join(rotate_sentences(paragraphs, number + k))
                (folder / "stories" / f"{name}.md").write_text(head + body + "\n",
                                                               encoding="utf-8")
                slots.insert(k, {"story": name,
                                 "at": {"column": column, "span": 4, "top": 0, "bottom": 10}})
        page["slots"] = slots
        if number > 1 and template is front:
            page["section"] = f"{page['section']} · {number}"
        pages.append(page)
    settings = dict(settings)
    settings["pages"] = pages
    (folder / "edition.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")
    return folder


def _page_photo(folder: Path, name: str, number: int) -> str:
    """A mirrored copy of a sample photo (and its caption sidecar) for page `number`."""
    from PIL import Image, ImageOps

    src = SAMPLE / name
    dest = folder / "photos" / f"p{number:02d}-{src.name}"
    with Image.open(src) as im:
        icc = im.info.get("icc_profile")
        ImageOps.mirror(im).save(dest, "JPEG", quality=92, **({"icc_profile": icc} if icc else {}))
    sidecar = src.with_suffix(".md")
    if sidecar.exists():
        shutil.copy2(sidecar, dest.with_suffix(".md"))
    return f"photos/{dest.name}"


def _press_photo(folder: Path, name: str, number: int) -> str:
    """A press-size version of a sample photo (and its caption sidecar): one per edition
    (`number` 0) or one per page."""
    sys.path.insert(0, str(ROOT / "bench"))
    from press_photos import press_photo

    src = SAMPLE / name
    stem = src.stem if number == 0 else f"p{number:02d}-{src.stem}"
    kind = PRESS_KINDS.get(src.stem, "jpeg") if number in (0, 2) else "jpeg"
    dest = press_photo(src, folder / "photos" / stem, number * 10 + len(stem), kind)
    sidecar = src.with_suffix(".md")
    if sidecar.exists():
        shutil.copy2(sidecar, dest.with_suffix(".md"))
    if dest.name != src.name:
        (folder / "photos" / src.name).unlink(missing_ok=True)
    return f"photos/{dest.name}"


def make_project(root: Path) -> None:
    """A project folder: layouts/ and fonts/fonts.yaml copied from this checkout."""
    shutil.copytree(ROOT / "layouts", root / "layouts")
    (root / "fonts").mkdir()
    shutil.copy2(ROOT / "fonts" / "fonts.yaml", root / "fonts" / "fonts.yaml")


def body_characters(folder: Path) -> int:
    """Non-space characters in the story bodies of an edition folder."""
    total = 0
    for path in (folder / "stories").glob("*.md"):
        total += sum(len(re.sub(r"\s", "", p))
                     for p in split_story(path.read_text(encoding="utf-8"))[1])
    return total


# --- measurements -------------------------------------------------------------------------

def run_build(edition: Path, out: Path, extra: list[str], cache: Path | str = "0"
              ) -> tuple[float, float, float, int]:
    """One `paiban build` in a child process: (wall s, cpu s, peak RSS MB, exit code).
    `cache` is the child's TYPESET_CACHE: a photo-store folder, or "0" for none."""
    env = {**os.environ, "TYPESET_CACHE": str(cache)}
    start = time.perf_counter()
    proc = subprocess.Popen([str(TYPESET), "build", str(edition), "-o", str(out), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, proc.returncode


PROFILE_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from typeset import pipeline
imported = time.perf_counter() - t0
t0 = time.perf_counter()
import typeset.render.pdf.writer as writer  # a build loads it while the photos are prepared
imported_writer = time.perf_counter() - t0
spent = {}
def timed(module, name, label):
    fn = getattr(module, name, None)
    if fn is None:
        return
    def wrapper(*a, **k):
        s = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - s
    setattr(module, name, wrapper)
import typeset.photos as photos
timed(photos, "edition_media", "load: probe photos (headers, 1/8 decode check)")
timed(photos, "start_preparing", "write: submit photos (store look-up)")
timed(writer, "subset_face", "write: font subsets")
timed(writer._Photos, "finish", "write: waiting for photos")
timed(writer, "finish", "write: PDF/X finish (pikepdf)")
result = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), allow_overset=True)
stages = {"import": imported, "import: PDF writer (pikepdf)": imported_writer,
          **result.timings}
if "write" in stages:
    rest = stages["write"] - sum(spent.values())
    stages.update(spent)
    stages["write: painting pages, rest"] = rest
print(json.dumps(stages))
"""


def stage_profile(edition: Path, out: Path) -> dict[str, float]:
    """Per-stage seconds of one cold in-process build (fresh interpreter)."""
    env = {**os.environ, "TYPESET_CACHE": "0"}  # cold: every photo prepared
    text = subprocess.run([sys.executable, "-c", PROFILE_CHILD, str(edition), str(out)],
                          capture_output=True, text=True, check=True, env=env).stdout
    return json.loads(text.strip().splitlines()[-1])


def reproof(edition: Path, out: Path, pages: int, edits: int) -> dict[str, float]:
    """In-process: a first build, then `edits` one-story changes each followed by a rebuild
    of that story's page only, then one full rebuild after a change. Seconds."""
    from typeset import page_pool, pipeline

    page_pool.keep_caches()  # as --watch: every page composed here, so its caches hold them
    start = time.perf_counter()
    first = pipeline.build(edition, out, allow_overset=True)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.build(edition, out, allow_overset=True)
    unchanged = time.perf_counter() - start
    times = []
    number = min(5, pages)
    story = edition / "stories" / f"p{number:02d}-a13-farming.md"
    if not story.exists():
        story = sorted((edition / "stories").glob(f"p{number:02d}-*.md"))[0]
    original = story.read_text(encoding="utf-8")
    for k in range(edits):
        # A desk edit: one word replaced in the last paragraph (length kept, so it still fits).
        head, paragraphs = split_story(original)
        paragraphs[-1] = paragraphs[-1].replace("。", "！", 1) if k % 2 else \
            paragraphs[-1].replace("，", "、", 1)
        story.write_text(head + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        start = time.perf_counter()
        result = pipeline.build(edition, out, pages={number}, allow_overset=True)
        times.append(time.perf_counter() - start)
        assert result.outputs, [d.format() for d in result.diagnostics if d.severity.value == "error"]
    story.write_text(original.replace("。", "；", 1), encoding="utf-8")
    start = time.perf_counter()
    pipeline.build(edition, out, allow_overset=True)
    full = time.perf_counter() - start
    story.write_text(original, encoding="utf-8")
    return {"first build (in process)": cold, "unchanged rebuild": unchanged,
            f"one story changed, page {number} rebuilt (median of {edits})":
                statistics.median(times),
            "one story changed, all pages rebuilt": full,
            "_diagnostics": len(first.diagnostics)}


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {model or '?'}, "
            f"Python {sys.version.split()[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="1,8,24", help="edition sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="CLI runs per edition (median)")
    parser.add_argument("--edits", type=int, default=5, help="re-proof edits (median)")
    parser.add_argument("--distinct-photos", action="store_true",
                        help="a mirrored copy of each photo per page (no photo shared by pages)")
    parser.add_argument("--press-photos", action="store_true",
                        help="press-size photos (6000 px: q92 JPEGs, a 16-bit TIFF, a PNG), "
                             "generated at bench time")
    parser.add_argument("--no-profile", action="store_true",
                        help="skip the stage profile and the re-proof")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    sizes = [int(n) for n in args.pages.split(",") if n.strip()]
    os.environ["TYPESET_CACHE"] = "0"  # never the user's photo store; runs choose their own

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "typeset")],
                   check=True)
    print(f"machine: {machine()}")
    print(f"load average: {os.getloadavg()[0]:.2f} (other work on the machine skews figures)")
    with tempfile.TemporaryDirectory(prefix="typeset-bench-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        if not (root / "layouts").exists():
            make_project(root)
        editions = {}
        for n in sizes:
            folder = root / f"edition-{n:02d}"
            shutil.rmtree(folder, ignore_errors=True)
            editions[n] = generate(folder, n, distinct_photos=args.distinct_photos,
                                   press_photos=args.press_photos)
        run_build(editions[sizes[0]], root / "warm.pdf", ["--allow-overset"])  # OS file cache
        startup = [run_build(editions[sizes[0]], root / "warm.pdf", ["--help"])[0]
                   for _ in range(3)]
        print(f"`paiban build --help` (interpreter + CLI import): "
              f"{statistics.median(startup):.3f} s")
        print()
        print("photo store: cold = an empty TYPESET_CACHE folder for every run (every photo "
              "prepared);\n             warm = a folder an earlier build of the edition filled "
              "(a new process, photos read back)")
        print(f"{'pages':>5} {'chars':>7} {'photos':>6} {'store':>5} {'wall s':>8} {'best':>6} "
              f"{'cpu s':>7} {'peak MB':>8} {'PDF KB':>7}   runs (wall s)")
        for n, edition in editions.items():
            out = root / f"edition-{n:02d}.pdf"
            photos = sum(1 for line in (edition / "edition.yaml").read_text().splitlines()
                         if "file: photos/" in line)
            warm = root / f"store-{n:02d}"
            shutil.rmtree(warm, ignore_errors=True)
            for label in ("cold", "warm"):
                runs = []
                for k in range(args.repeat):
                    if label == "cold":
                        store = root / f"store-cold-{n:02d}-{k}"
                        runs.append(run_build(edition, out, ["--allow-overset"], store))
                        shutil.rmtree(store, ignore_errors=True)
                    else:
                        if not warm.exists():
                            run_build(edition, out, ["--allow-overset"], warm)
                        runs.append(run_build(edition, out, ["--allow-overset"], warm))
                bad = [r for r in runs if r[3] != 0]
                walls = [r[0] for r in runs]
                print(f"{n:>5} {body_characters(edition):>7} {photos:>6} {label:>5} "
                      f"{statistics.median(walls):>8.3f} {min(walls):>6.3f} "
                      f"{statistics.median(r[1] for r in runs):>7.3f} "
                      f"{statistics.median(r[2] for r in runs):>8.1f} "
                      f"{out.stat().st_size / 1024 if out.exists() else 0:>7.0f}   "
                      f"{' '.join(f'{w:.2f}' for w in walls)}"
                      + (f"  (exit {bad[0][3]} in {len(bad)} runs)" if bad else ""))
        if args.no_profile:
            return
        print()
        print("stage profile, one cold in-process build (s):")
        profiles = {n: stage_profile(e, root / f"profile-{n:02d}.pdf")
                    for n, e in editions.items()}
        labels = list(dict.fromkeys(k for p in profiles.values() for k in p))
        print(f"  {'stage':<48}" + "".join(f"{f'{n} p':>9}" for n in profiles))
        for label in labels:
            print(f"  {label:<48}" + "".join(f"{p.get(label, 0.0):>9.3f}"
                                              for p in profiles.values()))
        print()
        largest = max(editions)
        print(f"re-proof, in one process ({largest}-page edition, as --watch):")
        figures = reproof(editions[largest], root / "reproof.pdf", largest, args.edits)
        for label, value in figures.items():
            if not label.startswith("_"):
                print(f"  {label:<52} {value:7.3f} s")


if __name__ == "__main__":
    main()
