"""The no-loss oracle: every character of every story is in the PDF, in order, or overset.

In: a `BuildResult` (edition, story results, diagnostics) and the PDF it wrote. Out: a list of
human-readable problems, empty when nothing was lost. The PDF's text comes from
`pdftotext -raw` (content-stream order); white space and invisible format characters are
ignored on both sides (see `squeeze`). A story's set text must appear as at most one contiguous piece per slot of
its jump chain (so characters cannot be "found" scattered across the page); what did not fit
must equal the story's `overset_text` and be reported by an `overset` diagnostic.
"""

from __future__ import annotations

import subprocess
from types import SimpleNamespace
import unicodedata
from pathlib import Path

from typeset.compose.elements import EDITOR_NOTE_LEAD
from typeset.compose.jump_wording import jump_text
from typeset.pipeline import BuildResult


def squeeze(text: str) -> str:
    """`text` NFKC-normalised, without white space and invisible format characters (Cf).

    NFKC because a font draws 'é' and 'e' + U+0301, or a compatibility ideograph and its
    unified twin, with one glyph, and the PDF can give back only one spelling; format
    characters (zero-width space, direction marks) and variation selectors are never printed
    on their own: when they are not in the PDF's text the composer ('invisible-character') or
    the PDF writer ('pdf-text-ambiguous') says so, tested separately.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and not invisible(c))


def invisible(char: str) -> bool:
    """Format characters (Cf) and variation selectors: never drawn on their own."""
    code = ord(char)
    return (unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180D)


def pdf_text(pdf: Path) -> str:
    """The PDF's text in content-stream order, all pages."""
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(Path(pdf).resolve()), "-"],
                          capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8")


def pieces(expected: str, haystack: str) -> list[str] | None:
    """Split `expected` into the fewest greedy pieces that each occur in `haystack`; None when
    some character does not occur at all."""
    out: list[str] = []
    rest = expected
    while rest:
        low, high = 0, len(rest)
        while low < high:                      # longest prefix of `rest` found in haystack
            mid = (low + high + 1) // 2
            if rest[:mid] in haystack:
                low = mid
            else:
                high = mid - 1
        if low == 0:
            return None
        out.append(rest[:low])
        rest = rest[low:]
    return out


def story_losses(result: BuildResult, pdf: Path) -> list[str]:
    """Problems found for every story placed in the edition (empty list: nothing lost)."""
    assert result.edition is not None
    text = squeeze(pdf_text(pdf))
    jump_labels = {squeeze(jump_text(p.layout.jump_in, SimpleNamespace(number=n)))
                   for p in result.edition.pages
                   for n in range(1, max(x.number for x in result.edition.pages) + 1)}
    problems: list[str] = []
    overset_codes = {(d.story, d.code) for d in result.diagnostics}
    for story_result in result.stories:
        story = result.edition.stories[story_result.story]
        body = squeeze(_body_text(story))
        overset = squeeze(story_result.overset_text)
        for label in jump_labels:             # a continuation's overset opens with （上接…）
            if label and overset.startswith(label):
                overset = overset[len(label):]
        if overset and not body.endswith(overset):
            problems.append(f"{story.id}: overset text is not the end of the story: "
                            f"…{overset[:40]!r}")
            continue
        if overset and (story.id, "overset") not in overset_codes:
            problems.append(f"{story.id}: {len(overset)} characters overset without an "
                            "'overset' diagnostic")
        set_part = body[:len(body) - len(overset)]
        found = pieces(set_part, text)
        if found is None:
            missing = sorted({c for c in set_part if c not in text})
            problems.append(f"{story.id}: characters missing from the PDF: "
                            f"{''.join(missing)[:40]!r}")
        elif len(found) > len(story_result.slots):
            problems.append(f"{story.id}: body found in {len(found)} pieces, more than its "
                            f"{len(story_result.slots)} slot(s) (order broken?): "
                            f"{[p[:12] for p in found[:6]]}")
        for heading in _headings(story):
            if squeeze(heading) not in text:
                problems.append(f"{story.id}: heading {heading!r} not in the PDF")
    return problems


def _body_text(story) -> str:
    """The story's body in reading order: editor's note, dateline, paragraphs, byline,
    signature, tagline."""
    parts = [story.byline] if story.byline_place == "top" else []
    if story.editor_note:
        parts += [EDITOR_NOTE_LEAD, *story.editor_note, story.editor_note_signature]
    parts += [story.dateline] + [p.text for p in story.paragraphs]
    if story.byline_place != "top":
        parts.append(story.byline)
    parts.append(story.signature)
    parts.append(story.tagline)
    return "".join(parts)


def _headings(story) -> list[str]:
    if story.headline is None:
        return []
    head = story.headline
    return [t for t in (head.banner, head.kicker, head.headline, head.deck, *story.summary,
                        story.author) if t]
