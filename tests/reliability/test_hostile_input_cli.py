"""Hostile manifests and story files through the real commands: a clear message naming the
file (and line), a non-zero exit, never a traceback or a hang."""

from __future__ import annotations

import pytest
from relkit import MANIFEST, STORY, write_edition

ALIAS_BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi"))

MANIFESTS = {
    # name: (manifest text, words the message must contain)
    "tab-indent": (MANIFEST.replace("    editor", "\teditor"), "tab"),
    "duplicate-key": (MANIFEST + "issue: 5\n", "twice"),
    "alias-bomb": (ALIAS_BOMB, "anchor"),
    "huge-integer": (MANIFEST.replace("issue: 100", "issue: " + "9" * 5000), "too long"),
    "huge-column": (MANIFEST.replace("column: 1", "column: 99999999999999999999999"), "outside"),
    "float-overflow": (MANIFEST.replace("top: 10", "top: 1e999"), "top"),
    "infinity": (MANIFEST.replace("top: 10", "top: .inf"), "finite"),
    "nan": (MANIFEST.replace("top: 10", "top: .nan"), "finite"),
    "negative-span": (MANIFEST.replace("span: 4", "span: -4"), "outside"),
    "zero-span": (MANIFEST.replace("span: 4", "span: 0"), "outside"),
    "bottom-above-top": (MANIFEST.replace("bottom: 50", "bottom: 5"), "below"),
    "pages-not-list": (MANIFEST.replace("pages:", "pages: 3\nx:"), "list"),
    "at-is-list": (MANIFEST.replace("at: {column: 1, span: 4, top: 10, bottom: 50}",
                                    "at: [1, 2, 3]"), "mapping"),
    "root-is-list": ("- a\n- b\n", "mapping"),
    "empty-file": ("", "mapping"),
    "python-tag": (MANIFEST + "x: !!python/object/apply:os.system ['echo owned']\n", "tag"),
    "boolean-issue": (MANIFEST.replace("issue: 100", "issue: yes"), "whole number"),
    "impossible-date": (MANIFEST.replace("2026-03-07", "2026-02-30"), "not a real day"),
    "deep-nesting": ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nesting"),
    "page-number-huge": (MANIFEST.replace("- number: 1", "- number: 99999999"), "outside"),
    "binary-junk": ("\x89PNG\r\n\x1a\n\x00\x00", "forbidden character"),
    "layout-traversal": (MANIFEST.replace("broadsheet-8col", "../../etc/passwd"),
                         "not a layout name"),
    "layout-absolute": (MANIFEST.replace("broadsheet-8col", "/etc/passwd"), "not a layout name"),
    "story-traversal": (MANIFEST.replace("story: one", "story: ../../../etc/passwd"), ".."),
    "story-absolute": (MANIFEST.replace("story: one", "story: /etc/passwd"), "/"),
    "photo-traversal": (MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                         "../../../etc/passwd}\n"), "steps out"),
    "photo-absolute": (MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                        "/etc/passwd}\n"), "absolute"),
    "photo-home": (MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                    "~/x.jpg}\n"), "absolute"),
    "photo-drive": (MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                     "'C:/x.jpg'}\n"), "absolute"),
    "photo-backslash": (MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {file: "
                                         "'..\\\\..\\\\x.jpg'}\n"), "backslash"),
    "ad-traversal": (MANIFEST.replace("      - story: one", "      - ad: {file: ../../x.pdf}\n"
                                      "        at: {column: 5, span: 2, top: 10, bottom: 20}\n"
                                      "      - story: one"), "steps out"),
    "jump-loop": (MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        continue: {page: 1, "
                                   "slot: back}\n      - id: back\n        at: {column: 5, "
                                   "span: 2, top: 10, bottom: 20}\n        continue: {page: 1, "
                                   "slot: one}\n"), "loop"),
}


@pytest.mark.parametrize("name", sorted(MANIFESTS))
@pytest.mark.parametrize("command", ["check", "build"])
def test_hostile_manifest(cli, tmp_path, name, command):
    text, words = MANIFESTS[name]
    folder = write_edition(tmp_path / "ed", text.encode("utf-8"))
    args = [command, folder] + (["-o", tmp_path / "out.pdf"] if command == "build" else [])
    result = cli(*args, expect=1)
    assert words.lower() in result.output.lower(), result.output
    assert "edition.yaml" in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_python_tag_is_never_executed(cli, tmp_path):
    marker = tmp_path / "owned"
    text = MANIFEST + f"x: !!python/object/apply:os.system ['touch {marker}']\n"
    cli("check", write_edition(tmp_path / "ed", text), expect=1)
    assert not marker.exists()


STORIES = {
    # name: (story file bytes, words the message must contain)
    "control-character": (STORY.format(body="正文\x07内容。").encode(), "U+0007"),
    "escape-sequence": (STORY.format(body="正文\x1b[31m红色。").encode(), "U+001B"),
    "nul": (STORY.format(body="正文\x00内容。").encode(), "U+0000"),
    "c1-control": (STORY.format(body="正文\x85内容。").encode(), "U+0085"),
    "lone-surrogate-utf8": (STORY.format(body="正文").encode() + b"\xed\xa0\x80\n", "UTF-8"),
    "lone-surrogate-escape": (STORY.replace("测试标题", '"测试\\ud800"').format(
        body="正文。").encode(), "surrogate"),
    "noncharacter": (STORY.format(body="正文\ufffe内容。").encode(), "U+FFFE"),
    "gbk-encoded": (STORY.format(body="正文内容。").encode("gb18030"), "UTF-8"),
    "utf16": (STORY.format(body="正文内容。").encode("utf-16"), "UTF-8"),
    "emoji": (STORY.format(body="今天天气很好😀👨‍👩‍👧。").encode(), "no font covers"),
    "rtl-arabic-hebrew": (STORY.format(body="阿拉伯文 مرحبا 希伯来文 שלום。").encode(),
                          "no font covers"),
    "no-font-covers": (STORY.format(body="古文字\U00013000与泰米尔文\u0b85。").encode(),
                       "U+13000"),
    "unclosed-front-matter": (b"---\nheadline: x\n\nbody\n", "never closed"),
    "front-matter-not-mapping": (b"---\n- a\n---\nbody\n", "front matter"),
    "front-matter-bomb": (b"---\n" + ALIAS_BOMB.encode() + b"---\nbody\n", "anchor"),
    "huge-paragraph": (STORY.format(body="字" * 150_000).encode(), "paragraph"),
    "huge-file": (b"x" * 4_100_000, "limit"),
    "headline-wrong-type": (STORY.replace("测试标题", "[1, 2]").format(body="正文。").encode(),
                            "headline"),
}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_hostile_story(cli, tmp_path, name):
    data, words = STORIES[name]
    folder = write_edition(tmp_path / "ed", stories={"one": data})
    out = tmp_path / "out.pdf"
    result = cli("build", folder, "-o", out, expect=1)
    assert words.lower() in result.output.lower(), result.output
    assert "not written" in result.output and not out.exists()


def test_story_symlink_outside_the_edition_is_refused(cli, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(STORY.format(body="机密。"), encoding="utf-8")
    folder = write_edition(tmp_path / "ed", stories={})
    (folder / "stories" / "one.md").symlink_to(secret)
    result = cli("check", folder, expect=1)
    assert "outside the edition folder" in result.output


def test_stories_folder_symlinked_outside_is_refused(cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "one.md").write_text(STORY.format(body="正文。"), encoding="utf-8")
    folder = write_edition(tmp_path / "ed", stories={})
    (folder / "stories").rmdir()
    (folder / "stories").symlink_to(elsewhere)
    result = cli("check", folder, expect=1)
    assert "outside the edition folder" in result.output


def test_symlink_loop_is_refused(cli, tmp_path):
    folder = write_edition(tmp_path / "ed", stories={})
    (folder / "stories" / "one.md").symlink_to(folder / "stories" / "one.md")
    result = cli("check", folder, expect=1)
    assert "one" in result.output


def test_story_that_is_a_folder(cli, tmp_path):
    folder = write_edition(tmp_path / "ed", stories={})
    (folder / "stories" / "one.md").mkdir()
    result = cli("check", folder, expect=1)
    assert "folder" in result.output


def test_manifest_symlink_to_system_file_is_refused_or_harmless(cli, tmp_path):
    """edition.yaml itself pointing at /etc/passwd: not YAML we accept, refused cleanly."""
    folder = write_edition(tmp_path / "ed")
    (folder / "edition.yaml").unlink()
    (folder / "edition.yaml").symlink_to("/etc/passwd")
    cli("check", folder, expect=1)


@pytest.mark.parametrize("args", [["build", "/nonexistent/edition"], ["check", "-"],
                                  ["build", "{sample}", "--pages", "abc"],
                                  ["build", "{sample}", "--pages", "5-1"],
                                  ["preview", "{sample}", "--dpi", "100000"]])
def test_usage_errors_exit_2(cli, args):
    from relkit import SAMPLE

    cli(*[a.replace("{sample}", str(SAMPLE)) for a in args], expect=2)
