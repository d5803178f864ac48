"""Prepared photos kept between builds and prepared side by side.

In: the placed images of a document (`ImageItem`s with their page numbers), the output profile
and the PDF options. Out: one (`PreparedImage` | None, diagnostics) per distinct placement,
keyed as `write_pdf` paints them.

Preparing a photo (decode, crop, resample, separate to CMYK, ink limit, JPEG) is the costly part
of a build. Three places spare it:

- in this process (`--watch`, library calls), `CACHE` keeps each result while nothing it
  depends on changed: the file (path, inode, size, modification and change times), the crop,
  the placed size, the output profile's bytes and every option that reaches `prepare_image`;
- on disk (`photostore`), for the next `paiban build` process: keyed by the file's bytes and
  everything the pixels depend on, the diagnostics found afresh from the header (`plan_image`);
- the rest are prepared while the caller goes on (loads the PDF writer, subsets fonts, paints
  pages): by the build's photo worker processes when it started them (`photo_workers`: a
  `paiban build` forks one first thing, and it has separated the files while the pages were
  composed), else by worker threads (decoding, ImageCms, the JPEG coder and numpy release
  Python's lock, so threads use a second core too). The caller asks for a photo only when it
  needs its bytes, and prepares itself a photo no worker has begun.

Each result is a pure function of its inputs and is looked up by its placement, so the output
does not depend on which worker finished first, nor on whether a cache was warm.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from typeset.diagnostics import Diagnostic
from typeset.frame import ImageItem
from typeset.render.pdf import photo_workers as worker_processes
from typeset.render.pdf.images import PhotoPlan, PreparedImage, plan_image, render_image
from typeset.render.pdf.photostore import PhotoStore, cache_folder
from typeset.render.pdf.profiles import OutputProfile

Prepared = tuple[PreparedImage | None, list[Diagnostic]]

MAX_BYTES = 192 * 1024 * 1024
"""Encoded image bytes kept between builds (least recently used dropped first)."""
MAX_WORKERS = worker_processes.MAX_WORKERS
WORKERS_ENV = worker_processes.WORKERS_ENV


def photo_workers() -> int:
    """How many prepare photos at once, the building process included (`TYPESET_PHOTO_WORKERS`
    when set, else one per usable core up to MAX_WORKERS); threads when no worker processes
    run. The PDF is the same whatever the number."""
    return worker_processes.worker_count()


def placement_key(item: ImageItem) -> tuple:
    """What distinguishes two placements of a photo within one document."""
    return (item.source, tuple(item.crop), round(item.width, 3), round(item.height, 3))


class PreparedImageCache:
    """Least-recently-used store of prepared images, bounded by their encoded size."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, Prepared] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple) -> Prepared | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple, value: Prepared) -> None:
        size = len(value[0].data) if value[0] is not None else 0
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (old, _) = self._items.popitem(last=False)
                self._bytes -= len(old.data) if old is not None else 0

    def has_file(self, source: str, state: tuple | None) -> bool:
        """True when a photo prepared from `source`, as it is now (`state`), is kept."""
        with self._lock:
            return state is not None and any(key[0][0] == source and key[1] == state
                                             for key in self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


CACHE = PreparedImageCache()
"""The process-wide cache used by `write_pdf`."""


_file_state = worker_processes.file_state


def _profile_id(profile: OutputProfile | None) -> tuple:
    if profile is None:
        return ()
    return (profile.path, hashlib.sha256(profile.data).hexdigest())


PLAN_OPTIONS = ("max_ppi", "ppi_warn", "ppi_error")
"""The options `plan_image` takes; the others (grey, jpeg_quality, max_ink) are the pixels'."""
ENVIRONMENT = "environment"
"""`prepare_images(store=ENVIRONMENT)`: the on-disk store `photostore.cache_folder()` names."""
_STORES: dict[Path, PhotoStore] = {}


def environment_store() -> PhotoStore | None:
    """The on-disk store the environment names (one per folder and process), or None."""
    folder = cache_folder()
    if folder is None:
        return None
    if folder not in _STORES:
        _STORES[folder] = PhotoStore(folder)
    return _STORES[folder]


def prepared_before(source: str) -> bool:
    """True when a photo prepared from `source` (as it is now) is kept in this process or in
    the on-disk store: its placements most likely need no new work."""
    store = environment_store()
    return (CACHE is not None and CACHE.has_file(source, _file_state(source))) or \
        (store is not None and store.knows(source))


def prepare_images(placements: list[tuple[ImageItem, int]], profile: OutputProfile | None,
                   settings: dict, *, cache: PreparedImageCache | None = CACHE,
                   workers: int | None = None, store: PhotoStore | str | None = ENVIRONMENT
                   ) -> PreparedPhotos:
    """Start preparing every distinct placement (the first page it appears on names its
    diagnostics). Found in `cache` or `store` ones are ready at once; the others are rendered
    by up to `workers` (default: `photo_workers()`) threads while the caller goes
    on (when `workers` is 1, each is rendered when first looked up).

    `settings` are `prepare_image`'s keyword options (grey, jpeg_quality, max_ppi, ppi_warn,
    ppi_error, max_ink). Returns a mapping placement_key → (prepared or None, diagnostics)
    whose lookups wait for that photo; `close()` it when done."""
    if store == ENVIRONMENT:
        store = environment_store()
    if workers is None:
        workers = photo_workers()
    first: dict[tuple, tuple[ImageItem, int]] = {}
    for item, page in placements:
        first.setdefault(placement_key(item), (item, page))
    profile_id = _profile_id(profile)
    options = tuple(sorted(settings.items()))
    plan_settings = {k: v for k, v in settings.items() if k in PLAN_OPTIONS}
    pixel_settings = {k: v for k, v in settings.items() if k not in PLAN_OPTIONS}
    ready: dict[tuple, Prepared] = {}
    todo: list[tuple] = []
    stored: list[tuple] = []
    for key, (item, page) in first.items():
        state = _file_state(item.source)
        cache_key = (key, state, profile_id, options) if state is not None else None
        found = cache.get(cache_key) if cache is not None and cache_key is not None else None
        if found is not None:
            ready[key] = (found[0], _on_page(found[1], page))
            continue
        plan, diags = plan_image(item, page=page, **plan_settings)
        if plan is None:
            ready[key] = (None, diags)  # missing or unreadable: reported every time
            continue
        store_key = store.key(plan, profile, pixel_settings) if store is not None else None
        image = store.get(store_key, plan.ppi) if store_key is not None else None
        if image is not None:
            stored.append((key, cache_key, (image, diags)))
        else:
            todo.append((key, cache_key, plan, diags, page, store_key))
    todo.sort(key=lambda job: -_plan_pixels(job[2]))  # the longest work begins first
    processes = worker_processes.active()
    if processes is not None and not processes.serves(profile, pixel_settings.get("grey")):
        processes = None
    pool = ThreadPoolExecutor(max_workers=min(workers, len(todo)),
                              thread_name_prefix="typeset-photo") \
        if todo and workers > 1 and processes is None else None
    pending = {}
    for key, cache_key, plan, diags, page, store_key in todo:
        if processes is not None:
            future = processes.submit(plan, page, pixel_settings)
        else:
            future = pool.submit(_render, plan, profile, page, pixel_settings) if pool else None
        pending[key] = (cache_key, plan, diags, page, store_key, future)
    photos = PreparedPhotos(list(first), ready, pending, profile, pixel_settings, cache, pool,
                            store)
    for key, cache_key, value in stored:
        photos._keep(key, cache_key, value)
    return photos


def _plan_pixels(plan: PhotoPlan) -> int:
    """How many pixels a plan's photo has once cropped and resampled."""
    if plan.size is not None:
        return plan.size[0] * plan.size[1]
    left, top, right, bottom = plan.crop
    return int((right - left) * (bottom - top))


def _render(plan: PhotoPlan, profile: OutputProfile | None, page: int, pixel_settings: dict
            ) -> Prepared:
    return render_image(plan, profile, page=page, **pixel_settings)


class PreparedPhotos(Mapping):
    """placement_key → (PreparedImage | None, diagnostics), in document order; a lookup
    waits for its photo (and stores it in the caches)."""

    def __init__(self, order, ready, pending, profile, pixel_settings, cache, pool,
                 store=None) -> None:
        self._order = order
        self._ready: dict[tuple, Prepared] = ready
        self._pending = pending
        self._profile = profile
        self._settings = pixel_settings
        self._cache = cache
        self._pool = pool
        self._store = store
        self._written = False

    def __getitem__(self, key: tuple) -> Prepared:
        if key not in self._ready:
            cache_key, plan, diags, page, store_key, future = self._pending.pop(key)
            value = None
            if future is not None and not future.cancel():  # a job not begun is done here
                try:
                    value = future.result()
                except Exception:  # noqa: BLE001 - a worker process failed: done here
                    value = None
            if value is None:
                value = _render(plan, self._profile, page, self._settings)
            image, problems = value
            if image is not None and store_key is not None and self._store is not None:
                self._store.put(store_key, image, plan.source)
                self._written = True
            self._keep(key, cache_key, (image, diags + problems))
        return self._ready[key]

    def _keep(self, key: tuple, cache_key: tuple | None, value: Prepared) -> None:
        self._ready[key] = value
        # Kept only when the file did not change while it was read.
        if self._cache is not None and cache_key is not None and value[0] is not None and \
                _file_state(key[0]) == cache_key[1]:
            self._cache.put(cache_key, value)

    def done(self, key: tuple) -> Prepared | None:
        """The photo if it is ready without waiting (found in a cache, or known at once not
        to be printable), else None."""
        return self._ready.get(key)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def cancel(self) -> None:
        """Stop preparing (a build that will not write): photos not started are dropped,
        those being rendered finish in their thread and are discarded."""
        if self._pool is not None:
            for *_, future in self._pending.values():
                if future is not None:
                    future.cancel()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self._pending.clear()

    def close(self) -> None:
        """Wait for every photo (so all are cached), stop the workers, prune the disk store."""
        for key in list(self._pending):
            self[key]
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self._written and self._store is not None:
            self._store.prune()
            self._written = False


def _on_page(diags: list[Diagnostic], page: int) -> list[Diagnostic]:
    """Cached diagnostics re-addressed to the page the photo is first placed on now."""
    return [dataclasses.replace(d, page=page) if d.page is not None else d for d in diags]
