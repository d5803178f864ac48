"""Story files: Markdown with a YAML front matter → `typeset.model.story.Story`.

In: `stories/<id>.md`:

    ---
    kicker: ——“爱家乡 同心干”系列评论之二
    headline: 种下新质的“种子”
    dateline: 本报讯
    byline: （于健、付磊）
    ---
    第一段……
    (a blank line separates paragraphs; a single newline inside a paragraph joins the lines,
    with no space between CJK characters and one space between Latin words)

    **加粗** runs are set in the emphasis face; \\* writes a literal asterisk.

Out: a `Story` (id = file stem) whose paragraphs keep every character written (leading
indentation spaces, including 全角 spaces typed as a manual indent, are layout, not text, and
are dropped: the style indents). The front matter's `indent:` says which paragraphs take the
body style's first-line indent: true (every one, the default), false (none: all flush) or
as-written (those whose first line was typed with leading spaces). Problems raise
`InputError` with file:line:column; soft problems (unbalanced **) are returned as warnings by
`read_story`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

from typeset.diagnostics import Diagnostic, SourceRef
from typeset.manifest.fields import MapReader, Problems, kind_of, suggestion
from typeset.manifest.placeholders import BLOCKS_BUILD, MARK, find_placeholder
from typeset.manifest.source import MAX_STORY_BYTES, read_text
from typeset.manifest.story_elements import (ELEMENT_KEYS, crosshead, front_fields,
                                             headline_text, style_suffix)
from typeset.manifest.yamlpos import parse_yaml
from typeset.model.story import Headline, Paragraph, Run, Story, locate
from typeset.session import current, file_key

STORY_KEYS = ("kicker", "headline", "deck", "banner", "level", "dateline", "byline",
              "byline_place", "signature", "kind", "continued", "indent") + ELEMENT_KEYS
KINDS = ("news", "commentary", "brief", "feature")
INDENTS = {"true": "all", "false": "none", "as-written": "as-written", "yes": "all",
           "no": "none", "on": "all", "off": "none"}
"""The front matter's `indent:` as written → how paragraphs are indented."""
MAX_PARAGRAPH_CHARS = 100_000
"""A paragraph longer than this is refused (a real one is a few hundred characters)."""
_INDENT = " \t\u3000"


def load_story(path: Path) -> Story:
    """Read one story file; raises InputError listing every problem (warnings are dropped
    here; use `read_story` to get them)."""
    story, _ = read_story(path)
    return story


STORY_MEMO = "manifest.stories"
"""The session's table of stories read, by (path, label, `file_key`): a re-proof under --watch
re-reads only the files that changed."""


def read_story(path: Path, label: str | None = None) -> tuple[Story, list[Diagnostic]]:
    """Read one story file → (Story, warnings); raises InputError on errors. `label` is the
    file name shown in messages (defaults to the path). Unchanged files are not parsed twice
    in a session."""
    state = file_key(path)
    key = (str(path), label, state) if state is not None else None
    memo = current().memo(STORY_MEMO)
    if key is not None:
        known = memo.get(key)
        if known is not None:
            story, warnings = known
            return story, list(warnings)
    story, warnings = _read_story(path, label)
    if key is not None:
        memo.put(key, (story, tuple(warnings)))
    return story, warnings


def _read_story(path: Path, label: str | None) -> tuple[Story, list[Diagnostic]]:
    file = label or str(path)
    text = read_text(path, limit=MAX_STORY_BYTES, what="story file", label=file)
    problems = Problems()
    front, body, body_line = split_front_matter(text, file, problems)
    meta = None
    if front is not None:
        data, found = parse_yaml(front, file, first_line=2)
        problems.extend(found)
        meta = MapReader(data, problems, "the story's front matter", STORY_KEYS,
                         where=SourceRef(file, 1, 1))
    indent = indent_mode(meta, problems)
    paragraphs = parse_body(body, file, body_line, problems, indent)
    story = _build(path.stem, meta, paragraphs, SourceRef(file, 1, 1), problems)
    if not paragraphs:
        problems.warn("empty-story", "the story has no body text: it would print as an "
                      "empty slot", SourceRef(file, body_line),
                      hint="write the paragraphs after the closing ---", data=(BLOCKS_BUILD,))
    elif indent == "as-written" and not any(p.indent for p in paragraphs):
        problems.warn("no-typed-indent", "indent: as-written, but no paragraph begins with "
                      "spaces: every paragraph is set flush", meta.at("indent"),
                      hint="type 全角 spaces before the paragraphs to indent, or write "
                           "indent: false if no paragraph is indented")
    problems.raise_errors()
    return story, problems.warnings


def split_front_matter(text: str, file: str, problems: Problems) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body text, first line number of the body)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    problems.error("front-matter", "the front matter opened by '---' on line 1 is never "
                   "closed", SourceRef(file, 1, 1),
                   hint="end the front matter with a line holding only ---")
    problems.raise_errors()
    raise AssertionError("unreachable")


def _build(story_id: str, meta: MapReader | None, paragraphs: tuple[Paragraph, ...],
           source: SourceRef, problems: Problems) -> Story:
    if meta is None:
        return Story(story_id, None, paragraphs, source=source)
    headline = headline_text(meta, "headline", max_chars=200)
    kicker = headline_text(meta, "kicker", max_chars=200)
    deck = headline_text(meta, "deck", max_chars=300)
    banner = meta.text("banner", max_chars=100, printed=True)
    continued = meta.text("continued", max_chars=100, printed=True)
    level = meta.integer("level", 1, low=1, high=9, example="2")
    if not headline and (kicker or deck or continued or meta.has("level")) and (
            "headline" not in meta.misspelt):          # a misspelt headline: one error
        problems.error("missing-key", "the story has a kicker, deck, continued or level but no "
                       "headline", meta.source, hint="add headline: …")
    head = None
    if headline or banner:
        head = Headline(headline=headline, kicker=kicker, deck=deck, level=level,
                        banner=banner, continued=continued)
    story = Story(
        id=story_id, headline=head, paragraphs=paragraphs,
        dateline=meta.text("dateline", max_chars=100, printed=True),
        byline=meta.text("byline", max_chars=200, printed=True),
        byline_place=meta.choice("byline_place", ("end", "top"), "end"),
        signature=meta.text("signature", max_chars=100, printed=True),
        kind=meta.choice("kind", KINDS, "news"),
        source=source,
        **front_fields(meta, problems),
    )
    return replace(story, texts=tuple(problems.printed))


def indent_mode(meta: MapReader | None, problems: Problems) -> str:
    """The front matter's `indent:` → 'all' (default), 'none' or 'as-written'; anything else
    is an error at its line (and 'all' is used)."""
    if meta is None or not meta.has("indent"):
        return "all"
    value = meta.raw("indent")
    written = str(value).lower() if isinstance(value, (bool, str)) else None
    if written is not None and written.strip() in INDENTS:
        return INDENTS[written.strip()]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        hint = ("how far a paragraph is indented is the layout's body style (indent: 2); "
                "here write indent: false for flush paragraphs or true for indented ones")
    else:
        hint = suggestion(str(value), ("true", "false", "as-written"), "values")
    problems.error("bad-value", f"'indent' is {kind_of(value)}, not one of true, false, "
                   "as-written", meta.at("indent"), hint=hint)  # (yes/no/on/off also work)
    return "all"


def parse_body(body: str, file: str, first_line: int, problems: Problems,
               indent: str = "all") -> tuple[Paragraph, ...]:
    """Blank-line separated paragraphs → Paragraphs with runs and source lines. `indent`
    ('all', 'none' or 'as-written', see `indent_mode`) sets each paragraph's `indent`."""
    paragraphs: list[Paragraph] = []
    block: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n") + [""], start=first_line):
        head = crosshead(line)
        if head is not None:  # a crosshead (小标题) is a paragraph of its own
            if block:
                typed = block[0][:1] in _INDENT
                indented = indent == "all" or (indent == "as-written" and typed)
                paragraphs.append(_paragraph(block, SourceRef(file, start, 1), problems,
                                             indented))
                block = []
            paragraphs.append(_crosshead(head, SourceRef(file, number, 1), problems))
            continue
        if line.strip(_INDENT + "\n"):
            if not block:
                start = number
            block.append(line)
            continue
        if block:
            typed = block[0][:1] in _INDENT
            indented = indent == "all" or (indent == "as-written" and typed)
            paragraphs.append(_paragraph(block, SourceRef(file, start, 1), problems, indented))
            block = []
    return tuple(paragraphs)


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: nothing between CJK (wide) characters, one space
    between narrow ones (Latin words)."""
    return join_lines_with_origins(lines, 1)[0]


def join_lines_with_origins(lines: list[str], first_line: int
                            ) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """`join_lines`, plus where the result's characters were written: (offset, line, column)
    at the start of each line's piece (a space put between Latin words takes the place just
    after the line it follows)."""
    text = ""
    segments: list[tuple[int, int, int]] = []
    for number, line in enumerate(lines, start=first_line):
        lead = len(line) - len(line.lstrip(_INDENT))
        piece = line.strip(_INDENT)
        if text and piece and not (_wide(text[-1]) or _wide(piece[0])):
            _, last_line, last_col = segments[-1]
            segments.append((len(text), last_line, last_col + len(text) - segments[-1][0]))
            text += " "
        if piece:
            segments.append((len(text), number, lead + 1))
            text += piece
    return text, tuple(segments)


def origins_of(printed: str, joined: str, segments: tuple[tuple[int, int, int], ...]
               ) -> tuple[tuple[int, int, int], ...]:
    """Where each character of `printed` (the joined text with escapes and ** removed, a
    subsequence of it) was written, as (offset, line, column) stretches."""
    if printed == joined:
        return segments                 # the common case: nothing was removed
    where: list[tuple[int, int]] = []
    bounds = list(segments) + [(len(joined), 0, 0)]
    for (start, line, column), (end, _, _) in zip(bounds, bounds[1:]):
        where.extend((line, column + k) for k in range(end - start))
    out: list[tuple[int, int, int]] = []
    j = 0
    previous = None
    for k, char in enumerate(printed):
        while j < len(joined) and joined[j] != char:
            j += 1
        if j >= len(joined):
            break
        line, column = where[j]
        if previous is None or previous != (line, column - 1):
            out.append((k, line, column))
        previous = (line, column)
        j += 1
    return tuple(out)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _paragraph(lines: list[str], source: SourceRef, problems: Problems,
               indent: bool = True) -> Paragraph:
    text, where = join_lines_with_origins(lines, source.line)
    if len(text) > MAX_PARAGRAPH_CHARS:
        problems.error("paragraph-too-long", f"paragraph of {len(text):,} characters (the "
                       f"limit is {MAX_PARAGRAPH_CHARS:,})", source,
                       hint="split it into paragraphs with blank lines")
    if text.startswith("#") and text.lstrip("#").startswith(" "):
        problems.warn("markdown-heading", "a Markdown heading in the story body is set as an "
                      "ordinary paragraph", source,
                      hint="put the headline in the front matter (headline: …); a crosshead (小标题) "
                           "is written ## 小标题")
    text, style = style_suffix(text, source, problems)
    if MARK in text:
        find_placeholder(text, locate(source, where, text.find(MARK)), problems, "the body",
                         at_marker=True)
    runs = tuple(parse_runs(text, source, problems))
    printed = "".join(r.text for r in runs)
    return Paragraph(runs=runs, source=source, indent=indent, style=style,
                     origins=origins_of(printed, text, where))


def _crosshead(text: str, source: SourceRef, problems: Problems) -> Paragraph:
    """A `## 小标题` line → a paragraph in the crosshead style (never empty)."""
    if not text.strip():
        problems.error("empty-crosshead", "a crosshead line '##' has no text", source,
                       hint="write the crosshead after the ##, e.g. ## 老厂房里的新生意")
    return Paragraph(runs=tuple(parse_runs(text, source, problems)), source=source,
                     indent=False, style="crosshead")


def parse_runs(text: str, source: SourceRef, problems: Problems) -> list[Run]:
    """Split `**bold**` runs; '\\*' and '\\\\' are literal. An unbalanced '**' is kept as
    text and reported."""
    if "**" not in text and "\\" not in text:  # no markup (most paragraphs): one plain run
        return [Run(text, False)] if text else []
    pieces: list[tuple[str, bool]] = []
    current: list[str] = []
    bold = False
    opened_at = -1
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "*\\":
            current.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            pieces.append(("".join(current), bold))
            current = []
            bold = not bold
            opened_at = len(pieces) if bold else -1
            i += 2
            continue
        current.append(char)
        i += 1
    pieces.append(("".join(current), bold))
    if bold:
        problems.warn("unbalanced-bold", "'**' opens bold text that is never closed; the "
                      "asterisks are printed as written", source,
                      hint="close the bold run with **, or write \\*\\* for literal asterisks")
        head = pieces[:opened_at]
        tail = "".join(t for t, _ in pieces[opened_at:])
        pieces = head[:-1] + [(head[-1][0] + "**" + tail, False)] if head else [("**" + tail,
                                                                                 False)]
    runs: list[Run] = []
    for piece, emphasis in pieces:
        if not piece:
            continue
        if runs and runs[-1].emphasis == emphasis:
            runs[-1] = Run(runs[-1].text + piece, emphasis)
        else:
            runs.append(Run(piece, emphasis))
    return runs
