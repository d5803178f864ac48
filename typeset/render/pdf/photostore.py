"""Prepared photos kept on disk, so that a new `paiban build` process reuses the separation,
ink limit and JPEG coding an earlier build did.

In: a `PhotoPlan` (file, crop, pixel size) with the file's digest, the output profile and the
pixel options. Out: the `PreparedImage` stored for exactly that input, or None.

Where: `$TYPESET_CACHE` when it names a folder, else `$XDG_CACHE_HOME/typeset/photos`, else
`~/.cache/typeset/photos`; `TYPESET_CACHE=0` (or off, no, false) turns it off. An entry is keyed
by a SHA-256 of everything its pixels depend on: the file's bytes (not its name or date, so a
copied or touched file still hits, and a changed one never does), the crop and pixel size, the
output profile's bytes, grey/quality/ink limit and how the limit is held (headroom, passes,
tile), and the Pillow and numpy versions (their JPEG coder and arithmetic make the bytes).
Diagnostics are never stored: the photo verdict finds them afresh on every build. Entries are
written atomically (temporary file, then rename), carry a checksum of their JPEG bytes, and one
that does not read back whole, or whose JPEG does not decode to its recorded size (a cheap
1/8-scale decode), is ignored and rebuilt; nothing read from the folder is ever fatal. The
folder is kept under `MAX_BYTES` by deleting the least recently used entries; an empty mark per
photo file (its bytes' digest) under `verified/` records that its coded data decoded whole, in
check's decode check or in the preparer's decode (`media_probe.scan_problem` need not decode it
again), the MAX_MARKS most recent kept.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

from typeset.image_io import load_whole
from typeset.render.pdf.images import PhotoPlan, PreparedImage
from typeset.render.pdf.inklimit import CORRECTION_PASSES, JPEG_HEADROOM, TILE
from typeset.render.pdf.profiles import OutputProfile

OFF = {"0", "off", "no", "false"}
VERIFIED = "verified"
"""Sub-folder of the store: one empty mark per photo file (digest) whose data decoded whole."""


def cache_folder(environ: dict | None = None) -> Path | None:
    """The folder prepared photos are kept in (`TYPESET_CACHE` when it names one, else
    `$XDG_CACHE_HOME/typeset/photos`, else `~/.cache/typeset/photos`), or None when
    `TYPESET_CACHE` turns it off (0, off, no, false)."""
    env = os.environ if environ is None else environ
    setting = env.get("TYPESET_CACHE", "").strip()
    if setting.lower() in OFF:
        return None
    if setting and setting != "1":
        return Path(setting).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "typeset" / "photos"

FORMAT = b"typeset-photo 1\n"
"""First line of every entry; a new layout gets a new number (old entries then miss)."""
MAX_BYTES = 512 * 1024 * 1024
"""Size the folder is pruned back to (least recently used first)."""


def _versions() -> str:
    """The Pillow and numpy releases (their JPEG coder and arithmetic make the bytes). numpy's
    is read from its `version.py` without importing numpy or importlib.metadata (≈ 25 ms a
    build, for a warm build that needs neither)."""
    import importlib.util

    import PIL

    numpy_version = "?"  # not installed: the ink limit cannot run either
    try:
        spec = importlib.util.find_spec("numpy")
        if spec is not None and spec.origin:
            numpy_version = hashlib.sha256(
                Path(spec.origin).with_name("version.py").read_bytes()).hexdigest()[:16]
    except (OSError, ImportError, ValueError):
        pass
    return f"Pillow {PIL.__version__}; numpy {numpy_version}"


class PhotoStore:
    """The prepared photos in one folder (see the module doc). Every failure to read or write
    the folder is treated as a miss: a build never fails because of its cache."""

    def __init__(self, folder: Path, max_bytes: int = MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._versions = _versions()
        self.hits = 0
        self.misses = 0
        self.written = 0

    def key(self, plan: PhotoPlan, digest: str, profile: OutputProfile | None,
            pixel_settings: dict) -> str | None:
        """The entry name for `plan` (of the file whose bytes hash to `digest`) rendered with
        `profile` and `pixel_settings` (grey, jpeg_quality, max_ink); None without a digest."""
        if not digest:
            return None
        parts = {
            "file": digest, "crop": [float(v) for v in plan.crop],
            "size": list(plan.size) if plan.size else None,
            "profile": hashlib.sha256(profile.data).hexdigest() if profile else None,
            "settings": {k: pixel_settings[k] for k in sorted(pixel_settings)},
            "versions": self._versions,
            "ink-limit": [JPEG_HEADROOM, CORRECTION_PASSES, TILE],  # how the limit is held
        }
        text = json.dumps(parts, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(FORMAT + text.encode()).hexdigest()

    def verified(self, digest: str) -> bool:
        """True when the file with these bytes was decoded whole before."""
        return bool(digest) and self._mark(digest).exists()

    def mark_verified(self, digest: str) -> None:
        """Note that the file with these bytes decoded whole (a failure is ignored)."""
        if not digest:
            return
        try:
            mark = self._mark(digest)
            mark.parent.mkdir(parents=True, exist_ok=True)
            mark.touch()
        except OSError:
            pass

    def _mark(self, digest: str) -> Path:
        return self.folder / VERIFIED / digest

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.jpgx"

    def get(self, key: str, ppi: float) -> PreparedImage | None:
        """The stored image for `key` (with the plan's `ppi`), or None when there is none or
        it does not read back whole."""
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        image = _parse(raw, ppi)
        if image is None:
            self.misses += 1
            return None
        try:
            os.utime(path)  # least recently used is pruned first
        except OSError:
            pass
        self.hits += 1
        return image

    def put(self, key: str, image: PreparedImage) -> None:
        """Store `image` under `key` atomically (a failure is ignored)."""
        path = self._path(key)
        header = json.dumps({"width": image.width, "height": image.height, "mode": image.mode,
                             "length": len(image.data),
                             "sha256": hashlib.sha256(image.data).hexdigest()},
                            sort_keys=True).encode()
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(FORMAT + header + b"\n" + image.data)
            os.replace(tmp, path)
            tmp = None
            self.written += 1
        except OSError:
            pass
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def _prune_marks(self, folder: Path) -> None:
        """Keep the MAX_MARKS most recently touched source marks."""
        marks = sorted(((p.stat().st_mtime_ns, p.name, p) for p in folder.iterdir()),
                       reverse=True)
        for _, _, path in marks[MAX_MARKS:]:
            path.unlink(missing_ok=True)

    def prune(self) -> None:
        """Delete the least recently used entries until the folder holds at most `max_bytes`
        (and left-over temporary files)."""
        entries = []
        try:
            for sub in self.folder.iterdir():
                if not sub.is_dir():
                    continue
                if sub.name == VERIFIED:
                    self._prune_marks(sub)
                    continue
                for path in sub.iterdir():
                    stat = path.stat()
                    if path.name.startswith(".tmp-"):
                        if stat.st_mtime < _now() - 3600:
                            path.unlink(missing_ok=True)
                        continue
                    entries.append((stat.st_mtime_ns, path.name, path, stat.st_size))
        except OSError:
            return
        total = sum(size for *_, size in entries)
        for _, _, path, size in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size


MAX_MARKS = 4096
"""Source marks kept (empty files, one per photo file prepared; the least recent dropped)."""


def _now() -> float:
    import time

    return time.time()


def _parse(raw: bytes, ppi: float) -> PreparedImage | None:
    """A stored entry back as a PreparedImage, or None when it is not whole and valid."""
    if not raw.startswith(FORMAT):
        return None
    end = raw.find(b"\n", len(FORMAT))
    if end < 0:
        return None
    try:
        header = json.loads(raw[len(FORMAT):end])
        data = raw[end + 1:]
        if len(data) != header["length"] or \
                hashlib.sha256(data).hexdigest() != header["sha256"] or \
                header["mode"] not in ("CMYK", "L"):
            return None
        image = PreparedImage(data, int(header["width"]), int(header["height"]),
                              header["mode"], ppi)
    except (ValueError, KeyError, TypeError):  # UnicodeDecodeError included
        return None
    return image if _decodes(image) else None


def _decodes(image: PreparedImage) -> bool:
    """True when the entry's JPEG decodes, at 1/8 scale (cheap: no full inverse DCT), to the
    size and mode it was stored with: junk with a matching checksum is caught here."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(image.data)) as im:
            if im.format != "JPEG" or im.size != (image.width, image.height) or \
                    im.mode != image.mode:
                return False
            im.draft(im.mode, (max(1, im.width // 8), max(1, im.height // 8)))
            load_whole(im)
    except Exception:  # noqa: BLE001 - anything the decoder refuses is a miss
        return False
    return True
