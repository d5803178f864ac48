"""14.1 (this area's part): layouts, stories, font scans, faces and font books are kept in the
build session, keyed by `file_key`; a new session reads them afresh."""

from __future__ import annotations

from manifest_kit import BASE, ROOT
from typeset.pipeline import font_book
from typeset.session import use_session


def test_a_session_keeps_what_it_read_and_a_new_one_reads_again(maker):
    folder = maker.write(BASE)
    with use_session() as first:
        edition, _ = maker.load(folder)
        again, _ = maker.load(folder)
        books = font_book(ROOT), font_book(ROOT)
        tables = first.stats()
    assert again.stories["one"] is edition.stories["one"]
    assert again.pages[0].layout is edition.pages[0].layout
    assert books[0] is books[1]
    for name in ("manifest.layouts", "manifest.stories", "pipeline.font_books", "fonts.faces",
                 "fonts.scan"):
        assert tables[name][0] >= 1, name
    with use_session():
        fresh, _ = maker.load(folder)
        assert font_book(ROOT) is not books[0]
    assert fresh.stories["one"] is not edition.stories["one"]
    assert fresh.stories["one"] == edition.stories["one"]
