"""Typography figures of the composer on news copy set on the sample's grid.

Sets every paragraph of bench/corpus/*.md (news copy written for this benchmark) and of the
sample edition's stories in the body style and composition rules of
layouts/broadsheet-8col.yaml (小五 9 pt, 13 字 columns, 100 lines × 8 columns = 800 lines a
page), and prints, measured on the glyph positions the composer returns:

- loose lines: justified lines (not a paragraph's last) where some gap between two
  ideographs is wider than 0.15 em beyond the characters' advances; per page of 800 lines;
  and how many of them are unavoidable: an exhaustive search over every set of legal and
  house-rule breaks of their paragraph (not the composer's search) finds none without one;
- letter-spaced lines (稀排): such a gap of 0.25 em or more;
- the widest gap between two ideographs, em;
- lines starting with …… or —— (not a paragraph's first line), lines holding only ……;
- 孤字 last lines (one character alone);
- and, for the headlines, kickers and decks in the corpus front matter, set in their display
  styles at 1 to 4 column widths: lines broken inside a word (rjieba as the judge).

Usage: python bench/bench_typography.py [--corpus-only] [--list N] [--set KEY=VALUE …]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.compose.context import ComposeContext  # noqa: E402
from typeset.fonts import FontBook, load_face  # noqa: E402
from typeset.manifest.fonts_config import load_font_roles  # noqa: E402
from typeset.manifest.layout_file import load_layout  # noqa: E402
from typeset.model.composition import CompositionRules  # noqa: E402
from typeset.model.story import Run  # noqa: E402
from typeset.linebreak import set_paragraph  # noqa: E402

LOOSE_EM = 0.15
SPACED_EM = 0.25
LINES_PER_PAGE = 800


def _stories(corpus_only: bool, sample_only: bool = False) -> list[Path]:
    files = [] if sample_only else sorted((ROOT / "bench" / "corpus").glob("*.md"))
    if not corpus_only:
        files += sorted(ROOT.glob("editions/sample/stories/*.md"))
    return files


def _split(path: Path) -> tuple[dict[str, str], list[str]]:
    text = path.read_text(encoding="utf-8")
    front: dict[str, str] = {}
    if text.startswith("---"):
        _, head, text = text.split("---", 2)
        for line in head.splitlines():
            if ":" in line:
                key, value = line.split(":", 1)
                front[key.strip()] = value.strip()
    paras = []
    for line in text.splitlines():
        line = line.strip().replace("**", "")
        if line and not line.startswith(("#", "!", ">")):
            paras.append(line)
    return front, paras


def _gaps(line, advance_of) -> list[float]:
    """Extra space (em) between consecutive ideographs of a line."""
    out = []
    for run in line.runs:
        glyphs = run.glyphs
        for a, b in zip(glyphs, glyphs[1:]):
            if len(a.text) == 1 and len(b.text) == 1 and "\u4e00" <= a.text <= "\u9fff" and (
                    "\u4e00" <= b.text <= "\u9fff"):
                gap = b.x - a.x - advance_of(run.face, a.gid) * run.size
                out.append(gap / run.size)
    return out


def _least_spacing(text, style, fonts, measure, first, rules) -> float:
    """The judge: over every set of legal and house-rule breaks of the paragraph (an
    exhaustive search, not the composer's), the least possible widest spacing between
    characters of a justified line, em. Above the loose limit: no set of breaks avoids a
    loose line."""
    from bisect import bisect_left

    from typeset.linebreak.measure import LineMeasure
    from typeset.text.prepare import prepare

    m = LineMeasure(prepare((Run(text),), style, fonts, rules))
    ends = sorted(set(m.legal) | set(m.house()) | {m.last})
    best = [float("inf")] * (m.n + 1)
    best[0] = 0.0
    for s in range(m.n):
        if best[s] == float("inf"):
            continue
        width = first if s == 0 else measure
        for e in ends[bisect_left(ends, s):]:
            if not m.fits(s, e, width):
                break
            worst = max(best[s], 0.0 if e == m.last else m.spacing(s, e, width))
            best[e + 1] = min(best[e + 1], worst)
    return best[m.n] / style.size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-only", action="store_true")
    parser.add_argument("--sample-only", action="store_true",
                        help="only the sample edition's stories")
    parser.add_argument("--list", type=int, default=0, help="print the N loosest lines")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a composition setting (YAML value), e.g. keep_units=false")
    args = parser.parse_args()
    fonts = FontBook.resolve(load_font_roles(ROOT), ROOT / "fonts")
    layout = load_layout("broadsheet-8col", ROOT)
    import yaml
    overrides = {k: yaml.safe_load(v) for k, v in (item.split("=", 1) for item in args.set)}
    rules = CompositionRules.from_mapping({**(layout.composition or {}), **overrides})
    body = layout.style("body")
    measure = 13 * body.size
    faces: dict = {}

    def advance_of(ref, gid):
        face = faces.get(ref)
        if face is None:
            face = faces[ref] = load_face(ref.path, ref.index)
        return face.advance(gid) / face.upem

    from typeset.text.units import unit_after
    lines = loose = spaced = starts_bad = lonely = orphans = splits = unavoidable = 0
    widest = 0.0
    worst: list[tuple[float, str]] = []
    heads: list[tuple[str, str]] = []
    for path in _stories(args.corpus_only, args.sample_only):
        front, paras = _split(path)
        for key in ("kicker", "headline", "deck"):
            if front.get(key):
                heads.append((key, front[key].strip("\"'")))
        for text in paras:
            para = set_paragraph((Run(text),), body, fonts, measure, rules)
            judged = None
            for number, line in enumerate(para.lines):
                lines += 1
                if number and line.text.startswith(("……", "——")):
                    starts_bad += 1
                if line.text.strip() in ("……", "……。", "……”"):
                    lonely += 1
                end = line.end
                if not line.last and text[end - 1:end].isdigit() and unit_after(text, end):
                    splits += 1
                    worst.append((0.0, "unit split: " + line.text + " / " + text[end:end + 4]))
                if line.last:
                    core = [c for c in line.text if c.isalnum()]
                    if number and len(core) == 1:
                        orphans += 1
                    continue
                gaps = _gaps(line, advance_of)
                top = max(gaps, default=0.0)
                widest = max(widest, top)
                if top > LOOSE_EM + 1e-6:
                    loose += 1
                    if judged is None:
                        judged = _least_spacing(text, body, fonts, measure,
                                                measure - body.indent * body.size, rules)
                    unavoidable += judged > LOOSE_EM + 1e-6
                    worst.append((top, f"{line.text}   (least possible: {judged:.3f} em)"))
                if top >= SPACED_EM - 1e-6:
                    spaced += 1
    pages = lines / LINES_PER_PAGE
    print(f"{lines} body lines ({pages:.2f} pages of {LINES_PER_PAGE}) from "
          f"{len(_stories(args.corpus_only, args.sample_only))} files; rules: {rules}")
    print(f"loose lines (> {LOOSE_EM} em): {loose} = {loose / pages:.2f} per page; in "
          f"paragraphs where no set of legal and house-rule breaks avoids one: {unavoidable}")
    print(f"letter-spaced lines (≥ {SPACED_EM} em): {spaced}")
    print(f"widest gap between ideographs: {widest:.3f} em")
    print(f"lines starting with …… or ——: {starts_bad}; lines of …… alone: {lonely}; "
          f"孤字 last lines: {orphans}; numbers split from their unit: {splits}")
    _headlines(heads, layout, fonts, rules)
    for gap, text in sorted(worst, reverse=True)[:args.list]:
        print(f"  {gap:.3f} em  {text}")


def _headlines(heads, layout, fonts, rules) -> None:
    """Display texts at 1–4 column widths in their styles: breaks inside a word."""
    import rjieba
    from typeset.compose.headline import balanced, fit_headline
    ctx = ComposeContext(layout, fonts, rules, None)
    column = 13 * layout.style("body").size
    gutter = layout.style("body").size
    inside = total = 0
    for key, text in heads:
        style = layout.style("headline-1" if key == "headline" else key)
        for span in (1, 2, 3, 4):
            width = span * column + (span - 1) * gutter
            if key == "headline":
                para, style2, _ = fit_headline(text, style, width, 0, ctx)
                para, _ = balanced(text, style2, width, ctx) if len(para.lines) > 1 else (para, 0)
            else:
                para, _ = balanced(text, style, width, ctx)
            bounds = set()
            at = 0
            for word in rjieba.cut(text):
                at += len(word)
                bounds.add(at)
            for line in para.lines[:-1]:
                total += 1
                end = line.end
                if end not in bounds and text[end - 1:end].isalnum() and text[end:end + 1].isalnum():
                    inside += 1
                    print(f"  inside a word: {key} at {span} col: "
                          f"{' / '.join(x.text for x in para.lines)}")
    print(f"display breaks: {total}, inside a word: {inside}")


if __name__ == "__main__":
    main()
