"""Reading a user's text file safely: size limit, strict UTF-8, no stray control characters.

In: a path (and a size limit). Out: the text with line ends normalised to '\\n' and a leading
byte-order mark removed; or an `InputError` whose diagnostics name the file, line and column
of the first undecodable byte, or of every forbidden character (C0/C1 controls other than
newline and tab, lone surrogates, noncharacters).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from typeset.diagnostics import Diagnostic, InputError, SourceRef, error

MAX_MANIFEST_BYTES = 1_000_000
"""A manifest or layout larger than this is refused (a real one is a few kilobytes)."""
MAX_STORY_BYTES = 4_000_000
"""A story file larger than this is refused (a long feature is ~30 KB)."""
MAX_BAD_CHARS = 20
"""Stop listing forbidden characters after this many (the hint says there are more)."""


def read_text(path: Path, *, limit: int, what: str = "file", label: str | None = None) -> str:
    """The text of `path`, checked: exists, is a file, at most `limit` bytes, valid UTF-8.
    `label` is how the file is named in messages (default: the path)."""
    shown = label or str(path)
    try:
        if not path.is_file():
            hint = ("it is a folder, not a file" if path.is_dir()
                    else "check the name, or create the file")
            raise InputError([error("missing-file", f"{what} not found: {shown}",
                                    source=SourceRef(shown), hint=hint)])
        size = path.stat().st_size
        if size > limit:
            raise InputError([error(
                "file-too-large", f"{what} is {size:,} bytes, more than the limit of {limit:,}",
                source=SourceRef(shown), hint="split it, or check that this is the right file")])
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError([error("unreadable-file", f"cannot read {what} {shown}: "
                                f"{exc.strerror or exc}", source=SourceRef(shown),
                                hint="check the file's permissions")]) from None
    if len(data) > limit:
        raise InputError([error("file-too-large", f"{what} is larger than {limit:,} bytes",
                                source=SourceRef(shown))])
    return decode_text(data, shown)


def decode_text(data: bytes, file: str) -> str:
    """Bytes → text: strict UTF-8 (BOM dropped), CRLF/CR → LF, forbidden characters refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        bad = data[exc.start:exc.end].hex(" ")
        raise InputError([error(
            "bad-encoding", f"not valid UTF-8: byte(s) {bad} ({exc.reason})",
            source=SourceRef(file, line, column),
            hint="save the file as UTF-8 (GBK/GB18030 files must be converted, e.g. with "
                 "iconv -f GB18030 -t UTF-8)")]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = find_bad_chars(text, file)
    if problems:
        raise InputError(problems)
    return text


BAD_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]")
"""The characters `is_bad_char` refuses, as one pattern (a clean file is scanned in C)."""


def is_bad_char(char: str) -> bool:
    """True for characters a story or manifest may not contain: controls other than newline
    and tab, surrogates, and Unicode noncharacters."""
    code = ord(char)
    if char in "\n\t":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):
        return True
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def describe_char(char: str) -> str:
    """'U+0007 (BELL)' — the code point and its name, for messages."""
    name = unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cs":
        name = "lone surrogate"
    elif not name and unicodedata.category(char) == "Cc":
        name = "control character"
    return f"U+{ord(char):04X} ({name or 'noncharacter'})"


def find_bad_chars(text: str, file: str, first_line: int = 1,
                   first_column: int = 1) -> list[Diagnostic]:
    """One error per forbidden character in `text` (at most MAX_BAD_CHARS), with line and
    column counted from (`first_line`, `first_column`)."""
    problems: list[Diagnostic] = []
    if not BAD_CHARS.search(text):
        return problems
    line, column = first_line, first_column
    for char in text:
        if is_bad_char(char):
            if len(problems) == MAX_BAD_CHARS:
                problems.append(error("bad-character", "more forbidden characters follow",
                                      source=SourceRef(file, line, column),
                                      hint="clean the whole file"))
                break
            problems.append(error(
                "bad-character", f"forbidden character {describe_char(char)} in text",
                source=SourceRef(file, line, column),
                hint="delete it; control characters and lone surrogates usually come from "
                     "copying out of another program"))
        if char == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    return problems
