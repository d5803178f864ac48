"""The one photo preparer of a build session: `submit(placement) → Future` of its PDF image.

In: a placed `ImageItem`, the file's `MediaInfo`, the output profile and the photo settings
(`photo_settings(options)`). Out: a `concurrent.futures.Future` of (PreparedImage | None,
diagnostics) — the JPEG the PDF embeds, separated to CMYK (or grey) and ink-limited at the
placed size (`images.render_photo`).

How: a placement is looked up, in order, in the preparer's own table (memoised by placement
key, the file's state and digest, profile and settings: a `--watch` session or a second
document in one process never prepares a photo twice), then in the content-addressed on-disk
`photostore` (a warm build decodes nothing), and else queued for a small thread pool
(decoding, resampling, Little CMS, numpy and the JPEG coder release Python's lock, so two
threads use both cores while the building thread subsets fonts and paints). A free thread
takes the queued photo with the largest decode that fits the memory budget (DECODE_BUDGET;
a document's placements are queued as one `batch`), so the longest job starts first and the
smaller ones share the other thread instead of queueing behind it.
A photo whose data does not decode gets check's verdict (`media_probe.decode_problem`) worded
at the slot the submitter names (`where`). The result is a pure function of its inputs, so the
PDF does not depend on which thread finished first, nor on whether a cache was warm. The
session owns the preparer (`session.resource(RESOURCE, …)`) and closes it (its threads) at the
end.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from typeset.diagnostics import Diagnostic
from typeset.frame import ImageItem
from typeset.manifest.media_probe import decode_problem
from typeset.model.media import MediaInfo
from typeset.render.pdf.images import (
    PhotoPlan,
    PreparedImage,
    decode_bytes,
    plan_photo,
    render_photo,
)
from typeset.render.pdf.photo_verdict import damaged_verdict
from typeset.render.pdf.photostore import PhotoStore, cache_folder
from typeset.render.pdf.profiles import OutputProfile
from typeset.session import current

Prepared = tuple[PreparedImage | None, list[Diagnostic]]
RESOURCE = "photo-preparer"
MAX_WORKERS = 2
"""Threads preparing photos at once (this machine class has 2 cores)."""
WORKERS_ENV = "TYPESET_PHOTO_WORKERS"
"""Environment variable fixing that number (1: one thread)."""
MAX_BYTES = 192 * 1024 * 1024
"""Encoded bytes of prepared photos the preparer keeps in memory (oldest dropped first)."""
DECODE_BUDGET = 128 * 1024 * 1024
"""Bytes of decoded pixels the threads hold at once: a photo is started only when its decode
fits beside those running, one larger than the budget only when nothing else decodes. A
34-megapixel PNG (137 MB decoded) thus runs alone, first; a 31-megapixel TIFF with small
JPEGs beside it (2 pages with press photos: 257–262 MB peak; 294–299 MB with 144 MB, which
lets a JPEG run beside the PNG, for no wall time gained)."""

SMALL_DECODE = 16 * 1024 * 1024
"""A decode this small (a press JPEG at 1/4 DCT scale holds 6 MB) starts on a free thread
whatever else decodes: beside the PNG that runs alone, the JPEGs no longer wait for it (2
pages with press photos: the PNG's 0.95 s is no longer followed by the other photos)."""

MAPPED_FROM = 4 * 1024 * 1024
"""Allocations of this size or more get pages of their own (glibc's mmap threshold)."""
M_MMAP_THRESHOLD = -3
"""mallopt's parameter number for it (glibc's malloc.h)."""


def give_back_large_blocks() -> None:
    """Make glibc map every allocation of MAPPED_FROM bytes or more (a decoded photo's
    16 MB Pillow blocks) and unmap it when freed. By default glibc raises its mmap threshold
    after the first such block is freed, so the next photos' blocks come from the heap, which
    freeing cannot shrink: the process then held a 34-megapixel PNG's 137 MB after it was
    done (2 pages with press photos: 350 → 274 MB peak, CPU within the noise). Nothing
    where the C library is not glibc."""
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, MAPPED_FROM)
    except (OSError, AttributeError):
        pass


def worker_count() -> int:
    """`TYPESET_PHOTO_WORKERS` when set, else one thread per usable core up to MAX_WORKERS."""
    setting = os.environ.get(WORKERS_ENV, "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def placement_key(item: ImageItem) -> tuple:
    """What distinguishes two placements of a photo within one document."""
    return (item.source, tuple(item.crop), round(item.width, 3), round(item.height, 3))


def photo_settings(options) -> dict:
    """The settings a prepared photo depends on, from (merged) `PdfOptions`."""
    return {"grey": options.grey_images, "jpeg_quality": options.jpeg_quality,
            "max_ppi": options.image_max_ppi,
            "max_ink": 0 if options.grey_images else options.max_ink}


def _profile_id(profile: OutputProfile | None) -> str:
    return hashlib.sha256(profile.data).hexdigest() if profile is not None else ""


class PhotoPreparer:
    """Prepares placed photos once each (see the module doc); thread-safe."""

    def __init__(self, workers: int | None = None) -> None:
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.RLock()
        self._done: OrderedDict[tuple, Future] = OrderedDict()
        self._bytes = 0
        self._stores: dict[Path, PhotoStore] = {}
        self._budget = threading.Condition()
        self._decoding = 0
        self._queue: list[_Job] = []
        self._held = 0
        self.prepared = 0
        """Photos rendered (not found in memory or in the store) — for tests and benchmarks."""

    def store(self) -> PhotoStore | None:
        """The on-disk store the environment names now (`TYPESET_CACHE`), or None."""
        folder = cache_folder()
        if folder is None:
            return None
        with self._lock:
            if folder not in self._stores:
                self._stores[folder] = PhotoStore(folder)
            return self._stores[folder]

    def submit(self, item: ImageItem, media: MediaInfo, profile: OutputProfile | None,
               settings: dict, page: int | None = None, where: dict | None = None) -> Future:
        """The Future of the placement's prepared image (started now, or the one started
        before for the same placement, file, profile and settings). `where`: page, slot,
        source and name (the file as the manifest writes it) to word a damaged file's error
        at (`photo_verdict.damaged_verdict`); {} when another placement reports it; None:
        the decoder's own words, at `page`."""
        key = (placement_key(item), media.key, media.digest, _profile_id(profile),
               tuple(sorted(settings.items())))
        with self._lock:
            found = self._done.get(key)
            if found is not None and not found.cancelled():
                self._done.move_to_end(key)
                return found
            future = self._start(item, media, profile, settings, page, where)
            self._done[key] = future
        future.add_done_callback(lambda f, key=key: self._account(key, f))
        return future

    def _start(self, item, media, profile, settings, page, where) -> Future:
        store = self.store()
        plan = plan_photo(item, media, settings.get("max_ppi", 0))
        pixel = {k: v for k, v in settings.items() if k != "max_ppi"}
        if plan is None or not media.printable:
            future: Future = Future()
            future.set_result((None, []))  # reported by the photo verdict
            return future
        store_key = store.key(plan, media.digest, profile, pixel) if store else None
        image = store.get(store_key, plan.ppi) if store_key else None
        if image is not None:
            future = Future()
            future.set_result((image, []))
            return future
        if self._pool is None:
            give_back_large_blocks()
            self._pool = ThreadPoolExecutor(max_workers=self._workers or worker_count(),
                                            thread_name_prefix="typeset-photo")
        # Run in the submitter's session (its ICC transforms), one context copy per job.
        job = _Job(Future(), contextvars.copy_context(), plan, media, profile, pixel, page,
                   where, store, store_key, decode_bytes(plan, media))
        with self._budget:
            self._queue.append(job)
        self._pool.submit(self._run_one)  # one pool task per queued job
        return job.future

    @contextlib.contextmanager
    def batch(self):
        """Submit a document's placements inside this: no thread takes a photo before all are
        queued, so the largest decode really starts first."""
        with self._budget:
            self._held += 1
        try:
            yield self
        finally:
            with self._budget:
                self._held -= 1
                self._budget.notify_all()

    def _take(self) -> _Job | None:
        """The queued job a free thread runs: the largest decode that fits the budget (the
        first submitted among equals); waits while none fits or a batch is being submitted.
        None when the queue is empty."""
        with self._budget:
            while self._held and self._queue:
                self._budget.wait()
            while self._queue:
                fits = [job for job in self._queue if not self._decoding
                        or self._decoding + job.need <= DECODE_BUDGET
                        or job.need <= SMALL_DECODE]
                if fits:
                    job = max(fits, key=lambda j: j.need)
                    self._queue.remove(job)
                    self._decoding += job.need
                    return job
                self._budget.wait()
            return None

    def _run_one(self) -> None:
        job = self._take()
        if job is None or not job.future.set_running_or_notify_cancel():
            self._release(job)
            return
        try:
            job.future.set_result(job.context.run(self._render, job))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the photo
            job.future.set_exception(exc)
        finally:
            self._release(job)

    def _release(self, job: _Job | None) -> None:
        if job is not None:
            with self._budget:
                self._decoding -= job.need
                self._budget.notify_all()

    def _render(self, job: _Job) -> Prepared:
        image, diags = render_photo(job.plan, job.media, job.profile, page=job.page,
                                    **job.pixel)
        self.prepared += 1
        if image is None and job.where is not None:
            # The data did not decode: check's own test words it, at the file's first slot.
            problem = decode_problem(job.media)
            if problem:
                diags = [damaged_verdict(problem, **job.where)] if job.where else []
        if image is not None and job.store is not None:
            job.store.put(job.store_key, image)
            job.store.mark_verified(job.media.digest)
        return image, diags

    def _account(self, key: tuple, future: Future) -> None:
        """Count a finished photo's bytes; drop the oldest when over MAX_BYTES."""
        if future.cancelled() or future.exception() is not None:
            return
        image = future.result()[0]
        with self._lock:
            self._bytes += len(image.data) if image is not None else 0
            while self._bytes > MAX_BYTES and len(self._done) > 1:
                _, old = self._done.popitem(last=False)
                if old.done() and not old.cancelled() and old.exception() is None:
                    dropped = old.result()[0]
                    self._bytes -= len(dropped.data) if dropped is not None else 0

    def prune_store(self) -> None:
        """Keep the on-disk store within its size (after a build that wrote to it)."""
        store = self.store()
        if store is not None and store.written > getattr(store, "pruned_at", 0):
            store.prune()
            store.pruned_at = store.written

    def close(self) -> None:
        """Stop the threads (photos being prepared finish first; queued ones are cancelled)."""
        pool, self._pool = self._pool, None
        with self._budget:
            queued, self._queue = self._queue, []
            self._budget.notify_all()
        for job in queued:
            job.future.cancel()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class _Job(NamedTuple):
    """One queued preparation: its Future, the submitter's context and what to render."""

    future: Future
    context: contextvars.Context
    plan: PhotoPlan
    media: MediaInfo
    profile: OutputProfile | None
    pixel: dict
    page: int | None
    where: dict | None
    store: PhotoStore | None
    store_key: str | None
    need: int
    """Bytes of pixels its decode holds (`images.decode_bytes`)."""


def preparer() -> PhotoPreparer:
    """The current session's photo preparer."""
    return current().resource(RESOURCE, PhotoPreparer)
