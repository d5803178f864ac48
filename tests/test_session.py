"""typeset.session: one key for file changes, memo tables owned by a session."""

from __future__ import annotations

import os
import threading

from typeset.session import Session, current, file_key, memoised, use_session

calls = []


@memoised("test.square")
def square(n: int) -> int:
    calls.append(n)
    return n * n


def test_a_memoised_function_runs_once_per_session_and_again_in_a_new_one():
    calls.clear()
    with use_session() as first:
        assert square(3) == 9 and square(3) == 9
        assert calls == [3]
        assert first.stats()["test.square"] == (1, 1, 1)
    with use_session():
        assert square(3) == 9
    assert calls == [3, 3]


def test_sessions_do_not_leak_into_each_other_or_the_fallback():
    with use_session() as s:
        assert current() is s
    assert current() is not s


def test_file_key_changes_when_a_file_is_rewritten_or_replaced(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("一")
    before = file_key(path)
    other = tmp_path / "new.md"
    other.write_text("二")
    os.replace(other, path)
    assert file_key(path) != before
    assert file_key(tmp_path / "missing.md") is None


def test_a_bounded_table_starts_again_when_full():
    table = Session().memo("small", limit=2)
    for key in range(5):
        table.put(key, key)
    assert len(table) <= 2


def test_resources_are_closed_with_the_session():
    closed = threading.Event()

    class Pool:
        def close(self):
            closed.set()

    session = Session()
    assert session.resource("pool", Pool) is session.resource("pool", Pool)
    session.close()
    assert closed.is_set()
