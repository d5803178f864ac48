"""One build session: every cache a build keeps, and the one key that says a file changed.

A one-shot `paiban build` makes one `Session` and drops it at the end; `--watch` holds one
across rebuilds, so unchanged stories, layouts, fonts and photos are reused; tests make a fresh
one instead of resetting module globals. Nothing else in the package keeps state at module
level (issue 14.1).

- `file_key(path)`: the only "has this file changed" key (device, inode, size, mtime, ctime).
- `Session.memo(name)`: a named, bounded table owned by the session.
- `@memoised(name)`: a pure function of hashable (frozen) arguments, memoised in the current
  session's table `name` — one way to memoise, like typst's comemo.
- `use_session(session)`: make `session` the current one for a block (a context variable, so
  a thread pool started inside the block sees it when started with `copy_context`).
"""

from __future__ import annotations

import contextvars
import functools
import os
from contextlib import contextmanager
from typing import TypeVar
from collections.abc import Callable, Hashable, Iterator

T = TypeVar("T")

FileKey = tuple[int, int, int, int, int]
"""(st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns): changes when a file is edited,
replaced (renamed over) or touched."""

DEFAULT_LIMIT = 4096
"""Entries a memo table keeps before it starts again (bounds a long --watch session)."""


def file_key(path: str | os.PathLike) -> FileKey | None:
    """The state of `path` as one comparable value, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class Memo:
    """A bounded table of results (key → value). When full it is emptied and refilled: simple,
    and a session's working set (one edition) fits well within the limit."""

    __slots__ = ("name", "limit", "_table", "hits", "misses")

    def __init__(self, name: str, limit: int = DEFAULT_LIMIT):
        self.name = name
        self.limit = limit
        self._table: dict[Hashable, object] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, default=None):
        """The stored value for `key`, or `default`."""
        return self._table.get(key, default)

    def put(self, key: Hashable, value: T) -> T:
        """Store `value` under `key` and return it."""
        if len(self._table) >= self.limit:
            self._table.clear()
        self._table[key] = value
        return value

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value for `key`, computed by `make()` the first time."""
        try:
            value = self._table[key]
        except KeyError:
            self.misses += 1
            return self.put(key, make())
        self.hits += 1
        return value  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._table)

    def clear(self) -> None:
        """Forget every entry."""
        self._table.clear()


class Session:
    """Owns every cache of one build (or of a whole --watch run): memo tables by name, and any
    long-lived helper a stage registers with `resource(name, make)`."""

    def __init__(self) -> None:
        self._memos: dict[str, Memo] = {}
        self._resources: dict[str, object] = {}

    def memo(self, name: str, limit: int = DEFAULT_LIMIT) -> Memo:
        """The session's table `name` (made on first use)."""
        table = self._memos.get(name)
        if table is None:
            table = self._memos[name] = Memo(name, limit)
        return table

    def resource(self, name: str, make: Callable[[], T]) -> T:
        """A long-lived object of the session (a photo preparer, a font book …), made once."""
        if name not in self._resources:
            self._resources[name] = make()
        return self._resources[name]  # type: ignore[return-value]

    def close(self) -> None:
        """Release resources that hold threads, processes or files (those with `close()`)."""
        for value in self._resources.values():
            closer = getattr(value, "close", None)
            if callable(closer):
                closer()
        self._resources.clear()

    def stats(self) -> dict[str, tuple[int, int, int]]:
        """{table: (entries, hits, misses)} for benchmarks and tests."""
        return {name: (len(m), m.hits, m.misses) for name, m in sorted(self._memos.items())}


_CURRENT: contextvars.ContextVar[Session | None] = contextvars.ContextVar(
    "typeset_session", default=None)
_FALLBACK: list[Session] = []
"""The session used by library calls made outside any `use_session` block (one per process,
made on first use): code that never opens a session still memoises one way."""


def current() -> Session:
    """The session of the running build (see `use_session`)."""
    session = _CURRENT.get()
    if session is not None:
        return session
    if not _FALLBACK:
        _FALLBACK.append(Session())
    return _FALLBACK[0]


@contextmanager
def use_session(session: Session | None = None) -> Iterator[Session]:
    """Make `session` (a new one when None) current for the block; yields it."""
    session = session if session is not None else Session()
    token = _CURRENT.set(session)
    try:
        yield session
    finally:
        _CURRENT.reset(token)


def memoised(name: str, limit: int = DEFAULT_LIMIT):
    """Decorator: memoise a pure function of hashable arguments in the current session's table
    `name`. The arguments must be frozen values (or objects that stay unchanged for the
    session, compared by identity)."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(function)
        def wrapper(*args, **kwargs) -> T:
            key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
            return current().memo(name, limit).get_or_make(
                key, lambda: function(*args, **kwargs))

        wrapper.uncached = function  # type: ignore[attr-defined]
        return wrapper

    return decorate
