"""Where prepared photos are kept, and which editions' photos were all prepared last time.

In: the environment (`TYPESET_CACHE`, `XDG_CACHE_HOME`) and an edition folder. Out: the
photo store's folder (None when turned off); whether every photo file an edition's last build
placed is unchanged since then (`prepared_last_time`), read before anything heavy is imported,
so that `paiban build` forks no photo worker when the photos will come from the store.

Light on purpose (no Pillow, no numpy): the command's entry point imports it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

OFF = {"0", "off", "no", "false"}
INDEX = "editions"
"""Sub-folder of the store: one small file per edition folder, its last build's photo files."""


def cache_folder(environ: dict | None = None) -> Path | None:
    """The folder prepared photos are kept in, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    setting = env.get("TYPESET_CACHE", "").strip()
    if setting.lower() in OFF:
        return None
    if setting and setting != "1":
        return Path(setting).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "typeset" / "photos"


def _index(folder: Path, edition: Path) -> Path:
    key = hashlib.sha256(str(edition.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / INDEX / key


def _state(path: str) -> str | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return f"{stat.st_size}\t{stat.st_mtime_ns}"


def remember_prepared(edition: Path, files: list[str]) -> None:
    """Note that a build of the edition in `edition` (its folder) placed `files`, all of
    them now prepared in the store (a failure to write is ignored: it is only a hint)."""
    folder = cache_folder()
    if folder is None:
        return
    lines = [f"{state}\t{path}" for path in files if (state := _state(path)) is not None]
    target = _index(folder, edition)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


def prepared_last_time(edition: Path) -> bool:
    """True when the edition's last build placed photos and none of those files changed since
    (their photos are most likely in the store). A guess: a photo added since, or pruned from
    the store, is prepared anyway, only without a head start."""
    folder = cache_folder()
    if folder is None:
        return False
    try:
        text = _index(folder, edition).read_text(encoding="utf-8")
    except OSError:
        return False
    entries = [line.split("\t", 2) for line in text.splitlines() if line.count("\t") >= 2]
    return bool(entries) and all(_state(path) == f"{size}\t{mtime}"
                                 for size, mtime, path in entries)
