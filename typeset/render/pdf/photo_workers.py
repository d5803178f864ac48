"""Photo worker processes: forked when a build starts, they decode and separate the photo files
while the pages are composed, then prepare the placements the pages ask for.

In: the photo files a build places (in page order), the output profile, grey or colour, and
how many workers. Out: `PhotoWorkers.submit(plan, page, pixel_settings)` → a Future of
(PreparedImage, []), the same bytes `images.render_image` gives in-process; a photo with
anything to report (an unreadable file …) fails its Future and is prepared again by the
building process, which reports it.

Why processes: Python runs one thread's Python code at a time. A first build's photos need
numpy (its import alone is ≈ 50 ms), the separation and the ink limit, while the build itself
imports its libraries, composes, subsets fonts and paints, all Python: in threads they take
turns, in a second process they run side by side on the second core. Why this early:
composition does not need the photos, so a worker imports numpy and decodes and separates each
of its files whole meanwhile. Separation works pixel by pixel, so cropping afterwards gives
the same pixels: the PDF is byte for byte the one an in-process build writes.

A placement goes to the worker holding its file (files are shared out largest first, within
BUDGET), and the building process waits for it there: nobody does it quicker. Any other
placement goes to the least busy worker; a worker is sent one job at a time, so the building
process can take such a job back while it is not yet sent (`Future.cancel()` succeeds) and
prepare it itself when it has nothing else to do. A worker that dies or cannot do a job fails
that job's Future; the building process then prepares the photo itself.

Workers are forked with `os.fork` from a single-threaded process only; elsewhere `begin`
returns None and the photos are prepared by threads (`imagecache`). The `paiban build`
command forks them first thing (`fork_early`), before it imports its own libraries, so that a
worker's imports (numpy, Pillow's colour management) run on the other core while the
building process imports and loads; the files follow once the edition is loaded (`begin`).
This module imports nothing heavy itself for that reason: a worker imports what it needs.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import select
import signal
import struct
import threading
import warnings
from collections import deque
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typeset.render.pdf.images import PhotoPlan
    from typeset.render.pdf.profiles import OutputProfile

MAX_WORKERS = 2
"""Processes (or threads) preparing photos at once, the building process included."""
WORKERS_ENV = "TYPESET_PHOTO_WORKERS"
"""Environment variable fixing that number (1: every photo prepared in the building process,
when the page painting first needs it)."""
BUDGET = 160 * 1024 * 1024
"""Bytes of separated pixels a worker holds at most (CMYK: 4 a pixel, ≈ 40 megapixels)."""
_HEADER = struct.Struct("<Q")


def worker_count() -> int:
    """How many prepare photos at once, the building process included:
    `TYPESET_PHOTO_WORKERS` when set, else one per usable core up to MAX_WORKERS."""
    setting = os.environ.get(WORKERS_ENV, "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def file_state(path: str) -> tuple[int, ...] | None:
    """What tells a changed file from the one read before (as make and --watch do)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _profile_digest(profile: OutputProfile | None) -> str:
    return hashlib.sha256(profile.data).hexdigest() if profile is not None else ""


def _send(fd: int, message) -> None:
    """Write `message` (plain values only: tuples, lists, dicts, str, bytes, numbers, None)."""
    data = marshal.dumps(message)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int):
    """The next message on `fd`; EOFError when the other side has closed it.

    `marshal`, not pickle: the messages are plain values between this process and its own
    forked worker over a private pipe, and marshal builds no objects of any class."""
    def read(count: int) -> bytes:
        parts, got = [], 0
        while got < count:
            chunk = os.read(fd, min(count - got, 1 << 20))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    (length,) = _HEADER.unpack(read(_HEADER.size))
    return marshal.loads(read(length))


def _profile_message(profile: OutputProfile | None):
    """An output profile as plain values (or None)."""
    if profile is None:
        return None
    return (profile.path, profile.data, profile.device_class, profile.colour_space,
            tuple(profile.version), profile.description)


def _plan_message(plan: PhotoPlan) -> tuple:
    return (plan.source, tuple(plan.crop), tuple(plan.size) if plan.size else None, plan.ppi)


def pixel_bytes(source: str, grey: bool) -> int | None:
    """Bytes the separated image of `source` takes, from its header; None when the file
    cannot be read or is too large (the normal path reports it)."""
    from PIL import Image

    from typeset.render.pdf.images import MAX_PIXELS

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(source) as im:
                pixels = im.width * im.height
    except Exception:  # noqa: BLE001 - any unreadable file is reported by the normal path
        return None
    return None if pixels > MAX_PIXELS else pixels * (1 if grey else 4)


# --- the worker process -----------------------------------------------------------------------

def _serve(jobs: int, results: int) -> None:
    """A worker's life: import what preparing photos needs, wait for its files (the first
    message), separate them whole, and answer jobs until the building process closes the
    pipe; a job that arrives is answered before the next file is separated. Never returns
    (the process ends with os._exit)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no idle BLAS threads spinning
        import numpy  # noqa: F401 - the ink limit's

        from typeset.render.pdf.images import PhotoPlan, decode_upright, render_image, separate
        from typeset.render.pdf.profiles import OutputProfile

        files, profile_values, grey = _receive(jobs)
        profile = OutputProfile(*profile_values) if profile_values is not None else None
        digest = _profile_digest(profile)
        separated: dict[tuple, tuple] = {}
        waiting = list(files)
        while True:
            while waiting and not select.select([jobs], [], [], 0)[0]:
                source = waiting.pop(0)
                state = file_state(source)
                im, source_icc, _ = decode_upright(source)
                if im is not None and state is not None:
                    separated[(source, state)] = separate(im, source_icc, profile, grey)
            job_id, plan_values, profile_digest, page, settings = _receive(jobs)
            plan = PhotoPlan(*plan_values)
            usable = plan.size is None and settings.get("grey", False) == grey
            whole = separated.get((plan.source, file_state(plan.source))) if usable else None
            result = None  # the building process prepares it again, with any diagnostics
            try:
                if profile_digest == digest:
                    image, diags = render_image(plan, profile, page=page, separated=whole,
                                                **settings)
                    if image is not None and not diags:
                        result = (image.data, image.width, image.height, image.mode,
                                  image.ppi)
            except Exception:  # noqa: BLE001
                result = None
            _send(results, (job_id, result))
    except BaseException:  # noqa: BLE001 - EOF (done), a broken pipe, an interrupt: leave
        pass
    finally:
        os._exit(0)


# --- the building process ---------------------------------------------------------------------

class _Worker:
    """One worker process as the building process sees it: its pipes, its files, its queue
    of jobs, and the courier thread that sends them one at a time and reads the answers."""

    def __init__(self, pid: int, jobs: int, results: int) -> None:
        self.pid = pid
        self.jobs = jobs
        self.results = results
        self.files: set[str] = set()
        self.queue: deque[tuple[Future, tuple]] = deque()
        self.ready = threading.Condition()
        self.closed = False
        self.courier = threading.Thread(target=self._carry, name=f"typeset-photo-{pid}",
                                        daemon=True)  # started once every worker is forked

    def assign(self, files: list[str], profile: OutputProfile | None, grey: bool) -> None:
        """Give the worker its files (its first message) and start its courier."""
        self.files = set(files)
        _send(self.jobs, (list(files), _profile_message(profile), grey))
        self.courier.start()

    def put(self, future: Future, job: tuple) -> None:
        with self.ready:
            self.queue.append((future, job))
            self.ready.notify()

    def _carry(self) -> None:
        from typeset.render.pdf.images import PreparedImage

        broken = False
        while True:
            with self.ready:
                while not self.queue and not self.closed:
                    self.ready.wait()
                if not self.queue:
                    return
                future, job = self.queue.popleft()
            if not future.running() and not future.set_running_or_notify_cancel():
                continue  # taken back by the building process
            if broken:
                future.set_exception(RuntimeError("photo worker stopped"))
                continue
            try:
                _send(self.jobs, job)
                job_id, result = _receive(self.results)
                if job_id != job[0] or result is None:
                    raise RuntimeError("photo worker could not prepare the photo")
                future.set_result((PreparedImage(*result), []))
            except Exception as exc:  # noqa: BLE001 - EOF, a broken pipe: the worker is gone
                broken = True
                future.set_exception(exc)

    def close(self) -> None:
        """Stop the worker: jobs not sent are cancelled, the process is killed and reaped."""
        with self.ready:
            self.closed = True
            for future, _ in self.queue:
                future.cancel()
            self.ready.notify()
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (OSError, ChildProcessError):
            pass
        if self.courier.is_alive():
            self.courier.join(timeout=1.0)
        for fd in (self.jobs, self.results):
            try:
                os.close(fd)
            except OSError:
                pass


class PhotoWorkers:
    """Worker processes for one build's photos (see the module doc)."""

    def __init__(self, workers: list[_Worker], profile: OutputProfile | None,
                 grey: bool) -> None:
        self._workers = workers
        self._digest = _profile_digest(profile)
        self._grey = grey
        self._next_id = 0

    def serves(self, profile: OutputProfile | None, grey: bool) -> bool:
        """True when these workers separate with `profile` and for `grey` as asked."""
        return _profile_digest(profile) == self._digest and grey == self._grey

    def submit(self, plan: PhotoPlan, page: int, pixel_settings: dict) -> Future:
        """Queue one placement with the worker holding its file (else the least busy). The
        Future of a placement whose file a worker holds separated is marked running at once:
        the worker does it quicker than anyone, so the building process waits for it instead
        of taking it back."""
        owners = [w for w in self._workers if plan.source in w.files]
        worker = owners[0] if owners else min(self._workers, key=lambda w: len(w.queue))
        self._next_id += 1
        future: Future = Future()
        if owners:
            future.set_running_or_notify_cancel()
        worker.put(future, (self._next_id, _plan_message(plan), self._digest, page,
                            dict(pixel_settings)))
        return future

    def close(self) -> None:
        """Stop every worker (jobs not sent are cancelled; a job being done is lost)."""
        for worker in self._workers:
            worker.close()


def fork(count: int) -> list[_Worker]:
    """Fork `count` workers that import what they need and wait for their files; none when
    there is no fork or other threads run (forking would copy their locks in any state)."""
    if count < 1 or not hasattr(os, "fork") or threading.active_count() > 1:
        return []
    workers: list[_Worker] = []
    for _ in range(count):
        jobs_read, jobs_write = os.pipe()
        results_read, results_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns to the caller's code
            try:
                os.close(jobs_write)
                os.close(results_read)
                for worker in workers:  # the pipes of the workers forked before this one
                    os.close(worker.jobs)
                    os.close(worker.results)
                _serve(jobs_read, results_write)
            finally:
                os._exit(0)
        os.close(jobs_read)
        os.close(results_write)
        workers.append(_Worker(pid, jobs_write, results_read))
    return workers


def share_out(files: list[str], grey: bool, count: int) -> list[list[str]]:
    """`files` shared out among `count` workers: largest first, to the least loaded, within
    BUDGET bytes of separated pixels each (the others are prepared without a head start)."""
    sizes = [(size, source) for source in dict.fromkeys(files)
             if (size := pixel_bytes(source, grey)) is not None]
    shares: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for size, source in sorted(sizes, key=lambda pair: -pair[0]):
        least = min(range(count), key=lambda n: loads[n])
        if loads[least] + size <= BUDGET:
            shares[least].append(source)
            loads[least] += size
    return shares


_EARLY: list[_Worker] = []
_ACTIVE: PhotoWorkers | None = None


def fork_early(count: int) -> int:
    """Fork `count` workers now, for the build this process is about to run (`begin` gives
    them their files); the number forked."""
    global _EARLY
    if not _EARLY:
        _EARLY = fork(count)
    return len(_EARLY)


def active() -> PhotoWorkers | None:
    """The workers of the build going on in this process, if it started any."""
    return _ACTIVE


def begin(files: list[str], profile: OutputProfile | None, grey: bool,
          count: int) -> PhotoWorkers | None:
    """Give `files` to the workers forked early, or fork `count` now, and make them the ones
    `active` names until `end`; None (and no worker left running) when there is nothing to
    separate or no profile to separate with."""
    global _ACTIVE, _EARLY
    end_active()
    workers, _EARLY = _EARLY, []
    shares = share_out(files, grey, len(workers) or count) \
        if files and (profile is not None or grey) and (workers or count > 0) else []
    if not any(shares):
        for worker in workers:
            worker.close()
        return None
    if not workers:
        workers = fork(count)
        if not workers:
            return None
    for worker, share in zip(workers, shares):
        worker.assign(share, profile, grey)
    _ACTIVE = PhotoWorkers(workers, profile, grey)
    return _ACTIVE


def end_active() -> None:
    global _ACTIVE
    workers, _ACTIVE = _ACTIVE, None
    if workers is not None:
        workers.close()


def end() -> None:
    """Stop every worker of this process's build (the end of a build)."""
    global _EARLY
    end_active()
    early, _EARLY = _EARLY, []
    for worker in early:
        worker.close()
