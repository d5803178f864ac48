"""Composing in several processes (typeset.page_pool) gives exactly what one process gives.

A six-page edition made as the benchmark makes them (bench/bench_build.py: every odd page
jumps into the next, so three groups of pages no jump crosses) is built serially and with
two processes, each in a fresh interpreter: the PDFs must be byte-identical, and so must
the diagnostics and the stories' lines. A child that fails leaves its share to the parent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from typeset import page_pool
from typeset.compose.edition import jump_groups
from typeset.manifest import load_edition
from typeset.session import use_session

ROOT = Path(__file__).resolve().parents[2]

BUILD = r"""
import json, os, sys
from pathlib import Path
from typeset import page_pool, pipeline
if os.environ.get("FAIL_IN_CHILD"):
    parent, work = os.getpid(), page_pool.work
    def failing(*args):
        if os.getpid() != parent:
            raise RuntimeError("a child that fails")
        return work(*args)
    page_pool.work = failing
lines = []
result = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), allow_overset=True,
                        progress=lines.append)
print(json.dumps({
    "lines": lines,
    "diagnostics": [d.to_json() for d in result.diagnostics],
    "stories": [[s.story, [(o.page, o.slot, o.lines_used) for o in s.slots], s.overset_text]
                for s in result.stories],
    "items": [len(frame.items) for frame in result.document.pages],
}, ensure_ascii=False, default=str))
"""


@pytest.fixture(scope="module")
def six_pages(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_build import generate, make_project
    finally:
        sys.path.remove(str(ROOT / "bench"))
    root = tmp_path_factory.mktemp("pool")
    make_project(root)
    return generate(root / "edition", 6)


def _build(edition: Path, out: Path, workers: str, **env) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(edition), str(out)], capture_output=True, text=True,
        env={**os.environ, "TYPESET_WORKERS": workers, "PYTHONHASHSEED": workers,
             "TYPESET_CACHE": "0", **env},  # no photo store: the decode checks run too
        check=True, cwd=out.parent)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _composed_line(found: dict) -> str:
    return next(line for line in found["lines"] if line.startswith("composed"))


def test_two_processes_give_the_serial_pdf_byte_for_byte(six_pages, tmp_path):
    serial = _build(six_pages, tmp_path / "serial.pdf", "1")
    pooled = _build(six_pages, tmp_path / "pooled.pdf", "2")
    assert "processes" not in _composed_line(serial)
    assert _composed_line(pooled).endswith("in 2 processes")
    assert not [line for line in pooled["lines"] if "failed" in line]  # the child's pages used
    assert (tmp_path / "serial.pdf").read_bytes() == (tmp_path / "pooled.pdf").read_bytes()
    assert pooled["diagnostics"] == serial["diagnostics"]
    assert pooled["stories"] == serial["stories"]
    assert pooled["items"] == serial["items"]
    assert len(serial["items"]) == 6 and all(serial["items"])


def test_a_failing_child_leaves_its_share_to_the_parent(six_pages, tmp_path):
    serial = _build(six_pages, tmp_path / "serial.pdf", "1")
    pooled = _build(six_pages, tmp_path / "pooled.pdf", "2", FAIL_IN_CHILD="1")
    assert _composed_line(pooled).endswith("in 2 processes")
    assert "the process composing pages 5, 6 failed: composing them here" in pooled["lines"]
    assert (tmp_path / "serial.pdf").read_bytes() == (tmp_path / "pooled.pdf").read_bytes()
    assert pooled["diagnostics"] == serial["diagnostics"]


def test_shares_keep_every_jump_inside_one_share(six_pages):
    edition, _ = load_edition(six_pages)
    assert jump_groups(edition) == [[1, 2], [3, 4], [5, 6]]
    for count in (2, 3, 5):
        found = page_pool.shares(edition, count)
        assert len(found) == min(count, 3)
        assert sorted(n for share in found for n in share) == [1, 2, 3, 4, 5, 6]
        for page in edition.pages:
            for slot in page.slots:
                if slot.continue_to is not None:
                    assert any({page.number, slot.continue_to.page} <= s for s in found)


def test_how_many_processes(six_pages, monkeypatch):
    edition, _ = load_edition(six_pages)
    with monkeypatch.context() as alone, use_session():  # as in a fresh `paiban build`
        alone.setattr(threading, "active_count", lambda: 1)  # (no thread yet)
        _counts(edition, alone)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        monkeypatch.setenv("TYPESET_WORKERS", "2")
        assert page_pool.workers(edition) == 1  # never fork while a thread runs
    finally:
        stop.set()
        thread.join()


def _counts(edition, monkeypatch):
    monkeypatch.setenv("TYPESET_WORKERS", "4")
    assert page_pool.workers(edition) == 3  # one per group at most
    monkeypatch.setenv("TYPESET_WORKERS", "1")
    assert page_pool.workers(edition) == 1
    monkeypatch.delenv("TYPESET_WORKERS")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert page_pool.workers(edition) == 1  # 6 pages: fewer than 2 × PAGES_PER_WORKER
    monkeypatch.setattr(page_pool, "PAGES_PER_WORKER", 3)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert page_pool.workers(edition) == 2
    monkeypatch.setattr(os, "getloadavg", lambda: (2.1, 1.0, 1.0))
    assert page_pool.workers(edition) == 1  # both cores busy with other work
    monkeypatch.setenv("TYPESET_WORKERS", "2")
    assert page_pool.workers(edition) == 2  # unless asked for


def test_a_session_that_keeps_its_caches_composes_in_one_process(six_pages, monkeypatch):
    edition, _ = load_edition(six_pages)
    monkeypatch.setenv("TYPESET_WORKERS", "2")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    with use_session():
        assert page_pool.workers(edition) == 2
        page_pool.keep_caches()
        assert page_pool.workers(edition) == 1


def test_what_a_child_sends_can_construct_only_typesets_own_classes():
    import pickle

    from typeset.frame import CMYK

    own = page_pool.own_data(pickle.dumps(CMYK(0.1, 0, 0, 1)))
    assert own == CMYK(0.1, 0, 0, 1)
    for foreign in (os.system, subprocess.run, Path("/tmp")):
        with pytest.raises(pickle.UnpicklingError):
            page_pool.own_data(pickle.dumps(foreign))


def test_parts_put_together_in_any_order_equal_the_whole(six_pages):
    from typeset import photos
    from typeset.compose import compose_edition
    from typeset.fit import fit_edition
    from typeset.makeup import make_up_edition
    from typeset.pipeline import font_book
    from typeset.project import find_project_root

    with use_session():
        loaded, _ = load_edition(six_pages)
        fonts = font_book(find_project_root(six_pages))
        media, _ = photos.edition_media(loaded)
        edition = make_up_edition(loaded, fonts, media).edition
        whole_fit = fit_edition(edition, fonts, media)
        whole = compose_edition(whole_fit.edition, fonts, media)
    with use_session():  # nothing cached: every part composed afresh
        made = [page_pool.work(edition, fonts, media, set(group))
                for group in reversed(jump_groups(edition))]
        fitted = fit_edition(edition, fonts, media, parts=[fit for fit, _ in made])
        pieced = compose_edition(fitted.edition, fonts, media, parts=[part for _, part in made])
    assert fitted.items and fitted.items == whole_fit.items
    assert fitted.diagnostics == whole_fit.diagnostics
    assert fitted.edition == whole_fit.edition
    assert pieced == whole
