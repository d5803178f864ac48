"""The story elements of real pages, as written in a story file: front-matter keys and body markup.

In: the story's front matter (a `MapReader`) and the lines of its body. Out: plain values for
`model.story.Story` — 提要 `summary:`, 编者按 `editor_note:` / `editor_note_signature:`, 署名
`author:`, `tagline:`; headline texts with their forced breaks kept; crossheads (`## 小标题`
lines) and paragraphs set in another style of the layout (a `{.style}` suffix). Every bad value
is an error or warning at its file:line:column in `Problems`.
"""

from __future__ import annotations

import re

from typeset.diagnostics import SourceRef
from typeset.manifest.fields import MapReader, Problems, kind_of, suggestion

ELEMENT_KEYS = ("summary", "editor_note", "editor_note_signature", "author", "tagline")
"""Front-matter keys read here (added to the story file's keys)."""
DEFAULT_SIGNATURE = "编 者"
"""The editor's note signature when the story gives none."""
CROSSHEAD = re.compile(r"^(#{2,3})(?:[ \t\u3000]*([^#\s].*?))?[ \t\u3000#]*$")
"""A crosshead line: `## 老厂房里的新生意` (`###`, and `##老厂房…` without the space, are
taken as crossheads too)."""
STYLE_SUFFIX = re.compile(r"[ \t\u3000]*\{\.([A-Za-z][A-Za-z0-9_-]*)\}[ \t\u3000]*$")
"""A paragraph set in another style of the layout ends with `{.style}`: `——编 者 {.signature}`."""
BRACES = re.compile(r"\{\.[^}]*\}[ \t\u3000]*$")
MAX_SUMMARY_LINES = 6
BODY_STYLES = ("body", "crosshead")
"""Styles a `{.style}` paragraph names that every body accepts without a check of their own."""


def headline_text(meta: MapReader, key: str, max_chars: int) -> str:
    """A kicker, headline or deck with its forced line breaks: each written line stripped of
    the spaces around it, blank lines dropped, the lines joined by a newline (the composer
    breaks there)."""
    value = meta.text(key, max_chars=max_chars, printed=True)
    if "\n" not in value and "\r" not in value:
        return value
    lines = [line.strip(" \t\u3000") for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def front_fields(meta: MapReader, problems: Problems) -> dict:
    """The element keys of the front matter → keyword arguments for `Story`."""
    fields: dict = {}
    summary = _lines(meta, "summary", problems)
    if summary:
        fields["summary"] = summary
    note = _paragraphs(meta.text("editor_note", max_chars=4000, example="为……，本报推出……",
                                 printed=True))
    if note:
        fields["editor_note"] = note
    signature = _signature(meta, problems, bool(note))
    if note:
        fields["editor_note_signature"] = signature
    for key in ("author", "tagline"):
        value = meta.text(key, max_chars=200, example="本报记者 孙广勇" if key == "author"
                          else "本栏目由澄川银行协办", printed=True)
        if "\n" in value:
            value = " ".join(part.strip() for part in value.split("\n") if part.strip())
        if value:
            fields[key] = value
    return fields


def _lines(meta: MapReader, key: str, problems: Problems) -> tuple[str, ...]:
    """`summary:` as a string (one 提要; its written lines are its lines) or a list of lines."""
    if not meta.has(key):
        return ()
    value = meta.raw(key)
    if isinstance(value, list):
        items = meta.items(key, example="[第一行提要, 第二行提要]")
        lines = []
        for item, at in zip(items, items.item_sources):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                problems.error("wrong-type", f"each line of '{key}' must be text, got "
                               f"{kind_of(item)}", at, hint=f"write {key}: [第一行, 第二行]")
                continue
            text = str(item).strip()
            if len(text) > 300:
                problems.error("too-long", f"a line of '{key}' is {len(text)} characters long, "
                               "more than 300", at, hint="shorten it or split it into lines")
            elif text:
                lines.append(text)
    else:
        text = meta.text(key, max_chars=1200, example="北山产业园二期开工", printed=True)
        lines = [line.strip(" \t\u3000") for line in text.split("\n") if line.strip(" \t\u3000")]
    if len(lines) > MAX_SUMMARY_LINES:
        problems.warn("long-summary", f"'{key}' has {len(lines)} lines; a 提要 is usually "
                      f"one to three", meta.at(key), hint="keep the 提要 short")
    return tuple(lines)


def _paragraphs(text: str) -> tuple[str, ...]:
    """Blank-line separated paragraphs of a front-matter text; single newlines join."""
    from typeset.manifest.story_file import join_lines

    out, block = [], []
    for line in text.replace("\r\n", "\n").split("\n") + [""]:
        if line.strip(" \t\u3000"):
            block.append(line)
        elif block:
            out.append(join_lines(block))
            block = []
    return tuple(out)


def _signature(meta: MapReader, problems: Problems, has_note: bool) -> str:
    """`editor_note_signature:` (default 编 者; false or "" for none)."""
    key = "editor_note_signature"
    if not meta.has(key):
        return DEFAULT_SIGNATURE
    if not has_note:
        problems.error("not-here", f"'{key}' signs an editor's note, but the story has no "
                       "editor_note", meta.key_at(key),
                       hint="add editor_note: … or remove the signature")
        return ""
    if meta.raw(key) is False or meta.raw(key) is None:
        return ""
    return meta.text(key, DEFAULT_SIGNATURE, max_chars=40, example=DEFAULT_SIGNATURE,
                     printed=True)


def crosshead(line: str) -> str | None:
    """The text of a crosshead line (`## 老厂房里的新生意` → 老厂房里的新生意), else None."""
    match = CROSSHEAD.match(line.strip(" \t\u3000"))
    return (match.group(2) or "") if match else None


def style_suffix(text: str, source: SourceRef, problems: Problems) -> tuple[str, str]:
    """A paragraph's text without its `{.style}` suffix, and the style ("" when none). A
    malformed suffix (`{.}`, `{.编者}`) is an error at the paragraph's line."""
    match = STYLE_SUFFIX.search(text)
    if match:
        return text[:match.start()], match.group(1)
    bad = BRACES.search(text)
    if bad:
        problems.error("bad-style-suffix", f"'{bad.group(0).strip()}' is not a style suffix",
                       source, hint="end the paragraph with {.style}, a style name of the "
                       "layout in Latin letters, e.g. {.signature}")
    return text, ""


def check_paragraph_styles(pages, stories: dict, problems: Problems) -> None:
    """Every `{.style}` a placed story names is a style of each layout the story is set in."""
    layouts: dict[str, list] = {}
    for page in pages:
        for slot in page.slots:
            if slot.story:
                layouts.setdefault(slot.story, [])
                if page.layout not in layouts[slot.story]:
                    layouts[slot.story].append(page.layout)
    for story_id, used in layouts.items():
        story = stories.get(story_id)
        if story is None:
            continue
        for para in story.paragraphs:
            if not para.style or para.style in BODY_STYLES:
                continue
            for layout in used:
                if para.style not in layout.styles:
                    problems.error("unknown-style", f"paragraph style '{para.style}' is not a "
                                   f"style of layout {layout.name}", para.source,
                                   hint=suggestion(para.style, layout.styles, "styles"))
