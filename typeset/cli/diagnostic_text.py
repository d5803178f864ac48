"""Diagnostics as the desk reads them on a terminal, or one line each for scripts.

In: `Diagnostic`s and a format: `human` (the default; like Typst's: a headline with severity
and code, the file:line:column and page/slot, the source line with a caret under the column,
the hint; coloured on a terminal) or `short` (`where: severity[code]: message (hint: …)`, one
line each); without a choice, `human` on a terminal and `plain` in a pipe (`where: severity:
message` and the hint on its own line, as logs are grepped). Out: text. Every piece of user text
(messages, ids, the quoted source line) is
made printable first: control characters are shown escaped (\\x1b, \\x07 …), never sent raw to
the terminal.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import click

from typeset.diagnostics import Diagnostic, Severity

FORMATS = ("human", "short")
COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
MAX_QUOTED = 200
"""Characters of a source line quoted at most (the caret's column is kept in view)."""


def printable(text: str) -> str:
    """`text` with control characters (C0, DEL, C1, and the bidi overrides) written as
    escapes; newlines inside a message stay newlines, tabs become a space."""
    out = []
    for ch in str(text):
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d\u200c":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _cells(text: str) -> int:
    """Terminal cells `text` takes (CJK and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _source_line(path: str, line: int) -> str | None:
    """Line `line` (1-based) of the file at `path`, or None (unreadable, too short, huge)."""
    try:
        file = Path(path)
        if not file.is_file() or file.stat().st_size > 20_000_000:
            return None
        with open(file, encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, 1):
                if number == line:
                    return text.rstrip("\r\n")
    except OSError:
        return None
    return None


def short(diag: Diagnostic) -> str:
    """One line: 'where: severity[code]: message (hint: …)'."""
    where = printable(diag.where())
    message = printable(diag.message).replace("\n", " ")
    head = f"{where}: " if where else ""
    hint = f" (hint: {printable(diag.hint)})" if diag.hint else ""
    return f"{head}{diag.severity.value}[{diag.code}]: {message}{hint}"


def human(diag: Diagnostic, colour: bool = False) -> str:
    """The headline, where, the quoted source line with a caret, and the hint."""
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    sev = diag.severity
    lines = [style(f"{sev.value}[{diag.code}]", fg=COLOURS[sev], bold=True)
             + style(f": {printable(diag.message)}", bold=True)]
    where = printable(diag.where())
    quoted = None
    if diag.source is not None and diag.source.line:
        quoted = _source_line(diag.source.file, diag.source.line)
    gutter = " " * (len(str(diag.source.line)) if quoted is not None else 1)
    if where:
        lines.append(f"{gutter}{style('-->', fg='blue')} {where}")
    if quoted is not None:
        column = max(1, diag.source.column or 1)
        text = quoted
        if len(text) > MAX_QUOTED:
            start = max(0, min(column - 1 - MAX_QUOTED // 2, len(text) - MAX_QUOTED))
            text = text[start:start + MAX_QUOTED]
            column -= start
        bar = style("|", fg="blue")
        lines.append(f"{gutter} {bar}")
        lines.append(f"{style(str(diag.source.line), fg='blue')} {bar} {printable(text)}")
        if diag.source.column:
            pad = _cells(printable(text[:column - 1]))
            lines.append(f"{gutter} {bar} {' ' * pad}" + style("^", fg=COLOURS[sev], bold=True))
    if diag.hint:
        lines.append(f"{gutter} {style('=', fg='blue')} hint: {printable(diag.hint)}")
    return "\n".join(lines)


def plain(diag: Diagnostic) -> str:
    """'where: severity: message' and '  hint: …' on the next line."""
    return printable(diag.format())


def render(diag: Diagnostic, fmt: str = "human", colour: bool = False) -> str:
    """`diag` in format `fmt` ('human', 'short' or 'plain')."""
    if fmt == "short":
        return short(diag)
    if fmt == "plain":
        return plain(diag)
    return human(diag, colour)
