"""Writing a file atomically: a temporary beside it that replaces it only when complete.

In: the path of a file to (re)write. Out: `replacing(path)`, a context manager giving the
temporary to write; it replaces `path` atomically on success with the mode the file had (or
0666 less the umask for a new one: 0644 under 022), and is removed on failure, on SIGTERM,
SIGHUP and Ctrl-C (`handle_signals`). Stale temporaries of our own naming
(`.typeset-<pid>-….pdf`) left by a killed build are removed by the next write in that folder.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

TEMP_PREFIX = ".typeset-"
"""Our temporary files are `.typeset-<pid>-<random><suffix>` beside the output."""
STALE_AGE = 3600.0
"""A temporary of ours whose process is gone is removed at once; one whose process id is
alive (perhaps reused) only when it is older than this (seconds)."""

_LIVE_TEMPS: set[str] = set()
"""Temporary files being written now, as absolute paths (removed by the signal handler)."""


def umask() -> int:
    """The process's umask (read without changing it for good)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_mode(out: Path) -> int:
    """The permission bits a file written at `out` gets: those of the file it replaces, else
    0666 less the umask (0644 under the usual 022)."""
    try:
        return stat.S_IMODE(os.stat(out).st_mode)
    except OSError:
        return 0o666 & ~umask()


def _pid_of(name: str) -> int | None:
    """The process id in one of our temporary names, or None."""
    head = name[len(TEMP_PREFIX):].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temps(folder: Path, suffix: str, started: float) -> list[Path]:
    """Remove our temporaries in `folder` left by builds that were killed (SIGKILL, a crash):
    made before `started` by a process that is gone (or without a process id, or older than
    STALE_AGE). Returns what was removed; a temporary of a build running now stays."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(suffix)):
            continue
        if os.path.abspath(entry.path) in _LIVE_TEMPS:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_mtime >= started:
            continue
        pid = _pid_of(entry.name)
        if pid is not None and pid != os.getpid() and _alive(pid) \
                and started - info.st_mtime < STALE_AGE:
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary file beside `out` to write; on leaving without an exception it replaces
    `out` atomically (with `new_mode(out)`), else it is removed and `out` stays as it was;
    raising `KeepOld` inside drops the new file without an error."""
    out = Path(out)
    started = time.time()
    clean_stale_temps(out.parent, out.suffix, started)
    # A signal between creating the temporary and registering it would leave it behind:
    # SIGTERM, SIGHUP and SIGINT wait (blocked) until it is known, then arrive inside `try`.
    held = _block(CLEANED_SIGNALS)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=out.suffix,
                                   dir=out.parent)
        tmp = os.path.abspath(tmp)
        _LIVE_TEMPS.add(tmp)
    finally:
        _unblock(held)
    try:
        os.fchmod(fd, new_mode(out))
        os.close(fd)
        yield Path(tmp)
        os.replace(tmp, out)
    except KeepOld:
        pass
    finally:
        _LIVE_TEMPS.discard(tmp)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


CLEANED_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""The signals after which our temporaries are removed (see `handle_signals`)."""


def _block(signals) -> set | None:
    """Block `signals` for this thread; the previous mask (None where it cannot be done)."""
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    except (AttributeError, OSError, ValueError):
        return None


def _unblock(previous: set | None) -> None:
    """Restore the mask `_block` returned (pending signals are delivered now)."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class KeepOld(Exception):
    """Raised inside `replacing()` to drop the new file and keep the old one."""


def _on_signal(number: int, _frame) -> None:
    """SIGTERM/SIGHUP: remove the temporaries being written and leave with 128 + n."""
    for tmp in list(_LIVE_TEMPS):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    raise SystemExit(128 + number)


def handle_signals() -> None:
    """Make SIGTERM and SIGHUP end the command like Ctrl-C does: temporaries removed, the
    previous output untouched, exit code 128 + the signal's number (SIGINT: 130, by the
    KeyboardInterrupt handler of the command group). Main thread only."""
    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, _on_signal)
    except (ValueError, OSError):  # not the main thread (an embedding program): its choice
        return
