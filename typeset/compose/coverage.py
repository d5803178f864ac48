"""The one coverage check: can every character the page prints be set, and from which font?

In: an `Edition` (its printed texts with their places: masthead, sections, editors, labels,
ad slogans, captions, credits; each story's front matter and paragraphs) and the `FontBook`.
Out: diagnostics at the file:line:column of the character itself — an error
`missing-glyph` for a character no face of the book has (it would print as a gap), a warning
`fallback-glyph` naming the fallback font for a character only a fallback font has (生僻字).
One diagnostic per character and text (the count when it recurs). The composer sets the same
characters from the same faces (it tries every face of the book), so what passes here prints.
"""

from __future__ import annotations

from typeset.diagnostics import Diagnostic, SourceRef, error, warning
from typeset.fonts import FontBook
from typeset.model.edition import Edition
from typeset.model.story import Story

_SKIP = {"\n", "\t", " ", "\u3000", "\u00a0"}


def _printable(char: str) -> bool:
    """Characters that need a glyph (not spaces, not zero-width or format characters)."""
    import unicodedata

    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False                    # variation selectors: part of the base's glyph
    return char not in _SKIP and unicodedata.category(char) not in ("Cf", "Zs", "Zl", "Zp",
                                                                     "Cc")


def check_edition(edition: Edition, fonts: FontBook) -> tuple[list[Diagnostic], set[str]]:
    """(diagnostics, the characters reported as missing) for everything the edition prints."""
    diags: list[Diagnostic] = []
    missing: set[str] = set()
    for text in edition.texts:
        diags += check_text(text.text, text.where, fonts, missing, text.what)
    for story in edition.stories.values():
        diags += check_story(story, fonts, missing)
    return diags, missing


def check_story(story: Story, fonts: FontBook, missing: set[str]) -> list[Diagnostic]:
    """A story's front matter values and paragraphs, each character at its own place."""
    diags: list[Diagnostic] = []
    for text in story.texts:
        diags += check_text(text.text, text.where, fonts, missing, text.what, story.id)
    for paragraph in story.paragraphs:
        diags += check_text(paragraph.text, paragraph.where, fonts, missing, "the body",
                            story.id)
    return diags


def check_text(text: str, where, fonts: FontBook, missing: set[str], what: str = "",
               story: str | None = None) -> list[Diagnostic]:
    """Coverage of one text; `where(offset)` gives the SourceRef of a character. One error
    for the characters no font has (at the first of them, each listed with its line:column)
    and one warning per fallback font used (at the first character it sets)."""
    coverage = fonts.coverage
    if all(coverage(char) is True for char in set(text)):
        return []                       # the common case: one set, no positions needed
    lacking: list[tuple[str, SourceRef | None]] = []
    from_fallback: dict[str, list[tuple[str, SourceRef | None]]] = {}
    fallbacks = {}
    seen: set[str] = set()
    for offset, char in enumerate(text):
        if char in seen or not _printable(char):
            continue
        seen.add(char)
        got = fonts.coverage(char)
        if got is True:
            continue
        if got is False:
            missing.add(char)
            lacking.append((char, where(offset)))
        else:
            fallbacks[got.name] = got
            from_fallback.setdefault(got.name, []).append((char, where(offset)))
    field = f" in {what}" if what else ""
    diags: list[Diagnostic] = []
    if lacking:
        diags.append(error(
            "missing-glyph", f"no font covers {len(lacking)} character(s){field}: "
            f"{_listed(lacking)}; they would print as gaps", source=lacking[0][1], story=story,
            hint="add a font that has them to fallback_fonts: of a role in fonts/fonts.yaml "
                 "(e.g. HanaMinA/B from fonts-hanazono for CJK Ext-A/B), or edit the text",
            data=(("characters", "".join(c for c, _ in lacking)),)))
    for name, chars in from_fallback.items():
        got = fallbacks[name]
        diags.append(warning(
            "fallback-glyph", f"{len(chars)} character(s){field} set from the fallback font "
            f"{name} (fallback_fonts of role '{got.role}'): {_listed(chars)}",
            source=chars[0][1], story=story,
            hint="check their shapes on the proof: they come from another typeface",
            data=(("characters", "".join(c for c, _ in chars)), ("font", name))))
    return diags


def _listed(chars: list[tuple[str, SourceRef | None]], most: int = 12) -> str:
    """'U+2A6A5 𪚥 (3:7), U+20000 𠀀 (5:1)' — each character with its line:column."""
    out = []
    for char, source in chars[:most]:
        place = f" ({source.line}:{source.column})" if source and source.line else ""
        out.append(f"U+{ord(char):04X} {char}{place}")
    return ", ".join(out) + (f" and {len(chars) - most} more" if len(chars) > most else "")
