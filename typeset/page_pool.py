"""Both cores for composition: groups of pages fitted and composed in forked processes.

In: a made-up `Edition`, its `FontBook` and image sizes. Out: the parts that
`typeset.fit.pass_.fit_edition` and `typeset.compose.edition.compose_edition` put together
(`parts=`), the same whichever process made them, so the document, the diagnostics and the
PDF are byte-identical to a serial build.

Pages that no jump connects (`typeset.compose.edition.jump_groups`) are independent: the
groups are dealt in page order into shares of about equal text, one per process. The
building process takes the first share itself; each other share is fitted and composed by a
child forked from it (the edition, fonts and caches are inherited, nothing is sent), which
pickles its parts back through a pipe and ends (`own_data` reads them back, constructing
only `typeset`'s own classes). A child that fails leaves its share to the parent.

`workers` decides how many processes, in one place: `TYPESET_WORKERS` (1 = serial), else
the usable cores, never more than the shares worth it (`PAGES_PER_WORKER`); 1 when the load
average says no core is idle (on a machine loaded by other work, two processes took 5–10 %
more CPU and no less time), when a thread is running (forking then is unsafe) or when the
session keeps its caches (`keep_caches`: a `--watch` session re-proofs from them). The
pipeline asks before any thread starts: in a build that forks, the photo files' decode
checks (`typeset.photos.edition_media`, two threads) start once the children are forked
(`fit_and_compose(forked=…)`), and the photo preparer's after composition.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from dataclasses import replace

from typeset.compose.edition import EditionPart, compose_part, jump_groups
from typeset.fit.pass_ import fit_part
from typeset.fonts import FontBook
from typeset.model.edition import Edition
from typeset.session import current

WORKERS_ENV = "TYPESET_WORKERS"
KEEP_CACHES = "page_pool.keep-caches"
"""The session's resource saying that its caches must hold every page (`keep_caches`)."""
PAGES_PER_WORKER = 4
"""The fewest pages a share must have for a process of its own to pay (fork, and pickling
the composed pages back, cost about as much as composing 1–2 pages)."""
PAGE_WEIGHT = 600
"""A page's own work (furniture, headlines, painting) in body characters, for dealing."""
FIRST_SHARE_EXTRA = 0.15
"""How much more than a child's share the building process takes (a child also pickles
its pages, ≈ 0.1 s for 12 broadsheet pages, while the parent waits)."""


def workers(edition: Edition) -> int:
    """How many processes fit and compose `edition` (1: all in this one)."""
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        count = int(wanted)
    else:
        try:
            count = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            count = os.cpu_count() or 1
        count = min(count, len(edition.pages) // PAGES_PER_WORKER)
        if count > 1 and _load() >= count:
            return 1  # no idle core: the other processes would only queue behind other work
    if count < 2 or not hasattr(os, "fork") or threading.active_count() > 1 or \
            current().resource(KEEP_CACHES, lambda: [False])[0]:
        return 1
    return min(count, len(jump_groups(edition)))


def _load() -> float:
    """The 1-minute load average (0 where the system has none)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def keep_caches() -> None:
    """Compose in this process from now on, for the rest of the session: a `--watch`
    session re-proofs from its caches, which a child's work would not fill."""
    current().resource(KEEP_CACHES, lambda: [False])[0] = True


def shares(edition: Edition, count: int) -> list[set]:
    """The edition's jump groups dealt, in page order, into at most `count` shares of about
    equal weight (body characters of the stories starting on a page, plus `PAGE_WEIGHT`),
    the first (the building process's) `FIRST_SHARE_EXTRA` larger."""
    groups = jump_groups(edition)
    weight = {}
    for page in edition.pages:
        chars = 0
        for slot in page.slots:
            story = edition.stories.get(slot.story or "") if slot.kind == "story" else None
            if story is not None:
                chars += sum(len(p.text) for p in story.paragraphs)
        weight[page.number] = PAGE_WEIGHT + chars
    total = sum(weight.values())
    ends = [total * (k + FIRST_SHARE_EXTRA) / (count + FIRST_SHARE_EXTRA)
            for k in range(1, count)]
    out: list[set] = [set()]
    done = 0.0
    for group in groups:
        heavy = sum(weight[n] for n in group)
        if out[-1] and len(out) < count and done + heavy / 2 > ends[len(out) - 1]:
            out.append(set())  # the group's middle is past this share's end
        out[-1].update(group)
        done += heavy
    return out


def work(edition: Edition, fonts: FontBook, media: dict, numbers: set | None
         ) -> tuple[dict, EditionPart]:
    """Fit the pages `numbers` (closed under jumps; all when None), then compose them: the
    fit part and the compose part."""
    fitted = fit_part(edition, fonts, media, numbers)
    pages = list(edition.pages)
    for index, (page, _items, _diags) in fitted.items():
        pages[index] = page
    return fitted, compose_part(replace(edition, pages=tuple(pages)), fonts, media, numbers)


def fit_and_compose(edition: Edition, fonts: FontBook, media: dict, count: int = 1,
                    progress=None, forked=None) -> tuple[list[dict], list[EditionPart]]:
    """Every page fitted and composed, in `count` processes (`workers`, asked before any
    thread started; fewer when a thread runs now): (fit parts, compose parts), for
    `fit_edition(parts=…)` and `compose_edition(parts=…)`. `progress` hears of a child
    that failed (its pages are then composed here). `forked()` is called once the children
    are forked, before this process composes its share: it may start threads."""
    if threading.active_count() > 1:
        count = 1
    if count < 2:
        if forked is not None:
            forked()
        fitted, part = work(edition, fonts, media, None)
        return [fitted], [part]
    first, *rest = shares(edition, count)
    _warm_up()
    gc.freeze()  # the children's collector then never walks (and so copies) inherited objects
    try:
        children = [_Child(lambda numbers=numbers: work(edition, fonts, media, numbers))
                    for numbers in rest]
    finally:
        gc.unfreeze()
    if forked is not None:
        forked()
    made = [work(edition, fonts, media, first)]
    for child, numbers in zip(children, rest):
        found = child.result()
        if found is None:
            if progress is not None:
                progress(f"the process composing pages {_listed(numbers, edition)} failed: "
                         "composing them here")
            found = work(edition, fonts, media, numbers)
        made.append(found)
    return [fit for fit, _ in made], [part for _, part in made]


def _listed(numbers: set, edition: Edition) -> str:
    return ", ".join(str(page.number) for page in edition.pages if page.number in numbers)


def _warm_up() -> None:
    """What every process would otherwise do once for itself, done before forking: rjieba's
    dictionary (≈ 0.1 s; `typeset.text.phrases`)."""
    try:
        import rjieba  # noqa: F401 — imported for the children to inherit
    except ImportError:
        pass


class _Child:
    """One forked process computing `job()`; `result()` is its value (None if it failed)."""

    def __init__(self, job) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, end without the parent's exit handlers
            import pickle

            os.close(read)
            status = 1
            try:
                data = pickle.dumps(job(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                status = 0
            except BaseException:  # noqa: BLE001, S110 — the parent composes the share again
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self._pid = pid
        self._read = read

    def result(self):
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return None
        import pickle

        collecting = gc.isenabled()
        gc.disable()  # a million new objects, none garbage: the collector would run ≈ 7 ×
        try:
            return own_data(data)
        except (pickle.UnpicklingError, AttributeError, ImportError, EOFError):
            return None
        finally:
            if collecting:
                gc.enable()


def own_data(data: bytes):
    """What a child of this build pickled, read with an unpickler that constructs only the
    classes and functions of the `typeset` package (its models, frames, diagnostics) and
    nothing from any other module (`pickle.UnpicklingError`): the pipe is private, and
    still nothing else can be made from it. pickle is imported here, by builds that fork."""
    import io
    import pickle

    class OwnData(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            found = super().find_class(module, name) \
                if module.split(".")[0] == "typeset" else None
            if found is None or not getattr(found, "__module__", "").startswith("typeset"):
                raise pickle.UnpicklingError(f"{module}.{name} is not typeset's own")
            return found

    return OwnData(io.BytesIO(data)).load()
