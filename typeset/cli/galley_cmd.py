"""`paiban galley [--measure N] [--layout NAME] [--style body] [--level basic|strict]
[--indent EM] [--json] FILE|-`: set plain text at a column width so editors can write to fit.

In: a UTF-8 text file (one paragraph per line; '-' = standard input). Out: the set lines, one
per line (or JSON `{"measure_em": N, "paragraphs": [{"lines": [...]}]}`); the composer's
diagnostics go to standard error. Exit 0 ok, 1 errors (unknown layout or style, bad
composition settings, characters no font covers), 2 usage errors (unreadable file).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import click

from typeset.cli.report import DIAGNOSTIC_FORMAT, echo_diagnostics
from typeset.diagnostics import InputError, Severity
from typeset.fonts import FontBook, FontError
from typeset.galley import galley_result
from typeset.manifest.fonts_config import load_font_roles
from typeset.manifest.layout_file import load_layout_with_warnings
from typeset.manifest.source import MAX_STORY_BYTES, find_bad_chars
from typeset.project import find_project_root
from typeset.text import CompositionRules

DEFAULT_LAYOUT = "broadsheet-8col"
MAX_GALLEY_BYTES = MAX_STORY_BYTES
"""Input larger than a story may be is refused (read no further)."""


def _finite(_ctx, _param, value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of characters (give e.g. 13)")
    return value


@click.command(short_help="Set plain text at a column width, to write to fit.")
@click.option("--measure", type=click.FloatRange(min=0.5, max=1000), callback=_finite,
              help="Column width in characters (em of the style's size); default: the "
                   "layout's body column.")
@click.option("--layout", "layout_name", default=DEFAULT_LAYOUT, show_default=True,
              help="Page template in layouts/ (for the default measure, style and rules).")
@click.option("--style", "style_name", default="body", show_default=True,
              help="Text style of the layout to set in.")
@click.option("--level", type=click.Choice(["basic", "strict"]),
              help="避头尾 level (default: the layout's composition setting).")
@click.option("--indent", type=click.FloatRange(min=0, max=100), callback=_finite,
              help="First-line indent in em (default: the style's; 0 = none, a text that "
                   "begins with U+3000 keeps those characters).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of plain lines.")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder holding layouts/ and fonts/ (default: found from here).")
@click.argument("file", type=str)
@DIAGNOSTIC_FORMAT
def galley(measure: float | None, layout_name: str, style_name: str, level: str | None,
           indent: float | None, as_json: bool, project: Path | None, file: str) -> None:
    """Set FILE (one paragraph per line; '-' for standard input) at a column width."""
    text = _read(file)
    root = project or find_project_root()
    try:
        layout, layout_warnings = load_layout_with_warnings(layout_name, root)
        fonts = FontBook.resolve(load_font_roles(root), root / "fonts")
    except InputError as exc:
        echo_diagnostics(exc.diagnostics)
        sys.exit(1)
    except FontError as exc:
        _fail(str(exc), 1)
    echo_diagnostics(layout_warnings)
    try:
        style = layout.style(style_name)
    except KeyError as exc:
        _fail(str(exc.args[0]), 1)
    try:
        rules = CompositionRules.from_mapping(layout.composition)
        if level:
            rules = CompositionRules.from_mapping({**layout.composition, "kinsoku": level})
    except (TypeError, ValueError) as exc:
        _fail(f"layout {layout.name}: {exc}", 1)
    measure_em = measure if measure is not None else layout.column_width / style.size
    try:
        result, diagnostics = galley_result(text, measure_em=measure_em, style=style,
                                            fonts=fonts, rules=rules, indent_em=indent,
                                            source="<stdin>" if file == "-" else file)
    except KeyError as exc:        # a style naming a font role fonts.yaml does not define
        _fail(str(exc.args[0]), 1)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1, allow_nan=False))
    else:
        for paragraph in result["paragraphs"]:
            for line in paragraph["lines"] or [""]:
                click.echo(line)
    echo_diagnostics(diagnostics)
    sys.exit(1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0)


def _read(file: str) -> str:
    """The text of FILE ('-': standard input), at most MAX_GALLEY_BYTES (a device such as
    /dev/zero is read no further), strict UTF-8, and refused like a story when it holds
    control characters (NUL, BEL, ESC …): their diagnostics name the line and column."""
    try:
        if file == "-":
            stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
            data = stream.read(MAX_GALLEY_BYTES + 1) if stream is not None else \
                sys.stdin.read(MAX_GALLEY_BYTES + 1).encode("utf-8", "surrogatepass")
        else:
            with open(file, "rb") as handle:
                data = handle.read(MAX_GALLEY_BYTES + 1)
    except OSError as exc:
        _fail(f"cannot read {file}: {exc.strerror or exc}", 2)
    if len(data) > MAX_GALLEY_BYTES:
        _fail(f"{file} is larger than {MAX_GALLEY_BYTES:,} bytes: galley sets a story's text, "
              "not a whole file system (give a story file)", 2)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail(f"{file} is not UTF-8 text (byte {exc.start}): save it as UTF-8", 2)
    problems = find_bad_chars(text.replace("\r\n", "\n").replace("\r", "\n"),
                              "<stdin>" if file == "-" else file)
    if problems:
        echo_diagnostics(problems)
        sys.exit(1)
    return text


def _fail(message: str, code: int):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
