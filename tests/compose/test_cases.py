"""Named compose mini-cases on the synthetic test font (tests/compose/cases/).

Each case is `cases/<name>.yaml`, named for the one thing it pins, with its expected dump in
`cases/<name>.txt` (the debug dump of tests/golden, typeset.render.debug.dump, then one line
per diagnostic). A case is either

- a paragraph: `paragraph:` text set at `measure:` em of the 10 pt test style (the testbook
  fonts, `halt: false` for the face without a halt feature), optional `rules:` (the keys of
  CompositionRules), `indent:` (em), `align:`; each line is placed one 12 pt pitch under the
  last, so the dump shows every glyph's x; or
- a tiny edition: `edition:` (an edition.yaml on the broadsheet-8col layout), `stories:`
  (id → story file) and `photos:` (file → [width, height], a generated striped JPEG), composed
  with every font role in the test font after make-up and fitting (as
  `typeset.pipeline.compose` does, so stacks get their natural heights); the dump keeps the items inside the bounding box of
  the composed page's slots (not the running head), pages as in `pages:` (default: all).

After an intended change, `pytest tests/compose/test_cases.py --update-golden` rewrites the
.txt files; review their diff. A failing case prints a unified diff of its dump.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PIL import Image

from editions_kit import write_edition
from golden_kit import same_as_golden
from testbook import EM, make_book, style

from typeset.compose import compose_edition
from typeset.compose.setting import line_runs
from typeset.fit import fit_edition
from typeset.frame import (Box, Document, DocumentInfo, GlyphRun, ImageItem, PageFrame, PlacedPage,
                           Rule)
from typeset.linebreak import set_paragraph
from typeset.makeup import make_up_edition
from typeset.manifest import load_edition
from typeset.model.grid import PageGrid
from typeset.model.story import Run
from typeset.pipeline import image_sizes
from typeset.render.debug import dump
from typeset.text import CompositionRules

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"
PITCH = 12.0
"""Line pitch of a paragraph case: 1.2 × the 10 pt test size."""


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The test-font books of the paragraph cases, with and without the halt feature."""
    return {True: make_book(tmp_path_factory.mktemp("case-fonts")),
            False: make_book(tmp_path_factory.mktemp("case-fonts-nohalt"), halt=False)}


@pytest.fixture(scope="module")
def role_fonts(tmp_path_factory):
    """Every font role of fonts/fonts.yaml set in the test font (as tests/makeup does)."""
    from build_test_font import build_all

    from typeset.fonts import FontBook, load_face
    from typeset.manifest.fonts_config import load_font_roles

    face = load_face(str(build_all(tmp_path_factory.mktemp("case-role-fonts"))["main"]), 0)
    return FontBook({role: face for role in load_font_roles(ROOT)})


def _diagnostic_lines(diagnostics) -> list[str]:
    return [f"diagnostic {d.severity.value} {d.code} [{d.place()}] {d.message}"
            for d in diagnostics]


def paragraph_dump(case: dict, books: dict) -> str:
    """The dump of a paragraph case: its lines stacked at PITCH, then its diagnostics."""
    body = style(indent=float(case.get("indent", 0)))
    measure = float(case["measure"]) * EM
    para = set_paragraph([Run(case["paragraph"])], body, books[case.get("halt", True)], measure,
                         CompositionRules.from_mapping(case.get("rules") or {}),
                         align=case.get("align"))
    items = []
    for number, line in enumerate(para.lines, 1):
        items += line_runs(line, 0.0, number * PITCH, body)
    page = PageFrame(1, measure, (len(para.lines) + 1) * PITCH, 0.0, tuple(items))
    text = dump(Document((page,), DocumentInfo(case["name"], "", "")), markers=False)
    return text + "".join(line + "\n" for line in _diagnostic_lines(para.diagnostics))


def _anchor(item) -> tuple[float, float] | None:
    if isinstance(item, Rule):
        return item.x0, item.y0
    if isinstance(item, (GlyphRun, Box, ImageItem, PlacedPage)):
        return item.x, item.y
    return None


def _inside_slots(frame: PageFrame, page) -> PageFrame:
    """`frame` with only the items anchored in the bounding box of `page`'s slots."""
    grid = PageGrid(page.layout)
    rects = [grid.area_rect(slot.area) for slot in page.slots]
    x0, y0 = min(r.x for r in rects), min(r.y for r in rects)
    x1, y1 = max(r.x + r.width for r in rects), max(r.y + r.height for r in rects)
    kept = tuple(item for item in frame.items if (at := _anchor(item)) is not None
                 and x0 - 0.01 <= at[0] <= x1 + 0.01 and y0 - 0.01 <= at[1] <= y1 + 0.01)
    return PageFrame(frame.number, frame.width, frame.height, frame.bleed, kept, frame.label)


def edition_dump(case: dict, folder: Path, fonts) -> str:
    """The dump of an edition case: the wanted pages, cut to their slots, then diagnostics."""
    files = {}
    for name, (width, height) in (case.get("photos") or {}).items():
        image = Image.new("RGB", (width, height), (200, 200, 200))
        for x in range(0, width, 40):
            image.paste((x % 255, 90, 160), (x, 0, x + 20, height))
        files[name] = image
    write_edition(folder, case["edition"], case.get("stories") or {})
    for name, image in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        image.save(folder / name, quality=80)
    edition, warnings = load_edition(folder, project_root=ROOT)
    sizes, media_diags = image_sizes(edition)
    made = make_up_edition(edition, fonts, sizes)       # as typeset.pipeline.compose does
    fitted = fit_edition(made.edition, fonts, sizes)
    edition = fitted.edition
    document, diagnostics, _ = compose_edition(edition, fonts, sizes)
    wanted = case.get("pages")
    pages = {p.number: p for p in edition.pages}
    frames = tuple(_inside_slots(f, pages[f.number]) for f in document.pages
                   if wanted is None or f.number in wanted)
    text = dump(Document(frames, document.info), markers=False)
    found = [*warnings, *media_diags, *made.diagnostics, *fitted.diagnostics, *diagnostics]
    return text.replace(str(folder), "<edition>") + "".join(
        line.replace(str(folder), "<edition>") + "\n" for line in _diagnostic_lines(found))


def _case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.yaml"))


def test_every_case_has_a_name_saying_what_it_pins_and_a_dump():
    names = _case_names()
    assert len(names) >= 15
    for name in names:
        case = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
        assert case.get("pins"), f"{name}.yaml says nothing under pins:"
        assert ("paragraph" in case) != ("edition" in case), f"{name}: paragraph or edition"
    stray = sorted({p.stem for p in CASES.glob("*.txt")} - set(names))
    assert stray == [], f"dumps without a case: {stray}"


@pytest.mark.parametrize("name", _case_names())
def test_case_matches_its_dump(name, books, role_fonts, tmp_path, request):
    case = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    case["name"] = name
    text = (paragraph_dump(case, books) if "paragraph" in case
            else edition_dump(case, tmp_path / "edition", role_fonts))
    same_as_golden(CASES / f"{name}.txt", text, request)
