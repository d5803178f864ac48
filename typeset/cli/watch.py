"""--watch: rebuild when a manifest, story, photo, layout or font setting changes.

In: an edition path and a rebuild function. Out: a polling loop (no extra dependency) that
calls the function once at the start and again whenever a watched file's modification time or
size changes. Rebuilds run in the same process, so unchanged paragraphs come from the
composer's cache and fonts stay loaded: a re-proof after a one-story change recomposes only
what changed.
"""

from __future__ import annotations

import time
from pathlib import Path
from collections.abc import Callable

from typeset.project import find_project_root

WATCHED_SUFFIXES = {".yaml", ".yml", ".md", ".txt", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


def watched_files(edition: Path) -> list[Path]:
    """Everything a build of `edition` reads: its folder's text and images, layouts, fonts.yaml."""
    folder = edition if edition.is_dir() else edition.parent
    root = find_project_root(folder)
    files = [p for p in folder.rglob("*") if p.suffix.lower() in WATCHED_SUFFIXES]
    files += list((root / "layouts").glob("*.yaml"))
    files.append(root / "fonts" / "fonts.yaml")
    return sorted(set(files))


def snapshot(files: list[Path]) -> dict[Path, tuple[int, int]]:
    """(mtime_ns, size) of each file that exists."""
    state = {}
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        state[path] = (stat.st_mtime_ns, stat.st_size)
    return state


def watch(edition: Path, rebuild: Callable[[], None], *, interval: float = 0.3,
          max_rebuilds: int | None = None, echo: Callable[[str], None] = print,
          quiet: bool = False) -> int:
    """Build now, then rebuild on every change until interrupted (or `max_rebuilds` builds).
    `quiet`: the rebuild shows its own time and result (a terminal's cleared screen), so
    only the "watching" line is echoed after it.

    Returns the number of builds made.
    """
    from typeset.page_pool import keep_caches

    keep_caches()  # re-proofs come from this process's caches: compose every page here
    builds = 0
    state = None
    while max_rebuilds is None or builds < max_rebuilds:
        current = snapshot(watched_files(edition))
        if current != state:
            if state is not None:
                changed = sorted(str(p) for p in set(current) | set(state)
                                 if current.get(p) != state.get(p))
                echo(f"changed: {', '.join(changed[:5])}")
            start = time.perf_counter()
            rebuild()
            builds += 1
            if quiet:
                echo("watching (Ctrl-C to stop)")
            else:
                echo(f"rebuilt in {time.perf_counter() - start:.2f} s — watching (Ctrl-C to "
                     "stop)")
            state = current
            continue
        time.sleep(interval)
    return builds
