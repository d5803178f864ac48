"""Slots of a page: one `slots:` entry of edition.yaml → `typeset.model.edition.Slot`.

In: the YAML mapping of one slot (with positions), the page's layout, the edition folder.
Out: a `Slot` in grid units. The five forms are told apart by their key:
`story:` (a story, optionally with photo/continue/box/headline), `photo:` (a standalone
photo), `label:` (a section label), `ad:` (an advertisement), and a bare `id:` (an empty
continuation slot, the target of a jump). Problems go to `Problems` with file:line:column.
"""

from __future__ import annotations

from pathlib import Path

from typeset.diagnostics import SourceRef
from typeset.manifest.ads import read_ad
from typeset.manifest.fields import MapReader, Problems, kind_of
from typeset.manifest.paths import UnsafePath, inside
from typeset.manifest.media_probe import case_twin
from typeset.manifest.photo_file import image_problem, read_sidecar
from typeset.manifest.slot_headline import HeadlineOption, read_headline_option
from typeset.manifest.yamlpos import YList
from typeset.model.edition import Continue, GridArea, Photo, Slot
from typeset.model.layout import Layout

SLOT_KEYS = ("id", "story", "photo", "label", "ad", "at", "continue", "box", "headline",
             "style", "columns", "continued_from", "tracking")
MIN_COLUMN_CHARS = 8
"""A text column narrower than this many body characters is refused (变栏 gone too far)."""
AT_KEYS = ("column", "span", "top", "bottom", "lines")
PHOTO_KEYS = ("file", "caption", "credit", "span", "lines", "height", "place", "fit", "focus",
              "crop", "title", "label")
FORMS = ("story", "photo", "label", "ad")
PLACES = ("top", "bottom", "left", "right")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


class SlotContext:
    """What reading a slot needs: the edition folder (and how to show it), the page's layout."""

    def __init__(self, folder: Path, label: str, layout: Layout, page: int,
                 problems: Problems):
        self.folder = folder
        self.label = label
        self.layout = layout
        self.page = page
        self.problems = problems

    def file(self, reader: MapReader, key: str, what: str, image: bool | str = True
             ) -> str | None:
        """A file path from `key`, checked to be inside the edition folder, to exist and (for
        images) to be a JPEG, PNG or TIFF file Pillow can open; `image="ad"` also takes a PDF."""
        written = reader.text(key, required=True, example="photos/plant.jpg")
        if not written:
            return None
        try:
            real = inside(self.folder, written)
        except UnsafePath as exc:
            self.problems.error("unsafe-path", f"{what} {exc}", reader.at(key), hint=exc.hint)
            return None
        if not real.is_file():
            looked = f"{self.label}/{written}" if self.label else written
            twin = case_twin(self.folder, written)
            self.problems.error("missing-file", f"{what} not found: {looked}", reader.at(key),
                                hint=f"did you mean '{twin}'? (the name differs in letter case)"
                                if twin else "check the file name, or copy the file there")
            return None
        if image == "ad" and written.lower().endswith(".pdf"):
            # An advertisement delivered as PDF: placed as it is (the plant's preflight judges
            # its colours and fonts like everything else on the page).
            try:
                with real.open("rb") as handle:
                    head = handle.read(1024)
            except OSError as exc:
                self.problems.error("bad-ad", f"{what} '{written}' cannot be read: {exc}",
                                    reader.at(key), hint="check the file's permissions")
                return None
            if b"%PDF-" not in head:
                self.problems.error("bad-ad", f"{what} '{written}' is not a PDF file",
                                    reader.at(key), hint="export the ad as PDF/X-1a, or as JPEG")
                return None
            return written
        if image:
            if not written.lower().endswith(IMAGE_SUFFIXES):
                self.problems.error("bad-image", f"{what} '{written}' is not a JPEG, PNG or TIFF "
                                    f"file{' or a PDF' if image == 'ad' else ''}",
                                    reader.at(key), hint="convert it to JPEG")
                return None
            problem = image_problem(real)
            if problem:
                self.problems.error("bad-image", f"{what} '{written}' {problem}",
                                    reader.at(key), hint="replace it with a JPEG photo")
                return None
        return written


def read_slot(data: object, where: SourceRef, index: int, ctx: SlotContext) -> Slot | None:
    """One entry of a page's `slots:` list → Slot (None when it cannot be made sense of)."""
    problems = ctx.problems
    r = MapReader(data, problems, f"slot {index + 1} of page {ctx.page}", SLOT_KEYS,
                  where=where)
    forms = [k for k in FORMS if k in r.data]
    if len(forms) > 1 and forms != ["story", "photo"]:
        problems.error("slot-form", f"a slot holds one thing, but this one has "
                       f"{' and '.join(forms)}", r.source,
                       hint="split it into separate slots")
        return None
    kind = forms[0] if forms else "continuation"
    if not forms and any(k in r.misspelt for k in FORMS + ("id",)):
        return None        # e.g. 'stroy:': reported once, as the unknown key
    if kind == "continuation" and not r.has("id"):
        problems.error("slot-form", "a slot needs story:, photo:, label:, ad:, or at least an "
                       "id: (an empty continuation slot)", r.source,
                       hint="e.g. - story: a10-lead\n        at: {column: 1, span: 4, top: 10, "
                            "bottom: 60}")
        return None
    area = read_area(r, ctx)
    story = r.text("story", example="a10-lead") if kind == "story" else None
    if kind != "story":
        for key in ("continue", "box", "headline", "continued_from"):
            if key == "continue" and kind == "continuation":
                continue  # a chain: the continuation continues in turn (A → B → C)
            if key in r.data:
                problems.error("not-here", f"'{key}' only belongs to a story slot",
                               r.key_at(key), hint=f"remove '{key}' or add story: …")
    photo = None
    if "photo" in r.data:
        photo = read_photo(r.raw("photo"), r.at("photo"), ctx)
        if photo is not None and kind == "photo" and (photo.span or photo.lines):
            problems.warn("ignored", "span and lines size a photo inside a story slot; a "
                          "standalone photo fills its slot", photo.source,
                          hint="size the slot with at: instead")
    label = ad_file = ""
    ad_page, ad_trim = 1, None
    style = r.text("style")
    if kind == "label":
        label = r.text("label", required=True, example="聚焦安全生产", max_chars=100, printed=True)
        style = style or "label"
    elif kind == "ad":
        ad_file, label, ad_page, ad_trim = read_ad(r, ctx)
        style = style or "ad"
    elif style:
        problems.error("not-here", "'style' only belongs to label and ad slots",
                       r.key_at("style"), hint="remove it")
        style = ""
    if style and style not in ctx.layout.styles:
        problems.error("unknown-style", f"layout {ctx.layout.name} has no style '{style}'",
                       r.at("style"), hint="use one of the layout's styles, e.g. label")
    default_id = story or (_stem(photo.file) if photo and kind == "photo" else "") or (
        f"{kind}-{ctx.page}-{index + 1}")
    slot_id = r.text("id", default_id, example="ai-meeting-cont", max_chars=100)
    head = read_headline_option(r, area, ctx.layout, problems) if kind == "story" else (
        HeadlineOption())
    continue_to = read_continue(r, ctx) if kind == "story" or (
        kind == "continuation" and "continue" in r.data) else None
    if photo is not None and area is not None and kind == "story":
        _check_photo_fits(photo, area, r, problems)
    text_columns = _text_columns(r, kind, area, ctx)
    if area is None:
        return None
    return Slot(id=slot_id, kind=kind, area=area, story=story or None, photo=photo,
                label=label, ad_file=ad_file or None, ad_page=ad_page, ad_trim=ad_trim,
                continue_to=continue_to,
                box=r.flag("box") if kind == "story" else False,
                headline_span=head.span, headline_lines=head.lines,
                headline_vertical=head.vertical, headline_spacing=head.spacing, style=style,
                tracking=_tracking(r, kind, ctx),
                text_columns=text_columns, source=r.source,
                continued_from=read_continued_from(r) if kind == "story" else None)


def _text_columns(r: MapReader, kind: str, area: GridArea | None, ctx: SlotContext) -> int:
    """`columns: N` (变栏) on a story or continuation slot: N text columns across the slot."""
    if "columns" not in r.data:
        return 0
    if kind not in ("story", "continuation"):
        ctx.problems.error("not-here", "'columns' only belongs to story and continuation slots",
                           r.key_at("columns"), hint="remove it")
        return 0
    count = r.integer("columns", 0, low=1, high=ctx.layout.columns * 2, example="2")
    if count and area is not None:
        lay = ctx.layout
        chars = (area.span * lay.column_chars + (area.span - 1) * lay.gutter_chars
                 - (count - 1) * lay.gutter_chars) / count
        if chars < MIN_COLUMN_CHARS:
            ctx.problems.error("columns-too-narrow", f"{count} columns across {area.span} base "
                               f"columns are only {chars:.1f} characters wide",
                               r.at("columns"), hint=f"columns: {max(1, area.span)} or fewer")
            return 0
    return count


def _tracking(r: MapReader, kind: str, ctx: SlotContext) -> float:
    """`tracking: -0.02` on a story slot: em added between its text's characters (压字/拉字,
    written by `paiban fit --write` when the fit's tracking lever set it)."""
    if "tracking" not in r.data:
        return 0.0
    if kind != "story":
        ctx.problems.error("not-here", "'tracking' only belongs to a story slot",
                           r.key_at("tracking"), hint="remove it")
        return 0.0
    return r.number("tracking", 0.0, low=-0.1, high=0.1, example="-0.02")


def _stem(file: str) -> str:
    name = file.rsplit("/", 1)[-1]
    return "photo-" + (name.rsplit(".", 1)[0] if "." in name else name)


def read_area(r: MapReader, ctx: SlotContext) -> GridArea | None:
    """`at: {column, span, top, bottom | lines}` → GridArea, checked against the type area."""
    at = r.mapping("at", "at", AT_KEYS, required=True)
    if at is None:
        return None
    lay = ctx.layout
    column = at.integer("column", 0, required=True, low=1, high=lay.columns, example="1")
    span = at.integer("span", 0, required=True, low=1, high=1000, example="3")
    top = _grid_line(at, "top", ctx, required=True, high=lay.lines - 1, example="10")
    if at.has("bottom") and at.has("lines"):
        ctx.problems.error("conflicting-keys", "give either 'bottom' or 'lines', not both",
                           at.key_at("lines"), hint="bottom is the first grid line below the "
                           "slot; lines is its height")
    if at.has("lines"):
        height = at.integer("lines", 0, low=1, high=lay.lines, example="20")
        bottom = top + height if height and top >= 0 else -1
    else:
        bottom = _grid_line(at, "bottom", ctx, required=True, high=10 * lay.lines,
                            example="60")
    ok = bool(column and span and top >= 0 and bottom > 0)
    if column and span and column + span - 1 > lay.columns:
        ctx.problems.error("off-type-area", f"columns {column}–{column + span - 1} run past "
                           f"the {lay.columns} columns of {lay.name}", at.at("span"),
                           hint=f"span: {lay.columns - column + 1} or less, or start further "
                                "left")
        ok = False
    if bottom > lay.lines:
        ctx.problems.error("off-type-area", f"bottom {bottom} is below the last grid line "
                           f"({lay.lines}) of {lay.name}", at.at("bottom" if at.has("bottom")
                                                                else "lines"),
                           hint=f"bottom: {lay.lines} or less (bottom is exclusive)")
        ok = False
    if bottom > 0 and top >= 0 and bottom <= top:
        ctx.problems.error("empty-slot", f"bottom {bottom} is not below top {top}",
                           at.at("bottom"), hint=f"bottom must be greater than {top}")
        ok = False
    return GridArea(column, span, top, bottom) if ok else None


def _grid_line(at: MapReader, key: str, ctx: SlotContext, *, required: bool, high: int,
               example: str) -> int:
    """A grid line given as a whole number of lines, or as a length from the top of the type
    area ('120mm', '300pt') that is snapped to the nearest grid line (reported when it moves)."""
    value = at.raw(key)
    if not isinstance(value, str):
        return at.integer(key, -1, required=required, low=0, high=high, example=example)
    points = at.length(key, -1.0, required=required, allow_zero=True, example="120mm")
    if points < 0:
        return -1
    pitch = ctx.layout.line_pitch
    line = round(points / pitch)
    if abs(line * pitch - points) > 0.5:
        ctx.problems.warn("snapped-to-grid", f"'{key}: {value}' is not on the baseline grid; "
                             f"it is taken as grid line {line} ({line * pitch:.1f} pt)",
                             at.at(key), hint=f"write {key}: {line} to say so")
    if line > high:
        ctx.problems.error("out-of-range", f"'{key}' is {value}, below the type area",
                           at.at(key), hint=f"e.g. {key}: {example}")
        return -1
    return line


def read_continue(r: MapReader, ctx: SlotContext) -> Continue | None:
    """`continue: {page, slot}` → Continue (targets are checked later, edition-wide)."""
    c = r.mapping("continue", "continue", ("page", "slot"))
    if c is None:
        return None
    page = c.folio("page", required=True, example="2")
    slot = c.text("slot", required=True, example="ai-meeting-cont", max_chars=100)
    if not page or not slot:
        return None
    return Continue(page, slot, source=c.at("slot"))


def read_continued_from(r: MapReader) -> Continue | None:
    """`continued_from: {page: 1}` (or `continued_from: 1`) → Continue (page only): the
    story's first part is on that page, in another edition's files."""
    if not isinstance(r.raw("continued_from"), dict):   # continued_from: 1, or A1
        page = r.folio("continued_from", example="1")
        return Continue(page, "", source=r.at("continued_from")) if page else None
    c = r.mapping("continued_from", "continued_from", ("page",))
    if c is None:
        return None
    page = c.folio("page", required=True, example="1")   # a plain folio or a lettered one
    return Continue(page, "", source=c.at("page")) if page else None


def read_photo(data: object, where: SourceRef, ctx: SlotContext) -> Photo | None:
    """`photo: {file, caption, credit, span, lines, place, fit, focus, crop}` → Photo.
    Caption and credit may instead live in a sidecar `<photo>.md` beside the image."""
    problems = ctx.problems
    p = MapReader(data, problems, "photo", PHOTO_KEYS, where=where)
    file = ctx.file(p, "file", "photo")
    caption = p.text("caption", max_chars=1000, printed=True)
    credit = p.text("credit", max_chars=100, printed=True)
    if file:
        before = len(problems.printed)
        side = read_sidecar(ctx.folder, file, ctx.label, problems, p.at("file"))
        if side is not None:
            unused = {"caption"} if caption else set()
            unused |= {"credit"} if credit else set()
            problems.printed[before:] = [t for t in problems.printed[before:]
                                         if t.what not in unused]     # only what is printed
            if (side[0] and caption) or (side[1] and credit):
                problems.warn("sidecar-ignored", f"the manifest gives the caption/credit, so "
                              f"those in {file.rsplit('.', 1)[0]}.md are not used", p.source,
                              hint="keep the caption in one place")
            caption = caption or side[0]
            credit = credit or side[1]
    focus = _fractions(p, "focus", 2, "[0.5, 0.3]", problems) or (0.5, 0.5)
    crop = _fractions(p, "crop", 4, "[0.1, 0, 0.9, 1]", problems)
    if crop and (crop[0] >= crop[2] or crop[1] >= crop[3]):
        problems.error("bad-crop", "crop box must be [left, top, right, bottom] with left < "
                       "right and top < bottom", p.at("crop"), hint="crop: [0.1, 0, 0.9, 1]")
        crop = None
    photo = Photo(
        file=file or "", caption=caption, credit=credit,
        span=p.integer("span", 0, low=1, high=ctx.layout.columns, example="3"),
        lines=_photo_lines(p, ctx),
        place=p.choice("place", PLACES, "top"), fit=p.choice("fit", ("crop", "fit"), "crop"),
        focus=focus, crop=crop, source=p.source,
        title=p.text("title", max_chars=60, example="春到北山"),
        label=p.text("label", max_chars=30, example="画里有话"))
    return photo if file else None


def _photo_lines(p: MapReader, ctx: SlotContext) -> int:
    """The picture's height in grid lines: `lines: 20`, or `height:` as lines (20) or as a
    length (60mm), rounded to whole grid lines."""
    if p.has("lines") and p.has("height"):
        ctx.problems.error("conflicting-keys", "give either 'lines' or 'height', not both",
                           p.key_at("height"), hint="lines: 20  (grid lines)")
    if not p.has("height"):
        return p.integer("lines", 0, low=1, high=ctx.layout.lines, example="20")
    if not isinstance(p.raw("height"), str):
        return p.integer("height", 0, low=1, high=ctx.layout.lines, example="20")
    points = p.length("height", 0.0, example="60mm")
    lines = round(points / ctx.layout.line_pitch) if points else 0
    return max(1, min(lines, ctx.layout.lines)) if points else 0


def _fractions(p: MapReader, key: str, count: int, example: str, problems: Problems
               ) -> tuple[float, ...] | None:
    if not p.has(key):
        return None
    value = p.raw(key)
    if not isinstance(value, YList) or len(value) != count or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1
            for v in value):
        problems.error("wrong-type", f"'{key}' must be a list of {count} fractions 0..1, got "
                       f"{kind_of(value)}", p.at(key), hint=f"write e.g. {key}: {example}")
        return None
    return tuple(float(v) for v in value)


def _check_photo_fits(photo: Photo, area: GridArea, r: MapReader, problems: Problems) -> None:
    if photo.span > area.span:
        problems.error("photo-too-big", f"photo span {photo.span} is wider than its slot "
                       f"({area.span} columns)", photo.source, hint=f"span: {area.span} or less")
    if photo.lines >= area.lines:
        problems.error("photo-too-big", f"photo height {photo.lines} lines leaves no room in "
                       f"its slot ({area.lines} lines)", photo.source,
                       hint=f"lines: {max(area.lines // 2, 1)}, or make the slot taller")
