"""Where the project's shared folders are: `layouts/` and `fonts/` beside the editions.

In: a starting path (an edition folder or file). Out: the project root, the nearest folder
upwards that has a `layouts/` folder, else the folder this package was installed from.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def find_project_root(start: Path | None = None) -> Path:
    """The nearest ancestor of `start` (or the working folder) holding `layouts/`."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / "layouts").is_dir():
            return folder
    return PACKAGE_ROOT
