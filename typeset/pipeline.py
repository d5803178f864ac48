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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from typeset import photos
from typeset.compose import compose_edition
from typeset.compose.story import StoryResult
from typeset.diagnostics import Diagnostic, InputError, error, has_errors
from typeset.fonts import FontBook, FontError
from typeset.frame import Document
from typeset.manifest import load_edition
from typeset.manifest.fonts_config import load_font_roles
from typeset.model.edition import Edition
from typeset.project import find_project_root



@dataclass
class BuildResult:
    """What a build or check produced."""

    edition: Edition | None
    document: Document | None
    diagnostics: list[Diagnostic]
    stories: list[StoryResult] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
        return not has_errors(self.diagnostics)


_FONT_BOOKS: dict[Path, tuple[tuple, FontBook]] = {}


def _fonts_state(root: Path) -> tuple:
    """What tells a changed font set-up: fonts/fonts.yaml and the fonts/ folder (a font file
    added, removed or replaced there changes the folder's or the file's times and size)."""
    state = []
    for path in (root / "fonts" / "fonts.yaml", root / "fonts"):
        try:
            stat = path.stat()
            state.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
        except OSError:
            state.append(None)
    return tuple(state)


def font_book(project_root: Path) -> FontBook:
    """The project's FontBook, resolved again only when fonts/fonts.yaml or the project's
    fonts/ folder changed (so a `--watch` session follows an edited fonts.yaml)."""
    root = project_root.resolve()
    state = _fonts_state(root)
    known = _FONT_BOOKS.get(root)
    if known is None or known[0] != state:
        _FONT_BOOKS[root] = (state, FontBook.resolve(load_font_roles(root), root / "fonts"))
    return _FONT_BOOKS[root][1]


def compose(edition_path: Path, *, pages: set[int] | None = None,
            progress: Callable[[str], None] | None = None,
            on_loaded: Callable[[Edition], None] | None = None) -> BuildResult:
    """Load and compose an edition without writing anything. `progress` receives one line per
    stage (the CLI shows them on a terminal only); `on_loaded` is called with the edition as
    soon as it is loaded (a build starts its photo workers there)."""
    say = progress or (lambda _line: None)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    try:
        edition, load_diags = load_edition(Path(edition_path))
    except InputError as exc:
        return BuildResult(None, None, list(exc.diagnostics))
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
        return BuildResult(edition, None, list(load_diags) + list(diags))
    media, image_diags = photos.edition_media(edition)
    timings["fonts+images"] = time.perf_counter() - start
    start = time.perf_counter()
    document, diags, stories = compose_edition(edition, fonts, media, pages)
    diags = diags + photos.photo_verdicts(edition, document, pdf_options(edition))
    timings["compose"] = time.perf_counter() - start
    say(f"composed {len(document.pages)} pages in {timings['compose']:.2f} s")
    return BuildResult(edition, document, list(load_diags) + image_diags + diags, stories,
                       timings=timings)


def pdf_options(edition: Edition, **overrides):
    """PdfOptions from the first page's layout `output:` settings, then `overrides`."""
    from typeset.render.pdf import PdfOptions

    known = {f.name for f in dataclasses.fields(PdfOptions)}
    settings = dict(edition.pages[0].layout.output) if edition.pages else {}
    values = {k: v for k, v in settings.items() if k in known}
    profile = values.get("icc_profile")
    if profile and not Path(profile).is_absolute():
        values["icc_profile"] = str(find_project_root(Path(edition.folder)) / profile)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return PdfOptions(**values)


def build(edition_path: Path, out: Path, *, pages: set[int] | None = None,
          allow_overset: bool = False, proof: bool = False, marks: bool = True,
          progress: Callable[[str], None] | None = None) -> BuildResult:
    """Compose and write the PDF (final, or a proof). A final build refuses to write when
    there are errors, or overset that is not allowed; the previous file is then untouched."""
    result = compose(edition_path, pages=pages, progress=progress)
    if result.document is None:
        return result
    blocking = [d for d in result.diagnostics
                if d.severity.value == "error" or (d.code == "overset" and not allow_overset)]
    if blocking and not proof:
        if not has_errors(result.diagnostics):
            result.diagnostics.append(error(
                "overset-refused", "the final PDF was not written because text is overset",
                hint="fix the overset stories, or build with --allow-overset (or make a proof)"))
        return result
    start = time.perf_counter()
    options = pdf_options(result.edition, proof=proof, marks=marks,
                          slug=_slug(result.edition, proof))
    out = Path(out)
    refused = output_problem(out)
    if refused is not None:
        result.diagnostics.append(refused)
        return result
    # The session's photo preparer works from here on while the PDF writer loads, subsets
    # the fonts and paints the pages (the photo verdicts were given by compose).
    photos.start_preparing(result.document, options)
    try:
        from typeset.render.pdf import write_pdf

        if proof:
            result.diagnostics += write_pdf(result.document, out, options, report_photos=False)
            result.outputs.append(out)
        else:
            _write_final(result, out, options, write_pdf)
    except OSError as exc:  # disk full, permissions …: the previous file is untouched
        result.diagnostics.append(error(
            "output-write", f"cannot write {out}: {exc.strerror or exc}",
            hint="check the free space and permissions of the output folder"))
    result.timings["write"] = time.perf_counter() - start
    if progress is not None and result.outputs:
        progress(f"wrote {len(result.document.pages)} pages in {result.timings['write']:.2f} s")
    return result


def _write_final(result: BuildResult, out: Path, options, write_pdf) -> None:
    """A final PDF replaces the previous one only when the backend found no error (a photo
    that cannot be read, a font that cannot be embedded …); else the old file stays."""
    fd, tmp = tempfile.mkstemp(prefix=".typeset-", suffix=".pdf", dir=out.parent)
    os.close(fd)
    try:
        written = write_pdf(result.document, Path(tmp), options, report_photos=False)
        result.diagnostics += written
        if not has_errors(written):
            os.replace(tmp, out)
            result.outputs.append(out)
    finally:
        Path(tmp).unlink(missing_ok=True)


def output_problem(out: Path) -> Diagnostic | None:
    """Why the PDF cannot be written at `out` (None when it can; its folder is created).

    Refused: a folder, or an existing device, pipe or socket (writing atomically renames a
    new file over the old one, which would replace e.g. /dev/stdout), or a parent that is a
    file or cannot be created."""
    hint = "give a .pdf file path in a folder you can write, e.g. -o out/edition.pdf"
    if out.is_dir():
        return error("output-not-a-file", f"cannot write the PDF to {out}: it is a folder",
                     hint=hint)
    if out.exists() and not out.is_file():
        return error("output-not-a-file", f"cannot write the PDF to {out}: it exists and is "
                     "not a regular file (a device, pipe or socket)", hint=hint)
    for folder in out.parents:
        if folder.exists() and not folder.is_dir():
            return error("output-folder", f"cannot write {out}: {folder} is a file, not a "
                         "folder", hint=hint)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return error("output-folder", f"cannot create the folder for {out}: "
                     f"{exc.strerror or exc}", hint=hint)
    if not out.parent.is_dir():
        return error("output-folder", f"cannot write {out}: {out.parent} is not a folder",
                     hint=hint)
    return None


def _slug(edition: Edition, proof: bool) -> str:
    """The slug template: paper, issue, page and section, date; a proof adds the wall-clock
    build time, a final build the document time (so identical input stays byte-identical)."""
    if proof:
        return (f"{edition.paper} 第{edition.issue}期 · 第{{page}}版 {{section}} · {{date}} · "
                f"校样 {time.strftime('%Y-%m-%d %H:%M')}")
    return (f"{edition.paper} 第{edition.issue}期 · 第{{page}}版 {{section}} · "
            "{date} {time} · 付印")
