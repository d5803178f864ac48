"""Output files: where a command may write, and writing there safely.

In: the paths a command is about to write (the PDF, a --report, preview PNGs) and the edition
they come from. Out:
- `refused_outputs()`: a diagnostic for every output that is an input of the edition or the
  project (manifest, stories, sidecars, photos, ads, layouts, fonts.yaml, font files), or the
  same file as another output — compared by resolved path and by inode, so symlinks and hard
  links count — or that cannot be written (a folder, a device, a name too long). Checked before
  any work. An output folder replaced whole (`FolderOutput`, the e-paper) is refused by the
  same rule: when it is or holds an input, or lies inside the edition's or project's folders.
- `replacing(path)` (from `typeset.render.atomic`): a temporary file beside `path` that
  replaces it atomically on success, with the mode the file had (or 0666 less the umask),
  removed on failure, on SIGTERM and on Ctrl-C; `write_text` writes a report that way.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable

from typeset.diagnostics import Diagnostic, error
from typeset.render.atomic import (KeepOld, clean_stale_temps, handle_signals, new_mode,
                                   replacing)

INPUT_SUFFIXES = frozenset({".yaml", ".yml", ".md", ".markdown", ".txt", ".jpg", ".jpeg",
                            ".png", ".tif", ".tiff", ".icc", ".icm", ".otf", ".ttf", ".ttc",
                            ".otc", ".woff", ".woff2"})
"""Files in an edition folder or a project's layouts/ and fonts/ that are inputs whether or not
this build reads them (a PDF there is an input only when the manifest places it as an ad)."""
MAX_NAME_BYTES = 255
"""The longest file name most file systems take (ENAMETOOLONG beyond)."""

def _identity(path: Path) -> tuple[str, tuple[int, int] | None]:
    """(resolved path, (device, inode) when the file exists)."""
    resolved = os.path.realpath(path)
    try:
        info = os.stat(resolved)
        return resolved, (info.st_dev, info.st_ino)
    except OSError:
        return resolved, None


def edition_inputs(edition_path: Path, edition=None, fonts: Iterable[str] = (),
                   project: bool = True) -> list[Path]:
    """Every file the edition at `edition_path` and its project read or hold as input: the
    input-like files of the edition folder (INPUT_SUFFIXES), the manifest, every story, photo,
    sidecar and ad the loaded `edition` names, the project's layouts/ and fonts/ (fonts.yaml,
    font files) and the `fonts` files the font book resolved (system fonts too)."""
    from typeset.project import find_project_root

    edition_path = Path(edition_path)
    folder = edition_path if edition_path.is_dir() else edition_path.parent
    files: list[Path] = [] if edition_path.is_dir() else [edition_path]
    files.append(folder / "edition.yaml")
    root = find_project_root(folder)
    bases = (folder, root / "layouts", root / "fonts") if project else (folder,)
    for base in bases:
        for top, dirs, names in os.walk(base):
            if top == str(folder):
                dirs[:] = [d for d in dirs if d != "out"]  # our outputs, not inputs
            for name in names:
                if (os.path.splitext(name)[1].lower() in INPUT_SUFFIXES
                        or (edition is None and base == folder)) \
                        and not PREVIEW_NAME.fullmatch(name):
                    files.append(Path(top, name))
    if edition is not None:
        if edition.source is not None:
            files.append(Path(edition.source.file))
        for story in edition.stories.values():
            if story.source is not None:
                files.append(Path(story.source.file))
        for page in edition.pages:
            for slot in page.slots:
                if slot.photo is not None:
                    files.append(Path(edition.folder) / slot.photo.file)
                if slot.ad_file:
                    files.append(Path(edition.folder) / slot.ad_file)
    files += [Path(f) for f in fonts]
    return list(dict.fromkeys(files))


PREVIEW_NAME = re.compile(r"page-\d+\.png")
"""What `paiban preview` names its files (not inputs unless the manifest places them; the
edition's out/ folder is not searched either)."""


def edition_files(edition_path: Path, edition=None) -> list[Path]:
    """The edition's own input files (its folder's, and what the loaded `edition` names),
    without the project's layouts and fonts."""
    return edition_inputs(edition_path, edition, project=False)


@dataclass(frozen=True)
class FolderOutput:
    """An output that is a folder written and replaced whole (the e-paper site). `marker` is a
    file only such a run writes into it (an existing folder without it is someone else's);
    `example` is the folder the hint suggests."""

    path: Path
    marker: str
    example: str = "out/site"


def refused_outputs(outputs: dict[str, Path | FolderOutput], inputs: Iterable[Path],
                    input_folders: Iterable[Path] = ()) -> list[Diagnostic]:
    """Why any of `outputs` (what → path, e.g. {'-o': out.pdf, '--report': r.json}) must not be
    written: it is one of `inputs`, the same file as another output, a folder or a device, or
    its name is too long. Empty when all may be written. A `FolderOutput` is refused by the
    same rule for a folder (`folder_problem`): when it is or holds an input, or lies inside
    one of `input_folders` (the edition folder, layouts/, fonts/).

    An output that does not exist yet cannot destroy an input; one that exists is the same
    file as an input exactly when their (device, inode) agree — whatever the path says
    (symlinks, hard links, '..'). Outputs are compared with each other by resolved path too."""
    problems: list[Diagnostic] = []
    wanted: list[tuple[str, Path, str, tuple[int, int] | None]] = []
    inputs = list(inputs)
    for what, path in outputs.items():
        if isinstance(path, FolderOutput):
            problem = folder_problem(what, path, inputs, list(input_folders))
            if problem is not None:
                problems.append(problem)
            continue
        path = Path(path)
        problem = output_problem(path, what)
        if problem is not None:
            problems.append(problem)
            continue
        resolved, node = _identity(path)
        wanted.append((what, path, resolved, node))
    existing = {node: (what, path) for what, path, _r, node in wanted if node is not None}
    taken: dict[tuple[int, int], Path] = {}
    if existing:
        for path in inputs:
            try:
                info = os.stat(path)
            except (OSError, ValueError):
                continue
            taken.setdefault((info.st_dev, info.st_ino), Path(path))
    seen: dict[str, tuple[str, Path]] = {}
    seen_nodes: dict[tuple[int, int], tuple[str, Path]] = {}
    for what, path, resolved, node in wanted:
        hit = taken.get(node) if node is not None else None
        if hit is not None:
            problems.append(error(
                "output-is-input", f"{what} {path} is an input of the edition ({hit}): "
                "writing it would destroy it; nothing was written",
                hint=f"give {what} a new file, e.g. under out/"))
            continue
        other = seen.get(resolved) or (seen_nodes.get(node) if node else None)
        if other is not None:
            problems.append(error(
                "output-twice", f"{what} {path} is the same file as {other[0]} {other[1]}; "
                "nothing was written", hint=f"give {what} and {other[0]} different files"))
            continue
        seen[resolved] = (what, path)
        if node is not None:
            seen_nodes[node] = (what, path)
    return problems


def folder_problem(what: str, output: FolderOutput, inputs: list[Path],
                   input_folders: list[Path]) -> Diagnostic | None:
    """Why the folder `output` cannot be written and replaced whole (None when it can).
    Refused: a folder that is or holds an input file or input folder (replacing it would
    destroy them), one inside an input folder (what it holds would be read as input next
    time), the current folder or one holding it, a file, a folder holding anything but an
    earlier run's output (its `marker`), a parent that is a file, a name too long."""
    out = output.path
    hint = f"give a new or empty folder outside the edition, e.g. -o {output.example}"
    target = Path(os.path.abspath(out))
    resolved = target.resolve()
    if len(os.fsencode(target.name)) > MAX_NAME_BYTES - 32:  # room for the staging folder
        return error("output-name-too-long", f"cannot write {what} to {out}: the name is "
                     f"{len(os.fsencode(target.name))} bytes long (at most "
                     f"{MAX_NAME_BYTES - 32})", hint="give a shorter folder name")
    for path in [*inputs, *input_folders]:
        real = Path(os.path.realpath(path))
        if resolved == real or resolved in real.parents:
            return error("output-holds-input", f"cannot write {what} to {out}: it would "
                         f"replace {real}, an input of the edition", hint=hint)
    for path in input_folders:
        real = Path(os.path.realpath(path))
        if real in resolved.parents:
            return error("output-in-input", f"cannot write {what} to {out}: it is inside "
                         f"{real}, whose files are inputs of the edition", hint=hint)
    here = Path.cwd().resolve()
    if resolved == here or resolved in here.parents:
        return error("output-holds-cwd", f"cannot write {what} to {out}: it is the current "
                     "folder or holds it (the folder is replaced whole)", hint=hint)
    if target.exists() and not target.is_dir():
        return error("output-not-a-folder", f"cannot write {what} to {out}: it exists and "
                     "is not a folder", hint=hint)
    if target.is_dir() and any(target.iterdir()) and not (target / output.marker).is_file():
        return error("output-not-empty", f"cannot write {what} to {out}: the folder holds "
                     f"other files (one written before has {output.marker}; it is replaced "
                     "whole)", hint=hint)
    for folder in target.parents:
        if folder.exists() and not folder.is_dir():
            return error("output-folder", f"cannot write {what} to {out}: {folder} is a "
                         "file, not a folder", hint=hint)
    return None


def output_problem(out: Path, what: str = "-o") -> Diagnostic | None:
    """Why a file cannot be written at `out` (None when it can; a missing folder is created
    when the file is written, as for the default out/).

    Refused: a folder, an existing device, pipe or socket (writing atomically renames a new
    file over the old one, which would replace e.g. /dev/stdout), a parent that is a file, a
    name longer than the file system takes."""
    hint = f"give {what} a file path in a folder you can write, e.g. out/edition.pdf"
    if len(os.fsencode(out.name)) > MAX_NAME_BYTES - 32:  # room for our temporary's name
        return error("output-name-too-long", f"cannot write {what}: the file name is "
                     f"{len(os.fsencode(out.name))} bytes long (at most "
                     f"{MAX_NAME_BYTES - 32})", hint="give a shorter file name")
    if out.is_dir():
        return error("output-not-a-file", f"cannot write {what} {out}: it is a folder",
                     hint=hint)
    if out.exists() and not out.is_file():
        return error("output-not-a-file", f"cannot write {what} {out}: it exists and is "
                     "not a regular file (a device, pipe or socket)", hint=hint)
    for folder in out.parents:
        if folder.exists() and not folder.is_dir():
            return error("output-folder", f"cannot write {what} {out}: {folder} is a file, "
                         "not a folder", hint=hint)
    return None


def make_folder(out: Path, what: str = "-o") -> Diagnostic | None:
    """Create the folder `out` goes into (mode 0777 less the umask); a diagnostic when it
    cannot be made."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return error("output-folder", f"cannot create the folder for {what} {out}: "
                     f"{exc.strerror or exc}", hint="give a folder you can write")
    return None


def write_text(out: Path, text: str) -> None:
    """Write `text` (UTF-8) to `out` atomically, with the mode rules of `replacing`."""
    make_folder(out)
    with replacing(out) as tmp:
        tmp.write_text(text, encoding="utf-8")


__all__ = ["FolderOutput", "KeepOld", "clean_stale_temps", "edition_inputs", "folder_problem",
           "handle_signals", "make_folder", "new_mode", "output_problem", "refused_outputs",
           "replacing", "write_text"]
