"""Edition manifests: `editions/<name>/edition.yaml` (+ its stories and photos) → `Edition`.

In: the path of edition.yaml or of its folder. Out: `(Edition, warnings)`; or `InputError`
carrying EVERY error found in the manifest, the layouts it names and the story and caption
files it uses, each with file:line:column, what is wrong and how to fix it. Checks made here,
before any layout: types and ranges of every value, unknown keys (closest key suggested),
paths inside the edition folder, missing files, unknown stories (closest id suggested),
slots off the type area or overlapping, duplicate pages and slot ids, stories placed twice,
jump targets missing, looping or already used.
"""

from __future__ import annotations

import dataclasses
import re
import datetime as dt
from pathlib import Path

from typeset.diagnostics import Diagnostic, InputError, SourceRef, scoped
from typeset.manifest.checks import check_jumps, check_pages, check_stories
from typeset.manifest.dates import DateError, parse_date, timestamp, weekday
from typeset.manifest.fields import MapReader, Problems, closest, kind_of, suggestion
from typeset.manifest.layout_file import load_layout_with_warnings, read_composition
from typeset.manifest.output_settings import read_output
from typeset.manifest.lunar import LunarUnavailable, lunar_date
from typeset.manifest.paths import UnsafePath, inside
from typeset.manifest.placeholders import MARK
from typeset.manifest.slots import SlotContext, read_slot
from typeset.manifest.source import MAX_MANIFEST_BYTES, read_text
from typeset.manifest.story_elements import check_paragraph_styles
from typeset.manifest.makeup_items import add_continuations, read_items
from typeset.manifest.stacks import is_container, read_container
from typeset.manifest.story_file import read_story
from typeset.manifest.yamlpos import YMap, parse_yaml
from typeset.model.edition import Edition, Page, Slot
from typeset.model.composition import CompositionRules
from typeset.model.layout import Layout
from typeset.model.output import OutputSettings
from typeset.model.story import Story
from typeset.project import find_project_root

MANIFEST_NAME = "edition.yaml"
EDITION_KEYS = ("paper", "date", "issue", "layout", "lunar", "masthead", "output", "pages",
                "description", "timezone", "jump", "composition")
PAGE_KEYS = ("number", "section", "editor", "layout", "slots", "front", "make_up", "items")
MASTHEAD_KEYS = ("paper_latin", "cn", "postal_code", "publisher", "printer", "address",
                 "phone", "price", "website", "motto", "weather", "chief_editor")
"""Masthead and ear extras (报头/报眼): passed on as Edition.extra in this order."""
MAX_PAGES = 200
MAX_ISSUE = 10_000_000
MAX_SLOTS = 200


def manifest_path(path: Path) -> Path:
    """edition.yaml itself, given the file or its folder."""
    return path / MANIFEST_NAME if path.is_dir() else path


def load_edition(path: Path, project_root: Path | None = None
                 ) -> tuple[Edition, list[Diagnostic]]:
    """Read and check an edition; (Edition, warnings), or InputError with every error."""
    path = Path(path)
    file_path = manifest_path(path)
    file = str(file_path)
    folder = file_path.parent
    label = str(folder)
    text = read_text(file_path, limit=MAX_MANIFEST_BYTES, what="edition manifest")
    data, found = parse_yaml(text, file)
    problems = Problems()
    problems.extend(found)
    if not isinstance(data, YMap):
        problems.error("wrong-type", "edition.yaml must be a mapping (paper:, date:, pages: …)",
                       SourceRef(file, 1, 1), hint="see docs/manifest.md for an example")
        problems.raise_errors()
    root = project_root or find_project_root(folder)
    top = MapReader(data, problems, "the edition", EDITION_KEYS)
    paper = top.text("paper", required=True, example="滨江日报", max_chars=40, printed=True)
    date_text = top.text("date", required=True, example="2026-03-07")
    day = None
    if date_text:
        try:
            day = parse_date(date_text)
        except DateError as exc:
            problems.error("bad-date", str(exc), top.at("date"),
                           hint="write the issue's date as date: 2026-03-07")
    issue = _issue(top, problems)
    lunar = _lunar(top, problems, day)
    zone = _timezone(top, problems)
    extra = _masthead(top, problems)
    output = read_output(top.raw("output"), top.at("output"), problems,
                         "the edition's output", root)
    composition = read_composition(top, problems)
    layouts = _Layouts(root, output, problems, _jump(top, problems),
                       (composition, top.at("composition")))
    default_layout = top.text("layout", required=True, example="broadsheet-8col")
    pages = _pages(top, problems, layouts, default_layout, folder, label)
    stories, failed = _stories(pages, folder, label, problems)
    check_pages(pages, problems)
    check_stories(pages, stories, problems)
    check_jumps(pages, problems, skipped=layouts.pages_without_layout)
    check_paragraph_styles(pages, stories, problems)
    if not top.has("issue") and any(page.is_front for page in pages):
        front = next(page for page in pages if page.is_front)
        problems.error("missing-key", f"page {front.number} is a front page and its ear "
                       "prints the issue number, but the edition has no 'issue'",
                       top.source, hint="add issue: 25812 (the 期号), or front: false on "
                                        f"page {front.number}")
    _unused_stories(folder, label, set(stories) | failed, problems)
    if problems.errors:
        raise InputError(_ordered(problems.errors))
    edition = Edition(
        paper=paper, date=date_text, issue=issue, pages=tuple(pages), stories=stories,
        folder=str(folder.resolve()), weekday=weekday(day) if day else "",
        lunar=lunar, timestamp=timestamp(day) if day else 0,
        source=top.source, extra=extra, timezone=zone, texts=tuple(problems.printed))
    return edition, _ordered(problems.warnings)


def _issue(top: MapReader, problems: Problems) -> str:
    """The issue number (期号) exactly as typed — 012345 stays 012345 — checked to be digits."""
    issue = top.text("issue", example="25812", max_chars=20, printed=True)
    digits = issue.replace(MARK, "")        # the scaffold's 【待填】1 is a placeholder, not bad
    if not issue or re.fullmatch(r"[0-9]+", digits) and 1 <= int(digits) <= MAX_ISSUE:
        return issue
    if re.fullmatch(r"[-+]?[0-9]+", issue):
        problems.error("out-of-range", f"'issue' is {issue}, outside 1..{MAX_ISSUE}",
                       top.at("issue"), hint="e.g. issue: 25812")
    else:
        problems.error("wrong-type", f"'issue' must be a whole number written in digits, got "
                       f"{kind_of(top.raw('issue'))}", top.at("issue"),
                       hint="e.g. issue: 25812 (printed as typed: 第25812期)")
    return ""


def _timezone(top: MapReader, problems: Problems) -> str:
    """`timezone:` (an IANA name such as Asia/Shanghai: the paper's time zone for the slug's
    release time), '' when not given; an unknown name is an error at its line."""
    name = top.text("timezone", max_chars=64, example="Asia/Shanghai")
    if not name:
        return ""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.error("bad-timezone", f"unknown time zone '{name}'", top.at("timezone"),
                       hint="an IANA name such as Asia/Shanghai, Asia/Hong_Kong, Asia/Taipei")
        return ""
    return name


def _ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column (stable, so equal places keep their order)."""
    return sorted(diagnostics, key=lambda d: (d.source.file, d.source.line, d.source.column)
                  if d.source else ("\uffff", 0, 0))


def _lunar(top: MapReader, problems: Problems, day: dt.date | None) -> str:
    """The 农历 date for the ear: `lunar:` as written; none for `lunar: false`; else derived
    from the date (农历丙午年正月十九), with a warning when it cannot be."""
    if top.raw("lunar") is False:
        return ""
    if top.has("lunar") or day is None:
        return top.text("lunar", max_chars=40, example="农历丙午年正月十九", printed=True)
    try:
        return lunar_date(day)
    except LunarUnavailable as exc:
        problems.warn("lunar-not-derived", f"{exc}; the ear is set without it", top.at("date"),
                      hint="write the date in edition.yaml (lunar: 农历丙午年正月十九), or "
                           "install the package (pip install lunar-python)")
        return ""


def _jump(top: MapReader, problems: Problems) -> dict:
    """The edition's own jump wording, `jump: {out: …, in: …}`, over its layouts' (each
    pattern checked as a layout's is: {page}, {page_cn}, {number}, {letter})."""
    from typeset.manifest.layout_file import jump_pattern

    j = top.mapping("jump", "jump", ("out", "in"))
    if j is None:
        return {}
    found = {}
    for key, field, default in (("out", "jump_out", "（转第{page}版）"),
                                ("in", "jump_in", "（上接第{page}版）")):
        if j.has(key):
            found[field] = jump_pattern(j, key, default, problems)
    return found


def _masthead(top: MapReader, problems: Problems) -> tuple[tuple[str, str], ...]:
    m = top.mapping("masthead", "masthead", MASTHEAD_KEYS)
    if m is None:
        return ()
    return tuple((key, m.text(key, max_chars=200, printed=True)) for key in MASTHEAD_KEYS if m.has(key))


class _Layouts:
    """Layouts by name, each loaded once; its errors (at the first line naming it) and its
    warnings (at their place in the layout file) recorded once per edition load."""

    def __init__(self, root: Path, output: OutputSettings, problems: Problems,
                 jump: dict | None = None,
                 composition: tuple[dict, SourceRef | None] = ({}, None)):
        self.root, self.output, self.problems = root, output, problems
        self.jump = jump or {}
        self.composition, self.composition_at = composition
        """The edition's `composition:` settings (digit and Latin spacing …) over each
        layout's, key by key, and where they are written."""
        self.cache: dict[str, Layout | None] = {}
        self.pages_without_layout: set = set()
        """Pages left out because their layout could not be read (already an error)."""

    def get(self, name: str, where: SourceRef) -> Layout | None:
        name = name[:-5] if name.endswith(".yaml") else name
        if name in self.cache:
            return self.cache[name]
        layout = None
        try:
            layout, warnings = load_layout_with_warnings(name, self.root)
            self.problems.extend(warnings)
        except InputError as exc:
            for d in exc.diagnostics:
                # an unknown layout is reported at the manifest line naming it
                self.problems.items.append(scoped(d, source=where))
        if layout is not None and self.output:
            layout = dataclasses.replace(layout, output=self.output.over(layout.output))
        if layout is not None and self.jump:
            layout = dataclasses.replace(layout, **self.jump)
        if layout is not None and self.composition:
            layout = self._with_composition(layout)
        self.cache[name] = layout
        return layout


    def _with_composition(self, layout: Layout) -> Layout:
        """`layout` with the edition's composition settings over its own; settings that
        only conflict together (cjk_latin_space outside the layout's min/max) are an error
        at the edition's `composition:` line."""
        merged = {**layout.composition, **self.composition}
        try:
            CompositionRules.from_mapping(merged)
        except (TypeError, ValueError) as exc:
            self.problems.error("bad-composition", f"{exc} (the edition's composition: over "
                                f"layout '{layout.name}')", self.composition_at,
                                hint="set the conflicting settings together in the edition's "
                                     "composition: (see docs/manifest.md)")
            return layout
        return dataclasses.replace(layout, composition=merged)


def _pages(top: MapReader, problems: Problems, layouts: _Layouts, default_layout: str,
           folder: Path, label: str) -> list[Page]:
    items = top.items("pages", required=True, example="[{number: 1, slots: [...]}]")
    if top.has("pages") and not items and isinstance(top.raw("pages"), list):
        problems.error("no-pages", "the edition has no pages", top.at("pages"),
                       hint="add at least one page: - number: 1")
    if len(items) > MAX_PAGES:
        problems.error("too-many", f"{len(items)} pages; at most {MAX_PAGES}", top.at("pages"))
        return []
    pages = []
    for index, (item, where) in enumerate(zip(items, items.item_sources)):
        p = MapReader(item, problems, f"page {index + 1}", PAGE_KEYS, where=where)
        number = p.folio("number", required=True, example=str(index + 1))
        layout_name = p.text("layout", default_layout, example="broadsheet-8col")
        layout = layouts.get(layout_name, p.at("layout") if p.has("layout")
                             else top.at("layout")) if layout_name else None
        slots: list[Slot] = []
        containers = []
        makeup = []
        make_up = p.choice("make_up", ("auto", "manual"), "manual") if p.has("make_up") else ""
        make_up = "auto" if make_up == "auto" else ""
        slot_items = p.items("slots", example="[{story: …, at: {…}}]")
        slot_sources = list(getattr(slot_items, "item_sources", ()))
        if len(slot_items) > MAX_SLOTS:
            problems.error("too-many", f"{len(slot_items)} slots on one page; at most "
                           f"{MAX_SLOTS}", p.at("slots"),
                           hint="split the page's content over more pages, or merge slots")
            slot_items, slot_sources = [], []  # (a plain list has no item_sources)
        if layout is not None:
            ctx = SlotContext(folder, label, layout, number or index + 1, problems)
            for n, (slot_data, slot_at) in enumerate(zip(slot_items, slot_sources)):
                if is_container(slot_data):  # a stack, or bottom: auto (issue 18)
                    container, held = read_container(slot_data, slot_at, n, ctx)
                    slots.extend(held)
                    containers.extend([container] if container else [])
                    continue
                slot = read_slot(slot_data, slot_at, n, ctx)
                if slot is not None:
                    slots.append(slot)
            if make_up or p.has("items"):  # make_up: auto (issue 19)
                makeup, held = read_items(p, ctx)
                slots.extend(held)
                make_up = "auto"
        if not number or layout is None:
            if number and layout is None:
                layouts.pages_without_layout.add(number)
            continue
        pages.append(Page(number=number, layout=layout, slots=tuple(slots),
                          section=p.text("section", max_chars=40, printed=True),
                          editor=p.text("editor", max_chars=40, printed=True), source=p.source,
                          front=p.flag("front") if p.has("front") else None,
                          containers=tuple(containers), make_up=make_up,
                          makeup=tuple(makeup)))
    return add_continuations(pages, problems)


def _stories(pages: list[Page], folder: Path, label: str, problems: Problems
             ) -> tuple[dict[str, Story], set[str]]:
    """The stories the slots name, read once each; and the ids that could not be read."""
    stories: dict[str, Story] = {}
    failed: set[str] = set()
    known = _story_ids(folder)
    for page in pages:
        for slot in page.slots:
            story_id = slot.story
            if not story_id or story_id in stories or story_id in failed:
                continue
            written = f"stories/{story_id}.md"
            try:
                path = inside(folder, written)
                if "/" in story_id:
                    raise UnsafePath(f"story id '{story_id}' contains '/'",
                                     "a story id is the file name in stories/ without .md")
            except UnsafePath as exc:
                problems.error("unsafe-path", str(exc), slot.source, hint=exc.hint)
                failed.add(story_id)
                continue
            if not path.is_file():
                near = closest(story_id, known)
                if near is not None:
                    failed.add(near)   # the file it misspells: not also an "unused story"
                problems.error("unknown-story", f"unknown story '{story_id}': "
                               f"{label}/{written} not found", slot.source,
                               page=page.number, slot=slot.id,
                               hint=suggestion(story_id, known, "story ids") if known else
                               f"write the story in {label}/{written}")
                failed.add(story_id)
                continue
            try:
                story, warnings = read_story(path, label=f"{label}/{written}")
            except InputError as exc:
                problems.extend(exc.diagnostics)
                failed.add(story_id)
                continue
            problems.extend(warnings)
            stories[story_id] = story
    return stories, failed


def _story_ids(folder: Path) -> list[str]:
    stories = folder / "stories"
    if not stories.is_dir():
        return []
    return sorted(p.stem for p in stories.glob("*.md") if p.is_file())


def _unused_stories(folder: Path, label: str, placed: set[str], problems: Problems) -> None:
    for story_id in _story_ids(folder):
        if story_id not in placed:
            problems.warn("unused-story", f"story {label}/stories/{story_id}.md is not placed "
                          "on any page", SourceRef(f"{label}/stories/{story_id}.md"),
                          hint=f"place it with a slot (story: {story_id}) or move the file "
                               "out of stories/")
