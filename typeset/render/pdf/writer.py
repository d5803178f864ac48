"""The print-ready PDF backend: `write_pdf(doc, path, options)` → a PDF/X-1a file.

In: a `typeset.frame.Document` (pages in pt, origin top-left of the trim box, y down) and
`PdfOptions`. Out: one PDF written atomically, and the diagnostics found on the way (missing
output profile, low image resolution, fonts that cannot be embedded …). User-data problems are
reported, never raised; the file is still written so the desk can look at it.

Steps: collect the glyphs each face draws → subset every face once with HarfBuzz → separate the
photos to the output CMYK → paint each page's content stream (`content.PageContent`; text as raw
CID operators) → build the PDF with pikepdf: pages, fonts, photos, OutputIntent, Info and XMP →
save deterministically.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from pathlib import Path


from typeset.diagnostics import Diagnostic, error, info, warning
from typeset.fonts import Face, load_face
from typeset.frame import Box, Document, GlyphRun, ImageItem, Marker, PageFrame, PlacedPage, Rule
from typeset.manifest.media_probe import MediaInfo, known_problem, probe
from typeset.render.pdf import content, draw, marks, placed_pages
from typeset.render.pdf.fonts import (
    FaceUsage,
    FontEmbedError,
    FontSubset,
    conflict_diagnostics,
    embed_error,
    subset_face,
)
from typeset.render.pdf.photo_preparer import photo_settings, placement_key, preparer
from typeset.render.pdf.photo_verdict import placement_verdict
from typeset.render.pdf.inklimit import colour_ink
from typeset.render.pdf.options import PdfOptions, merge_output
from typeset.render.pdf.overprint import knockout_items
from typeset.render.pdf.pdfx import PageFont, Sheet, finish, resolve_timestamp
from typeset.render.pdf.profiles import OutputProfile, ProfileError, find_output_profile

__all__ = ["PdfOptions", "write_pdf"]


def _geometry(page: PageFrame, options: PdfOptions) -> draw.PageGeometry:
    margin = marks.marks_margin(page.bleed) if options.marks else page.bleed
    return draw.PageGeometry(page.width, page.height, page.bleed, margin)


def write_pdf(doc: Document, path: Path, options: PdfOptions = PdfOptions(), *,
              report_photos: bool = True, progress=None) -> list[Diagnostic]:
    """Write `doc` as one PDF at `path` (atomically) and return the diagnostics.

    Photos come from the session's preparer (`photo_preparer`; placements submitted before,
    e.g. by `typeset.photos.start_preparing`, are found started). `report_photos`: add each
    placement's verdict (resolution, crop, a file that cannot be printed); False when the
    pipeline reported them already (`typeset.photos`). `progress`: called with one line per
    stage and per page painted (a terminal shows them)."""
    say = progress or (lambda _line: None)
    path = Path(path)
    options, diags = merge_output(options, doc.output or {})
    diags.extend(_colours_over_limit(doc, options.max_ink))
    profile = _profile(options, diags)
    final = not options.proof and profile is not None
    condition = options.output_condition or (profile.condition if profile else "")

    # 1. Extra items (slug, proof overlay) so that their glyphs are embedded like the rest.
    used_faces = _faces_used(doc)
    extras = [_extras(doc, page, options, used_faces, diags) for page in doc.pages]

    # 2. Photos: every distinct placement submitted to the session's preparer (memoised, then
    #    the on-disk store, else its threads) while the fonts are subset and the pages painted;
    #    pages name them (`/TSIm1 Do`) and the XObjects are added when the PDF is finished.
    media = _probed(doc, extras)
    ready = _prepare_images(doc, extras, options, profile, media)

    # 3. Fonts: one subset per face, in order of first use.
    usages: dict[tuple[str, int], FaceUsage] = {}
    for page, (under, over) in zip(doc.pages, extras):
        for item in (*under, *page.items, *over):
            if isinstance(item, GlyphRun):
                key = (item.face.path, item.face.index)
                usage = usages.setdefault(key, FaceUsage(item.face))
                for glyph in item.glyphs:
                    usage.add(glyph.gid, glyph.text)
    subsets: dict[tuple[str, int], FontSubset] = {}
    for number, (key, usage) in enumerate(usages.items(), start=1):
        try:
            subsets[key] = subset_face(usage, f"TF{number}")
        except (FontEmbedError, OSError) as exc:
            diags.append(embed_error(usage.ref, exc))
        diags.extend(conflict_diagnostics(usage))
    say(f"fonts: {len(subsets)} face{'s' * (len(subsets) != 1)} subset")

    # 4. Pages: one content stream each.
    first = doc.pages[0] if doc.pages else None
    geo0 = _geometry(first, options) if first else draw.PageGeometry(595, 842, 0, 0)
    gstates = content.ExtGStates()
    sheets: list[Sheet] = []
    page_fonts: list[list[PageFont]] = []
    photos = _Photos(ready, profile is not None or options.grey_images, report_photos, options,
                     media)
    placed = placed_pages.PlacedPages(diags)
    for page, (under, over) in zip(doc.pages, extras):
        geo = _geometry(page, options)
        canvas = content.PageContent(gstates)
        fonts_here: dict[str, PageFont] = {}
        items = (*under, *page.items, *over)
        knockouts = knockout_items(items, options.max_ink)
        for index, item in enumerate(items):
            if isinstance(item, PlacedPage):
                placed.paint(canvas, item, geo, page.number)
                continue
            _paint(canvas, item, geo, page, subsets, fonts_here, photos, index in knockouts)
        if options.marks:
            for rule in marks.crop_marks(page):
                draw.draw_rule(canvas, rule, geo)
            marks.draw_registration(canvas, page, geo)
        sheets.append(Sheet(geo.media, geo.trim_box, geo.bleed_box, canvas.data(),
                            canvas.ext_gstates()))
        page_fonts.append([fonts_here[name] for name in sorted(fonts_here)])
        photos.end_page()
        placed.end_page()
        say(f"painted page {page.number} ({len(sheets)}/{len(doc.pages)})")
    if not doc.pages:
        diags.append(error("pdf-empty", "the document has no pages; nothing to print"))
        sheets.append(Sheet(geo0.media, geo0.trim_box, geo0.bleed_box, b"", {}))
        page_fonts.append([])
        photos.end_page()
        placed.end_page()
    page_images = photos.finish(diags)  # waits for the photos still being prepared

    # 5. PDF/X identity and the atomic, deterministic save.
    finish(
        sheets, path, page_fonts=page_fonts, profile=profile,
        output_condition=condition, pdfx=options.pdfx if final else None,
        title=doc.info.title + (" (校样 proof)" if options.proof else ""),
        subject=" ".join(p for p in (doc.info.paper, doc.info.date) if p),
        timestamp=resolve_timestamp(doc.info.timestamp), page_images=page_images,
        page_forms=placed.pages, page_labels=[str(page.number) for page in doc.pages],
        image_sources=photos.sources(),
    )
    if options.proof:
        diags.append(info("pdf-proof", f"{path} is a proof (overlay, no PDF/X marker): do not "
                          f"send it to the printing plant"))
    return diags


def _colours_over_limit(doc: Document, max_ink: float) -> list[Diagnostic]:
    """One warning per layout colour whose total ink exceeds `max_ink` (pages listed)."""
    if max_ink <= 0:
        return []
    pages: dict[tuple, list[int]] = {}
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, (GlyphRun, Rule)):
                colours = (item.color,)
            elif isinstance(item, Box):
                colours = tuple(c for c in (item.fill, item.stroke) if c is not None)
            else:
                continue
            for colour in colours:
                if colour_ink(colour) > max_ink + 1e-6:
                    numbers = pages.setdefault((colour.c, colour.m, colour.y, colour.k), [])
                    if page.number not in numbers:
                        numbers.append(page.number)
    found = []
    for (c, m, y, k), numbers in pages.items():
        cmyk = "/".join(f"{round(v * 100, 1):g}" for v in (c, m, y, k))
        found.append(warning(
            "colour-ink-limit", f"layout colour C/M/Y/K {cmyk} has {(c + m + y + k) * 100:g} % "
            f"total ink, above the {max_ink:g} % limit (pages "
            f"{', '.join(map(str, numbers))})", page=numbers[0],
            hint="lower the colour in the layout's styles or rules; large areas of it fail the "
                 "printing plant's total-ink check"))
    return found


def _profile(options: PdfOptions, diags: list[Diagnostic]) -> OutputProfile | None:
    try:
        return find_output_profile(options.icc_profile)
    except ProfileError as exc:
        diags.append(error("pdf-no-profile", str(exc),
                           hint="without an output profile the PDF has no OutputIntent and is "
                                "not PDF/X; photos cannot be separated to CMYK"))
        return None


def _faces_used(doc: Document) -> list[Face]:
    seen: dict[tuple[str, int], Face] = {}
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, GlyphRun) and (item.face.path, item.face.index) not in seen:
                try:
                    seen[(item.face.path, item.face.index)] = load_face(item.face.path,
                                                                        item.face.index)
                except (OSError, RuntimeError, ValueError):  # reported when embedding
                    continue
    return list(seen.values())


def _extras(doc: Document, page: PageFrame, options: PdfOptions, used: list[Face],
            diags: list[Diagnostic]) -> tuple[list, list]:
    under: list = []
    over: list = []
    if options.proof:
        labels = "校样" + "".join(m.label or m.kind for m in page.items if isinstance(m, Marker))
        face = marks.utility_face(labels, used)
        if face is None:
            # A label (a slot id, a file name) with characters no face covers: the proof is
            # still made, with those characters shown as '?'.
            face = marks.utility_face("校样", used)
            diags.append(warning("pdf-label-characters", "some proof labels have characters no "
                                 "installed font covers; they show as '?'", page=page.number))
        u, o = marks.proof_items(page, face)
        under.extend(u)
        over.extend(o)
    if options.marks:
        stamp = time.strftime("%H:%M UTC", time.gmtime(resolve_timestamp(doc.info.timestamp)))
        text = marks.slug_text(options.slug, page, doc.info.title, doc.info.date, stamp)
        face = marks.utility_face(text, used)
        if face is None:
            diags.append(error("pdf-no-label-font", f"no installed font covers the slug {text!r}",
                               page=page.number))
        else:
            over.append(marks.slug_run(page, text, face))
    return under, over


def _probed(doc: Document, extras: list[tuple[list, list]]) -> dict[str, MediaInfo]:
    """Each photo file the pages show → its probe, looked up once per write (a probe checks
    the file's state on disk, a system call that waits for the photo threads' turn)."""
    media: dict[str, MediaInfo] = {}
    for page, (under, over) in zip(doc.pages, extras):
        for item in (*under, *page.items, *over):
            if isinstance(item, ImageItem) and item.source not in media:
                media[item.source] = probe(item.source)
    return media


def _prepare_images(doc: Document, extras: list[tuple[list, list]], options: PdfOptions,
                    profile: OutputProfile | None, media: dict[str, MediaInfo]
                    ) -> dict[tuple, Future]:
    """placement_key → Future of (PreparedImage | None, diagnostics) for every photo the pages
    show, submitted to the session's preparer (a placement submitted before is not prepared
    again). Without a profile (and not grey) nothing is submitted: each photo is reported as
    image-no-profile when painted."""
    if profile is None and not options.grey_images:
        return {}
    settings = photo_settings(options)
    photos = preparer()
    ready: dict[tuple, Future] = {}
    for page, (under, over) in zip(doc.pages, extras):
        for item in (*under, *page.items, *over):
            if isinstance(item, ImageItem) and placement_key(item) not in ready and \
                    not known_problem(media[item.source]):
                ready[placement_key(item)] = photos.submit(item, media[item.source], profile,
                                                           settings, page.number)
    return ready


class _Photos:
    """The photos the pages name while they are painted, resolved when the PDF is finished.

    A page gets `/TSImN Do` for each placement (N in order of first placement), so painting
    never waits for a photo; `finish` waits for those still being prepared and gives, per
    page, name → (PreparedImage or None, width, height) for `pdfx.finish`, and adds every
    photo's diagnostics in order of first placement (the same order on every build)."""

    def __init__(self, ready: dict[tuple, Future], separable: bool, report: bool,
                 options: PdfOptions, media: dict[str, MediaInfo]) -> None:
        self._ready = ready
        self._media = media  # source → probe (`_probed`)
        self._separable = separable  # False: no output profile, photos cannot be separated
        self._report = report
        self._options = options
        self._names: dict[tuple, str] = {}
        self._first: dict[tuple, tuple[ImageItem, int]] = {}
        self._pages: list[dict[str, tuple]] = []
        self._here: dict[str, tuple] = {}

    def register(self, item: ImageItem, page: int) -> tuple:
        """Note a placement (its first page names its diagnostics); its key."""
        key = placement_key(item)
        if key not in self._names:
            self._names[key] = f"TSIm{len(self._names) + 1}"
            self._first[key] = (item, page)
        return key

    def name(self, item: ImageItem, page: int) -> str:
        """The XObject name this placement is painted under on the current page."""
        key = self.register(item, page)
        name = self._names[key]
        self._here[name] = (key, item.width, item.height)
        return name

    def failed_already(self, item: ImageItem) -> bool:
        """True when the photo is known not to be printable (no profile, missing file …):
        it is then painted as a crossed frame straight away."""
        if not self._separable or known_problem(self._media[item.source]):
            return True
        found = self._ready.get(placement_key(item))
        return found is not None and found.done() and found.result()[0] is None

    def sources(self) -> dict[str, str]:
        """XObject name → the photo file it shows (preflight names images by it)."""
        return {self._names[key]: Path(item.source).name for key, (item, _page)
                in self._first.items() if item.source}

    def end_page(self) -> None:
        self._pages.append(self._here)
        self._here = {}

    def finish(self, diags: list[Diagnostic]) -> list[dict[str, tuple]]:
        resolved = {}
        for key, (item, page) in self._first.items():
            media = self._media[item.source]
            problem = known_problem(media)
            if self._report:
                if problem:
                    diags.append(error(media.code or "image-unreadable",
                                       f"image {item.source} {problem}",
                                       hint=media.hint, page=page))
                else:
                    diags.extend(placement_verdict(
                        item, media, ppi_warn=self._options.image_ppi_warn,
                        ppi_error=self._options.image_ppi_error, page=page))
            if self._separable and key in self._ready and not problem:
                image, found = self._ready[key].result()
            elif self._separable:
                image, found = None, []
            else:
                image, found = None, [error("image-no-profile", f"{item.source} cannot be "
                                            f"separated to CMYK without an output profile",
                                            page=page)]
            resolved[key] = image
            diags.extend(found)
        preparer().prune_store()
        return [{name: (resolved[key], width, height) for name, (key, width, height)
                 in here.items()} for here in self._pages]


def _paint(canvas, item, geo, page, subsets, fonts_here, photos: _Photos,
           knockout=False) -> None:
    if isinstance(item, GlyphRun):
        subset = subsets.get((item.face.path, item.face.index))
        if subset is None:
            return  # reported once as pdf-font-embed
        name = subset.resource + (draw.VERTICAL_SUFFIX if item.vertical else "")
        fonts_here[name] = PageFont(name, subset, item.vertical)
        draw.draw_run(canvas, item, subset, geo)
    elif isinstance(item, Rule):
        draw.draw_rule(canvas, item, geo, knockout)
    elif isinstance(item, Box):
        draw.draw_box(canvas, item, geo, knockout)
    elif isinstance(item, ImageItem):
        if photos.failed_already(item):
            photos.register(item, page.number)  # its diagnostics are reported in order
            draw.draw_missing_image(canvas, item, geo)
        else:
            draw.draw_image(canvas, item, photos.name(item, page.number), geo)
    # Marker items are drawn only by the proof overlay (marks.proof_items).
