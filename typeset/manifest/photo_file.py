"""Photo sidecars: the caption and credit of `photos/x.jpg` kept beside it in `photos/x.md`.

In: the edition folder and the photo's path as written. Two forms are read:

    3月5日晚，江滨古街花灯璀璨……          ---
    credit: 郭苑甫 摄                      credit: 郭苑甫 摄
                                           ---
                                           3月5日晚，江滨古街花灯璀璨……

Out: (caption, credit), or None when there is no sidecar. Problems (bad UTF-8, control
characters, unknown keys) are recorded with file:line:column.
"""

from __future__ import annotations

from pathlib import Path

from typeset.diagnostics import InputError, SourceRef
from typeset.manifest.fields import MapReader, Problems
from typeset.manifest.media_probe import probe
from typeset.manifest.paths import UnsafePath, inside
from typeset.manifest.source import MAX_MANIFEST_BYTES, read_text
from typeset.manifest.story_file import join_lines_with_origins, split_front_matter
from typeset.model.story import PrintedText
from typeset.manifest.yamlpos import parse_yaml

CREDIT_PREFIXES = ("credit:", "credit：", "摄影：", "摄影:")


def image_problem(path: Path) -> str | None:
    """Why the file at `path` cannot be a photo at all (not an image, an unsupported format,
    too many pixels, no pixels), or None; from its header (`media_probe.probe`, memoised, so
    the file is probed once). Problems of a readable image (cut off, a wrong ICC profile,
    damaged data) are the photo verdict's (`render.pdf.photo_verdict`)."""
    media = probe(path)
    return None if media.readable else media.problem


def sidecar_path(photo: str) -> str:
    """'photos/x.jpg' → 'photos/x.md'."""
    stem = photo.rsplit(".", 1)[0] if "." in photo.rsplit("/", 1)[-1] else photo
    return stem + ".md"


def read_sidecar(folder: Path, photo: str, label: str, problems: Problems,
                 where: SourceRef | None = None) -> tuple[str, str] | None:
    """The (caption, credit) in the photo's sidecar, or None when it has none. A sidecar that
    leads outside the edition folder (a symbolic link) is refused with the photos' path error,
    at `where` (the photo's line in the manifest)."""
    written = sidecar_path(photo)
    try:
        path = inside(folder, written)
    except UnsafePath as exc:
        if (folder / written).is_symlink() or (folder / written).exists():
            problems.error("unsafe-path", f"caption file {written}: {exc}", where,
                           hint=exc.hint)
        return None
    if not path.is_file():
        return None
    file = f"{label}/{written}" if label else written
    try:
        text = read_text(path, limit=MAX_MANIFEST_BYTES, what="caption file", label=file)
    except InputError as exc:
        problems.extend(exc.diagnostics)
        return None
    try:
        front, body, body_line = split_front_matter(text, file, problems)
    except InputError as exc:
        problems.extend(exc.diagnostics)
        return None
    credit = ""
    if front is not None:
        try:
            data, found = parse_yaml(front, file, first_line=2)
        except InputError as exc:
            problems.extend(exc.diagnostics)
            return None
        problems.extend(found)
        meta = MapReader(data, problems, "caption file", ("caption", "credit"),
                         where=SourceRef(file, 1, 1))
        credit = meta.text("credit", max_chars=100, printed=True)
        if meta.has("caption"):
            if body.strip():
                problems.error("conflicting-keys", "the caption is given both as caption: and "
                               "as text", SourceRef(file, body_line), hint="keep one")
            return meta.text("caption", max_chars=1000, printed=True), credit
    lines = body.split("\n")
    caption_lines = []
    for number, line in enumerate(lines, start=body_line):
        stripped = line.strip()
        if stripped.lower().startswith(CREDIT_PREFIXES) and not credit:
            credit = stripped.split(":", 1)[-1].split("：", 1)[-1].strip()
            column = len(line) - len(line.lstrip()) + len(stripped) - len(credit) + 1
            problems.printed.append(PrintedText(credit, SourceRef(file, number, column),
                                                "credit"))
        elif line.strip():
            caption_lines.append((number, line))
    caption, segments = join_lines_with_origins([ln for _, ln in caption_lines], 1)
    origins = tuple((start, caption_lines[row - 1][0], column)
                    for start, row, column in segments)
    if caption:
        problems.printed.append(PrintedText(caption, SourceRef(file, *origins[0][1:]),
                                            "caption", origins))
    return caption, credit

