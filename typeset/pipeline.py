"""The whole pipeline, for the CLI and library users: load → fonts → images → compose → render.

In: an edition folder or manifest path and what to produce. Out: a `BuildResult` with the
document, every diagnostic (manifest, composition, backend) and the files written. This is the
only module, besides the CLI, that ties the stages to files and backends.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PIL import Image

from typeset.compose import compose_edition
from typeset.compose.story import StoryResult
from typeset.diagnostics import (Diagnostic, InputError, Severity, error, has_errors,
                                 scoped)
from typeset.fonts import FontBook, FontError
from typeset.frame import Document
from typeset.fit import fit_edition
from typeset.makeup import make_up_edition
from typeset.manifest import load_edition
from typeset.manifest.fonts_config import load_font_roles
from typeset.model.edition import Edition
from typeset.project import find_project_root
from typeset.session import current, file_key

MAX_IMAGE_PIXELS = 120_000_000
"""Images larger than this (about 11,000 × 11,000) are refused as decompression bombs."""
EXIF_ORIENTATION = 0x0112
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
"""Ad files placed as images (others, e.g. PDF ads, are not photos)."""


@dataclass
class BuildResult:
    """What a build or check produced."""

    edition: Edition | None
    document: Document | None
    diagnostics: list[Diagnostic]
    stories: list[StoryResult] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    refused: bool = False
    """True when an output named for this run was refused (an input, or twice): nothing, not
    even a report, may then be written."""
    timings: dict[str, float] = field(default_factory=dict)
    fit: object = None
    """The fitting pass's `typeset.fit.FitResult` (stacks resolved; per-item report)."""
    makeup: object = None
    """The make-up pass's `typeset.makeup.MakeupResult` (trees chosen for make_up: auto)."""

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
        return not has_errors(self.diagnostics)


def _fonts_state(root: Path) -> tuple:
    """What tells a changed font set-up: the `file_key` of fonts/fonts.yaml and of the
    fonts/ folder (a font file added, removed or replaced there changes the folder's key)."""
    return (file_key(root / "fonts" / "fonts.yaml"), file_key(root / "fonts"))


def font_book(project_root: Path) -> FontBook:
    """The project's FontBook, kept in the session's table 'pipeline.font_books' and resolved
    again only when fonts/fonts.yaml or the project's fonts/ folder changed (so a `--watch`
    session follows an edited fonts.yaml)."""
    root = project_root.resolve()
    return current().memo("pipeline.font_books", 16).get_or_make(
        (root, _fonts_state(root)),
        lambda: FontBook.resolve(load_font_roles(root), root / "fonts"))


def font_files(edition_folder: Path) -> list[str]:
    """The font files the project's font roles resolved to (inputs no output may replace)."""
    book = font_book(find_project_root(Path(edition_folder)))
    return sorted({entry.face.path for entry in book.roles()})


def image_sizes(edition: Edition, progress: Callable[[str], None] | None = None
                ) -> tuple[dict[str, tuple[int, int] | None], list[Diagnostic]]:
    """Pixel size (after EXIF rotation) of every photo and ad image the edition names; None for
    a file that cannot be read, reported here once (composition then draws a crossed frame and
    reports nothing more)."""
    sizes: dict[str, tuple[int, int] | None] = {}
    diags: list[Diagnostic] = []
    for page in edition.pages:
        for slot in page.slots:
            files = []
            if slot.photo is not None:
                files.append((slot.photo.file, slot.photo.source or slot.source))
            if slot.ad_file and slot.ad_file.lower().endswith(IMAGE_SUFFIXES):
                files.append((slot.ad_file, slot.source))
            for name, source in files:
                path = str(Path(edition.folder) / name)
                if path in sizes:
                    continue
                size, problem = read_image_size(Path(path))
                sizes[path] = size
                if progress is not None:
                    progress(f"photo {name}: " + (f"{size[0]}×{size[1]} px" if size
                                                  else "cannot be read"))
                if not size:
                    hint = "copy the file again from the original" if "cut off" in problem \
                        else "replace it with a JPEG, PNG or TIFF photo"
                    diags.append(error("image-unreadable", f"{name}: {problem}", source=source,
                                       page=page.number, slot=slot.id, hint=hint))
    return sizes, diags


def read_image_size(path: Path) -> tuple[tuple[int, int] | None, str]:
    """(width, height) of an image as it will be shown (EXIF orientation applied), or why not.

    Only the header is read; images over MAX_IMAGE_PIXELS are refused, not decoded.
    """
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                width, height = img.size
                if width * height > MAX_IMAGE_PIXELS:
                    return None, f"image is {width}×{height} pixels, too large to place safely"
                if img.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8):
                    width, height = height, width
            # verify() must come straight after open (getexif() reads PNG chunks first).
            with Image.open(path) as img:
                fmt = img.format
                img.verify()
        if fmt == "JPEG" and not _jpeg_ends(path):
            return None, ("the file is cut off (it has no JPEG end marker): it was not copied "
                          "whole, and the final build cannot decode it")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None, "image is too large to place safely (decompression bomb limit)"
    except FileNotFoundError:
        return None, f"file not found: {path}"
    except Exception as exc:  # noqa: BLE001 - any decoder failure is a bad image for the desk
        return None, f"not a readable image ({type(exc).__name__}: {exc})"
    if width <= 0 or height <= 0:
        return None, "image has no pixels"
    return (width, height), ""


def _jpeg_ends(path: Path, tail: int = 65536) -> bool:
    """True when the JPEG's end-of-image marker is in its last `tail` bytes (anything after it,
    as some cameras append, is allowed). Pillow's `verify()` does not decode a JPEG, and a file
    copied only in part lacks the marker: the build's decoder refuses it."""
    with open(path, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - tail))
        return b"\xff\xd9" in handle.read()


def compose(edition_path: Path, *, pages: set[int] | None = None, allow_overset: bool = False,
            final: bool = True, progress: Callable[[str], None] | None = None,
            on_loaded: Callable[[Edition], None] | None = None,
            outputs: dict[str, Path | None] | None = None) -> BuildResult:
    """Load and compose an edition without writing anything; its diagnostics are the
    `verdict` (the one `check`, `proof` and `build` share). `progress` receives one line per
    stage (the CLI shows them on a terminal only); `on_loaded` is called with the edition as
    soon as it is loaded (a build starts its photo workers there). `outputs` (what → path:
    the files the caller will write) are checked as soon as the edition and its fonts are
    known (`refused_outputs`), before any composition: a refused one ends the run there."""
    say = progress or (lambda _line: None)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    try:
        edition, load_diags = load_edition(Path(edition_path))
    except InputError as exc:
        refused = refused_outputs(edition_path, None, outputs or {})
        return BuildResult(None, None, list(exc.diagnostics) + refused, refused=bool(refused))
    timings["load"] = time.perf_counter() - start
    say(f"loaded {edition_path}: {len(edition.pages)} pages, {len(edition.stories)} stories")
    if on_loaded is not None:
        on_loaded(edition)
    root = find_project_root(Path(edition.folder))
    start = time.perf_counter()
    try:
        fonts = font_book(root)
    except (InputError, FontError) as exc:
        diags = exc.diagnostics if isinstance(exc, InputError) else [
            error("font-missing", str(exc))]
        refused = refused_outputs(edition_path, edition, outputs or {})
        return BuildResult(edition, None, list(load_diags) + list(diags) + refused,
                           refused=bool(refused))
    if outputs:
        refused = refused_outputs(edition_path, edition, outputs,
                                  sorted({entry.face.path for entry in fonts.roles()}))
        if refused:
            return BuildResult(edition, None, list(load_diags) + refused, refused=True)
    sizes, image_diags = image_sizes(edition, say)
    timings["fonts+images"] = time.perf_counter() - start
    start = time.perf_counter()
    made = make_up_edition(edition, fonts, sizes)  # make_up: auto → stack trees (issue 19)
    edition = made.edition
    image_diags = image_diags + made.diagnostics
    timings["make-up"] = time.perf_counter() - start
    start = time.perf_counter()
    fitted = fit_edition(edition, fonts, sizes)  # stacks and rows → plain slots (issue 18)
    edition = fitted.edition
    image_diags = image_diags + fitted.diagnostics
    timings["fit"] = time.perf_counter() - start
    start = time.perf_counter()
    document, diags, stories = compose_edition(edition, fonts, sizes, pages)
    timings["compose"] = time.perf_counter() - start
    say(f"composed {len(document.pages)} pages in {timings['compose']:.2f} s")
    found = verdict(list(load_diags) + image_diags + diags, edition,
                    allow_overset=allow_overset, final=final)
    return BuildResult(edition, document, found, stories, timings=timings, fit=fitted,
                       makeup=made)


def refused_outputs(edition_path: Path, edition: Edition | None,
                    outputs: dict[str, Path | None], fonts: list[str] = ()
                    ) -> list[Diagnostic]:
    """Why any of `outputs` must not be written (`typeset.outputs.refused_outputs`: an input
    of the edition or its project, the same file as another output, not a file); when none
    is refused, their folders are made (a folder that cannot be is refused too)."""
    from typeset.outputs import edition_inputs, make_folder
    from typeset.outputs import refused_outputs as refused

    wanted = {what: Path(path) for what, path in outputs.items() if path is not None}
    if not wanted:
        return []
    problems = refused(wanted, edition_inputs(Path(edition_path), edition, fonts))
    if not problems:
        problems = [p for p in (make_folder(path, what) for what, path in wanted.items()) if p]
    return problems


def verdict(diagnostics: list[Diagnostic], edition: Edition, *,
            allow_overset: bool = False, final: bool = True) -> list[Diagnostic]:
    """The one verdict on an edition, computed once and shared by `check`, `proof` and
    `build`: a final build refuses exactly when it holds an error, and `check` then exits 1.

    In: every diagnostic of loading, images and composition (the photo checks add theirs to
    the same list) and the edition. Out: the same findings, each addressed to the line the desk
    edits — a slot's finding to the slot's manifest line, a story's to its story file, a
    page's to the page's entry — with
    overset an error unless `allow_overset` (then it stays a warning), and, for a `final`
    verdict (check and build; not a proof or preview), every finding that blocks only the
    final build (data `blocks_build`: scaffold placeholders 【待填】, empty stories) an error."""
    slots = {(page.number, slot.id): slot.source for page in edition.pages
             for slot in page.slots}
    stories = {sid: story.source for sid, story in edition.stories.items()}
    pages = {page.number: page.source for page in edition.pages}
    out = []
    for diag in diagnostics:
        if diag.source is None:
            source = (slots.get((diag.page, diag.slot)) or stories.get(diag.story or "")
                      or pages.get(diag.page))
            diag = scoped(diag, source=source)
        if diag.code == "overset" and not allow_overset and diag.severity is not Severity.ERROR:
            diag = dataclasses.replace(diag, severity=Severity.ERROR, hint=(
                diag.hint + "; a final build refuses overset text (build --allow-overset "
                "writes it anyway)"))
        if final and diag.severity is Severity.WARNING and dict(diag.data).get("blocks_build"):
            diag = dataclasses.replace(diag, severity=Severity.ERROR, hint=(
                diag.hint + "; a final build refuses it (a proof shows it as a warning)"
                if diag.hint else "a final build refuses it (a proof shows it as a warning)"))
        out.append(diag)
    return out


def pdf_options(edition: Edition, **overrides):
    """PdfOptions from the first page's layout `output:` settings (model.output.OutputSettings,
    validated when the layout and edition were read), then `overrides`."""
    from typeset.render.pdf import PdfOptions

    known = {f.name for f in dataclasses.fields(PdfOptions)}
    output = edition.pages[0].layout.output if edition.pages else {}
    settings = output.pdf_values() if hasattr(output, "pdf_values") else dict(output)
    values = {k: v for k, v in settings.items() if k in known}
    profile = values.get("icc_profile")
    if profile and not Path(profile).is_absolute():
        values["icc_profile"] = str(find_project_root(Path(edition.folder)) / profile)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return PdfOptions(**values)


def build(edition_path: Path, out: Path, *, pages: set[int] | None = None,
          allow_overset: bool = False, proof: bool = False, marks: bool = True,
          progress: Callable[[str], None] | None = None, report: Path | None = None
          ) -> BuildResult:
    """Compose and write the PDF (final, or a proof). A final build refuses to write when
    there are errors, or overset that is not allowed; the previous file is then untouched.
    `report`: the JSON report the caller writes afterwards (checked with the PDF's path
    before any work, its folder made before the PDF is written)."""
    from typeset.render.pdf import photo_workers

    try:
        return _build(edition_path, out, pages=pages, allow_overset=allow_overset, proof=proof,
                      marks=marks, progress=progress, report=report)
    finally:
        photo_workers.end()


def epaper(edition_path: Path, out_dir: Path, *, allow_overset: bool = False,
           progress: Callable[[str], None] | None = None) -> BuildResult:
    """Compose, write the final PDF (to a temporary file) and the e-paper site from that same
    composition into `out_dir`: page images rendered from the PDF, zones from the display
    list, article text from the model. Refuses as a final build does (errors, overset unless
    allowed) and an `out_dir` that would touch the edition's input files."""
    from typeset.render import epaper as site

    path = Path(edition_path)
    folder = path if path.is_dir() else path.parent
    root = find_project_root(folder)
    refused = site.output_problem(Path(out_dir), folder, [
        folder, root / "layouts", root / "fonts"])
    if refused is not None:
        return BuildResult(None, None, [refused])
    with tempfile.TemporaryDirectory(prefix="typeset-epaper-") as tmp:
        pdf = Path(tmp) / "edition.pdf"
        result = build(path, pdf, allow_overset=allow_overset, marks=False, progress=progress)
        if not result.outputs or has_errors(result.diagnostics):
            return result
        result.outputs.clear()
        start = time.perf_counter()
        parts = [site.ArticlePart(story.story, out.page, out.slot, k, tuple(out.items))
                 for story in result.stories for k, out in enumerate(story.slots)]
        try:
            result.diagnostics += site.write_site(result.document, result.edition, parts, pdf,
                                                  Path(out_dir))
        except OSError as exc:
            result.diagnostics.append(error(
                "output-write", f"cannot write {out_dir}: {exc.strerror or exc}",
                hint="check the free space and permissions of the output folder"))
        result.timings["epaper"] = time.perf_counter() - start
    if not has_errors(result.diagnostics):
        result.outputs.append(Path(out_dir))
    if progress is not None and result.outputs:
        progress(f"wrote the e-paper in {result.timings['epaper']:.2f} s")
    return result


def image_files(edition: Edition, pages: set[int] | None = None) -> list[str]:
    """The distinct photo and image-ad files placed on `pages` (all pages when None), in page
    order."""
    files: dict[str, None] = {}
    for page in edition.pages:
        if pages is not None and page.number not in pages:
            continue
        for slot in page.slots:
            if slot.photo is not None:
                files[str(Path(edition.folder) / slot.photo.file)] = None
            if slot.ad_file and slot.ad_file.lower().endswith(IMAGE_SUFFIXES):
                files[str(Path(edition.folder) / slot.ad_file)] = None
    return list(files)


def _build(edition_path: Path, out: Path, *, pages, allow_overset, proof, marks, progress,
           report=None) -> BuildResult:
    def start_workers(edition: Edition) -> None:
        # Photo worker processes separate the photos while the pages are composed. Only a
        # head start: whatever goes wrong here is found and reported by the write itself.
        from typeset.render.pdf.document_photos import start_workers

        try:
            start_workers(image_files(edition, pages), pdf_options(edition, proof=proof))
        except Exception:  # noqa: BLE001
            pass

    result = compose(edition_path, pages=pages, allow_overset=allow_overset, final=not proof,
                     progress=progress, on_loaded=start_workers, outputs={"-o": Path(out), "--report": report})
    if result.document is None:
        return result
    if not result.ok and not proof:
        return result  # the verdict has errors: the previous PDF stays
    start = time.perf_counter()
    released = release_time(Path(edition_path), result.edition)
    if released:  # the PDF's CreationDate/ModDate and XMP dates: the release time
        result.document = dataclasses.replace(result.document, info=dataclasses.replace(
            result.document.info, timestamp=released))
    if proof:
        result.document = proof_notes(result.document, result.edition, result.diagnostics)
    options = pdf_options(result.edition, proof=proof, marks=marks,
                          slug=_slug(result.edition, proof, released))
    out = Path(out)
    refused = output_problem(out)
    if refused is not None:
        result.diagnostics.append(refused)
        return result
    # The photos are prepared from here on (by the photo worker, else threads) while the PDF
    # writer loads, subsets the fonts and paints the pages.
    from typeset.render.pdf.document_photos import start_photos

    photos = start_photos(result.document, options)
    try:
        from typeset.render.pdf import write_pdf

        if proof:
            from typeset.outputs import replacing

            with replacing(out) as tmp:
                written = verdict(write_pdf(result.document, tmp, options, photos, progress),
                                  result.edition)
                if any(d.severity is not Severity.INFO for d in written):
                    # The writer found more (a photo's resolution …): the proof carries those
                    # notes too, painted again with the photos it has just prepared.
                    if progress is not None:
                        progress("painting again: the writer's findings go on the proof")
                    result.document = proof_notes(result.document, result.edition,
                                                  result.diagnostics + written)
                    written = verdict(write_pdf(result.document, tmp, options, None,
                                                progress), result.edition)
                result.diagnostics += written
            result.outputs.append(out)
        else:
            _write_final(result, out, options, write_pdf, photos, progress)
    except OSError as exc:  # disk full, permissions …: the previous file is untouched
        result.diagnostics.append(error(
            "output-write", f"cannot write {out}: {exc.strerror or exc}",
            hint="check the free space and permissions of the output folder"))
    finally:
        if photos is not None:
            photos.cancel()  # nothing left to do after a write; stops them after a failure
    result.timings["write"] = time.perf_counter() - start
    if result.outputs and not has_errors(result.diagnostics):
        # A hint for the next build's entry point: these photos are in the store now.
        from typeset.render.pdf.store_folder import remember_prepared

        remember_prepared(Path(result.edition.folder), image_files(result.edition, pages))
    if progress is not None and result.outputs:
        progress(f"wrote {len(result.document.pages)} pages in {result.timings['write']:.2f} s")
    return result


def _write_final(result: BuildResult, out: Path, options, write_pdf, photos,
                 progress=None) -> None:
    """A final PDF replaces the previous one only when the backend found no error (a photo
    that cannot be read, a font that cannot be embedded …); else the old file stays. The new
    file gets the old one's mode (a new one 0666 less the umask)."""
    from typeset.outputs import KeepOld, replacing

    with replacing(out) as tmp:
        written = write_pdf(result.document, tmp, options, photos, progress)
        result.diagnostics += written
        if has_errors(written):
            raise KeepOld
    if not has_errors(written):
        result.outputs.append(out)


def output_problem(out: Path) -> Diagnostic | None:
    """Why the PDF cannot be written at `out` (None when it can; its folder is created)."""
    from typeset.outputs import make_folder
    from typeset.outputs import output_problem as problem

    return problem(out) or make_folder(out)


def proof_notes(document: Document, edition: Edition, diagnostics: list[Diagnostic]
                ) -> Document:
    """`document` with its margin notes made from the whole verdict (every diagnostic, from
    loading, images and composition, beside its slot; those naming no page on the first)."""
    from typeset.compose.proof_marks import NOTE_KINDS, diagnostic_markers
    from typeset.frame import Marker

    frames = []
    for index, frame in enumerate(document.pages):
        page = edition.page(frame.number)
        if page is None:
            frames.append(frame)
            continue
        kept = tuple(item for item in frame.items
                     if not (isinstance(item, Marker) and item.kind in NOTE_KINDS))
        notes = diagnostic_markers(page, diagnostics, first=index == 0)
        frames.append(dataclasses.replace(frame, items=kept + tuple(notes)))
    return dataclasses.replace(document, pages=tuple(frames))


def release_time(edition_path: Path, edition: Edition) -> int:
    """When this edition was released: SOURCE_DATE_EPOCH, else the newest modification time
    of the edition's own files (manifest, stories, sidecars, photos, ads; not the project's
    shared layouts and fonts, whose edits show in the content's version instead)."""
    from typeset.manifest.dates import release_time as newest
    from typeset.outputs import edition_files

    return newest(edition_files(Path(edition_path), edition))


def _slug(edition: Edition, proof: bool, released: int) -> str:
    """The slug template: paper, issue, page and section, date; a proof adds the wall-clock
    build time, a final build the release time (`release_time`, from the input, so identical
    input stays byte-identical), both in the paper's time zone."""
    from typeset.manifest.dates import local_time

    head = f"{edition.paper} 第{edition.issue}期 · 第{{page}}版 {{section}} · {{date}}"
    if proof:
        return f"{head} · 校样 {local_time(int(time.time()), edition.timezone)}"
    return f"{head} · 付印 {local_time(released, edition.timezone)}"
