"""Path safety: every file a manifest names must lie inside its edition folder.

In: the edition folder and a path exactly as the user wrote it. Out: the resolved `Path`, or an
error message and hint saying why it is refused: absolute paths, drive letters, '..' steps,
backslashes, NUL bytes, or symbolic links that lead outside the folder. Only plain relative
paths such as `photos/plant.jpg` pass. Nothing here runs a shell.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

_DRIVE = re.compile(r"^[A-Za-z]:")
MAX_PATH_CHARS = 255


class UnsafePath(ValueError):
    """A path that may not be used; `hint` says what to write instead."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def inside(folder: Path, written: str) -> Path:
    """Resolve `written` against `folder`; raise UnsafePath unless it stays inside `folder`.

    The file need not exist (callers report missing files with the path looked for).
    """
    hint = "give a path inside the edition folder, e.g. photos/plant.jpg"
    if not written or not written.strip():
        raise UnsafePath("the path is empty", hint)
    if "\x00" in written or len(written) > MAX_PATH_CHARS:
        raise UnsafePath("the path contains a NUL byte or is too long", hint)
    if "\\" in written:
        raise UnsafePath(f"'{written}' uses backslashes", "write paths with '/' "
                         "(photos/plant.jpg)")
    pure = PurePosixPath(written)
    if pure.is_absolute() or _DRIVE.match(written) or written.startswith("~"):
        raise UnsafePath(f"'{written}' is an absolute path; files must be inside the edition "
                         "folder", "copy the file into the edition folder and give its path "
                         "relative to edition.yaml")
    if ".." in pure.parts:
        raise UnsafePath(f"'{written}' steps out of the edition folder with '..'",
                         "copy the file into the edition folder and give its path relative "
                         "to edition.yaml")
    base = folder.resolve()
    target = base.joinpath(*pure.parts)
    try:
        real = target.resolve()
    except (OSError, RuntimeError) as exc:  # symlink loops
        raise UnsafePath(f"'{written}' cannot be resolved ({exc})", hint) from None
    if real != base and base not in real.parents:
        raise UnsafePath(f"'{written}' is a link that leads outside the edition folder "
                         f"(to {real})", "replace the link by a copy of the file")
    return real
