"""Benchmark: font embedding per face and the whole build of the real sample edition.

Run: .venv/bin/python bench/bench_sample.py [--edition editions/sample] [--repeat 5]
Prints, as medians of --repeat runs: the HarfBuzz subset + PDF font tables time of every face
the composed sample uses (glyph count, program size), the photo separation time (with the ink
limit), and the whole `typeset.pipeline.build` (load → compose → write_pdf) with its stages.
The first build (cold: font book, shaping caches) is reported separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.frame import GlyphRun, ImageItem  # noqa: E402
from typeset.pipeline import build, compose, pdf_options  # noqa: E402
from typeset.render.pdf.fonts import FaceUsage, subset_face  # noqa: E402
from typeset.manifest.media_probe import probe  # noqa: E402
from typeset.render.pdf.images import plan_photo, render_photo  # noqa: E402
from typeset.render.pdf.options import merge_output  # noqa: E402
from typeset.render.pdf.profiles import find_output_profile  # noqa: E402


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", type=Path, default=ROOT / "editions" / "sample")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "sample.pdf"
        start = time.perf_counter()
        first = build(args.edition, out)
        cold = time.perf_counter() - start
        if not first.ok:
            sys.exit("the edition does not build: " + "; ".join(
                d.message for d in first.diagnostics if d.severity.value == "error"))
        size = out.stat().st_size
        stages: dict[str, list[float]] = {}
        totals = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = build(args.edition, out)
            totals.append(time.perf_counter() - start)
            for name, seconds in result.timings.items():
                stages.setdefault(name, []).append(seconds)

    doc = compose(args.edition).document
    usages: dict = {}
    characters = 0
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, GlyphRun):
                characters += len(item.text)
                usage = usages.setdefault((item.face.path, item.face.index), FaceUsage(item.face))
                for glyph in item.glyphs:
                    usage.add(glyph.gid, glyph.text)
    print(f"edition {args.edition}: {len(doc.pages)} pages, {characters} characters, "
          f"{len(usages)} faces (medians of {args.repeat} runs)")
    print("font embedding per face (HarfBuzz subset + CID font tables):")
    fonts_total = 0.0
    for number, usage in enumerate(usages.values(), start=1):
        subset = subset_face(usage, f"TF{number}")
        ms = _median_ms(lambda usage=usage, number=number: subset_face(usage, f"TF{number}"),
                        args.repeat)
        fonts_total += ms
        print(f"  {usage.ref.name:34} {len(usage.gids):5} glyphs {ms:8.1f} ms  "
              f"{len(subset.program) / 1024:7.1f} KiB {subset.kind}")
    print(f"  {'all faces':34} {'':12} {fonts_total:8.1f} ms")

    options, _ = merge_output(pdf_options(first.edition), doc.output or {})
    profile = find_output_profile(options.icc_profile)
    photos = {(item.source, item.crop): (page.number, item) for page in doc.pages
              for item in page.items if isinstance(item, ImageItem)}
    print(f"photo separation to CMYK ≤ {options.max_ink:g} % total ink, JPEG q"
          f"{options.jpeg_quality}:")
    for number, item in photos.values():
        media = probe(item.source)
        ms = _median_ms(lambda item=item, number=number, media=media: render_photo(
            plan_photo(item, media, options.image_max_ppi), media, profile, grey=False,
            jpeg_quality=options.jpeg_quality, page=number, max_ink=options.max_ink),
            args.repeat)
        print(f"  p{number} {Path(item.source).name:28} {ms:8.1f} ms")
    print(f"whole build (load → compose → write_pdf): {statistics.median(totals) * 1000:.0f} ms "
          f"median, {cold * 1000:.0f} ms cold first build; PDF {size / 1024:.0f} KiB")
    for name, values in stages.items():
        print(f"  {name:14} {statistics.median(values) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
