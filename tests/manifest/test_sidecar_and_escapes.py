"""13.8: a caption file linked from outside the edition is refused like a photo; the story
escapes \\* and \\\\ are documented and kept as documented, any other backslash is literal."""

from __future__ import annotations

import io

from PIL import Image

from editions_kit import PAGE_ONE, STORY_HEAD
from typeset.manifest.story_file import read_story


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 400), (120, 90, 60)).save(out, "JPEG", dpi=(300, 300))
    return out.getvalue()


PHOTO = PAGE_ONE + """\
      - photo: {file: photos/a.jpg}
        at: {column: 1, span: 4, top: 10, bottom: 40}
"""


def test_a_caption_file_linked_from_outside_is_refused(maker, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("机密说明。\n", encoding="utf-8")
    folder = maker.write(PHOTO, stories={}, files={"photos/a.jpg": _jpeg()})
    (folder / "photos" / "a.md").symlink_to(secret)
    found = maker.one(folder, "unsafe-path")
    assert "a.md" in found.message and "outside the edition folder" in found.message
    assert found.source.line == 10


def test_backslash_escapes_are_as_documented(tmp_path):
    path = tmp_path / "s.md"
    path.write_text(STORY_HEAD + "星号\\*、反斜杠\\\\、其他\\n与C:\\path保持原样。\n",
                    encoding="utf-8")
    story, _ = read_story(path)
    assert story.paragraphs[0].text == "星号*、反斜杠\\、其他\\n与C:\\path保持原样。"
