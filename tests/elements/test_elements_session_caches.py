"""The story-file and set-story caches live in the session (issue 14.1): a fresh session
starts empty, a second read of an unchanged file is a hit, an edited file is read again."""

from __future__ import annotations

import os

from typeset.manifest.story_file import read_story
from typeset.session import Session, use_session

from elements_kit import HEAD, page, story


def test_story_files_are_read_once_per_session_and_again_when_edited(tmp_path):
    path = tmp_path / "s.md"
    path.write_text(story("headline: 标题一"), encoding="utf-8")
    with use_session(Session()) as session:
        first, _ = read_story(path)
        again, _ = read_story(path)
        assert again is first and session.stats()["manifest.stories"][0] == 1
        path.write_text(story("headline: 标题二"), encoding="utf-8")
        os.utime(path, ns=(1, 1))
        edited, _ = read_story(path)
        assert edited.headline.headline == "标题二"
    with use_session(Session()) as fresh:
        read_story(path)
        assert fresh.stats()["manifest.stories"][0] == 1


def test_set_stories_are_reused_within_a_session(maker):
    from typeset import pipeline

    folder = maker.write(HEAD + page(1, "- story: one\n  at: {column: 1, span: 2, top: 10, "
                                        "bottom: 40}"), {"one": story("headline: 标题")})
    with use_session(Session()) as session:
        pipeline.compose(folder)
        pipeline.compose(folder)
        entries, hits, misses = session.stats()["compose.stories"]
        assert (entries, hits, misses) == (1, 1, 1)
