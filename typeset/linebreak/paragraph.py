"""set_paragraph: one paragraph of runs → justified lines, with diagnostics.

In: `Run`s, a `TextStyle`, the `FontBook`, the measure in pt, `CompositionRules`, optional
indent (em) and alignment overrides. Out: a `SetParagraph` (its lines and its diagnostics).
Pure and deterministic; results are memoised in the build session on the (frozen) inputs,
because a build sets the same paragraph many times (`set_paragraph.uncached` skips that).

The verbs, one per level: `prepare` a paragraph (typeset/text), `Breaker.breaks` chooses its
line breaks, `set_line` sets one line, `set_paragraph` does all three; `typeset.compose`
composes pages out of set paragraphs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from typeset.diagnostics import Diagnostic, error, info, warning
from typeset.fonts.book import FontBook
from typeset.model.layout import TextStyle
from typeset.model.story import Run
from typeset.session import memoised
from typeset.text import classes as C
from typeset.linebreak.breaking import FORCED, Breaker
from typeset.linebreak.justify import set_line, snap_table
from typeset.linebreak.lines import SetLine, SetParagraph
from typeset.linebreak.measure import LineMeasure
from typeset.text.pieces import KINSOKU, LEGAL, UNIT, Preparation
from typeset.text.prepare import prepare
from typeset.text.phrases import keep_words
from typeset.text.rules import CompositionRules

ALIGNMENTS = ("justify", "left", "center", "right", "distribute")
SHORT_TEXT = 24
"""Texts up to this many characters (headlines, labels) take the first-fit path."""


def set_paragraph(runs: Sequence[Run], style: TextStyle, fonts: FontBook, measure: float,
                  rules: CompositionRules = CompositionRules(), *, indent: float | None = None,
                  align: str | None = None, phrases: bool = False) -> SetParagraph:
    """Set one paragraph at `measure` pt (see the module docstring and the package README).

    Emphasis runs use style.emphasis_font / emphasis_latin. `indent` (em) overrides
    style.indent; a paragraph that already begins with white space (U+3000 …) gets no
    automatic indent. `align` overrides style.align. `phrases`: display text, broken only
    between words when any such break fits (typeset/text/phrases.py).
    """
    key_runs = tuple(r if isinstance(r, Run) else Run(str(r)) for r in runs)
    return _set_memoised(key_runs, style, fonts, float(measure), rules,
                         None if indent is None else float(indent), align, bool(phrases))


@memoised("linebreak.paragraphs", 8192)
def _set_memoised(runs, style, fonts, measure, rules, indent, align, phrases) -> SetParagraph:
    return _set_uncached(runs, style, fonts, measure, rules, indent=indent, align=align,
                         phrases=phrases)


def _set_uncached(runs: Sequence[Run], style: TextStyle, fonts: FontBook, measure: float,
                  rules: CompositionRules = CompositionRules(), *,
                  indent: float | None = None, align: str | None = None,
                  phrases: bool = False) -> SetParagraph:
    """`set_paragraph` without the session's memo."""
    diags: list[Diagnostic] = []
    align = align or style.align or "justify"
    if align not in ALIGNMENTS:
        diags.append(error("unknown-alignment", f"unknown alignment {align!r} in style "
                           f"'{style.name}'; set justified",
                           hint=f"use one of {', '.join(ALIGNMENTS)}"))
        align = "justify"
    prep = prepare(runs, style, fonts, rules)
    text = prep.text
    if not prep.char_class:
        return SetParagraph(text, (), tuple(diags))
    em = style.size
    indent_em = style.indent if indent is None else indent
    if text[:1] in (" ", "\u3000", "\t"):
        indent_em = 0.0
    indent_pt = max(0.0, indent_em * em)
    first = max(0.0, measure - indent_pt)
    if phrases and sum(prep.advance) + sum(prep.latin_gap) > first:
        keep_words(prep)  # a display text on one line breaks nowhere: no segmenter needed
    breaker = Breaker(LineMeasure(prep), measure, first, ragged_last=align != "distribute",
                      avoid_orphan=rules.avoid_orphan, url_breaks=rules.url_breaks,
                      loose_limit=rules.loose_limit)
    optimal = rules.optimal and align in ("justify", "distribute") and len(text) > SHORT_TEXT
    breaks = breaker.breaks(optimal)
    lines: list[SetLine] = []
    snapped = snap_table()
    for number, b in enumerate(breaks):
        is_last = number == len(breaks) - 1
        x0 = indent_pt if b.start == 0 else 0.0
        line = set_line(prep, b.start, b.end, measure=measure, width=measure - x0, x0=x0,
                        last=is_last, align=align, snapped=snapped)
        lines.append(line)
        if line.overfull > 0.0005:
            diags.append(warning(
                "overfull", f"line {number + 1} “{_excerpt(line.text)}” is {line.overfull:.2f} pt "
                f"wider than the {measure:.2f} pt measure",
                hint="widen the column or edit the text", data=(("line", number + 1),
                                                                ("overfull", line.overfull))))
        if not is_last and b.kind == FORCED:
            diags.extend(_forced(prep, b.end, number + 1, line.text))
    diags.extend(missing_glyphs(prep, f"“{_excerpt(text)}”"))
    hidden = _unprinted(prep)
    if hidden:
        listed = ", ".join(f"U+{ord(c):04X}" for c in hidden)
        diags.append(warning(
            "invisible-character", f"{len(hidden)} invisible formatting character(s) {listed} in "
            f"“{_excerpt(text)}” are not printed and not in the PDF's text",
            hint="delete them unless they are wanted (zero-width spaces and direction marks "
                 "usually come from copying out of a web page)",
            data=(("characters", "".join(hidden)),)))
    diags.extend(missing_roles(prep))
    return SetParagraph(text, tuple(lines), tuple(diags))


def missing_glyphs(prep: Preparation, where: str) -> list[Diagnostic]:
    """The error for the characters of `prep` no face covers (set as blank ems), naming
    `where` (the text, quoted, or what it is); [] when every character is covered."""
    if not prep.missing:
        return []
    chars = sorted(set("".join(prep.missing)))
    listed = ", ".join(f"U+{ord(c):04X} {c}" for c in chars)
    return [error("missing-glyph", f"no font covers {len(chars)} character(s): {listed} in "
                  f"{where}", hint="choose a font role that covers them, or edit the text",
                  data=(("characters", "".join(chars)),))]


def missing_roles(prep: Preparation) -> list[Diagnostic]:
    """A warning per font role `prep` asked for that the font book does not define."""
    return [warning("missing-font-role", f"font role '{role}' is not defined; used the "
                    f"style's regular role instead", hint="define it in fonts/fonts.yaml")
            for role in sorted(set(prep.notes))]


set_paragraph.uncached = _set_uncached  # type: ignore[attr-defined]
"""`set_paragraph` without the session's memo (benchmarks, property tests)."""


def _unprinted(prep) -> list[str]:
    """Zero-width and format characters that became a piece with no glyph (so their text is
    in no glyph run), sorted; white space and uncovered characters are reported elsewhere."""
    if all(prep.glyphs):                    # every piece drew a glyph (nearly always)
        return []
    found = set()
    for k, glyphs in enumerate(prep.glyphs):
        if not glyphs and prep.char_class[k] in (C.ZW, C.EX):
            found.update(c for c in prep.text[prep.starts[k]:prep.starts[k + 1]]
                         if not unicodedata.category(c).startswith("M"))  # marks: missing-glyph
    return sorted(found)


def _forced(prep, e: int, number: int, text: str) -> list[Diagnostic]:
    kind = prep.break_after[e] if e < len(prep.break_after) - 1 else LEGAL
    if kind == KINSOKU:
        return [warning("kinsoku-forced", f"line {number} “{_excerpt(text)}” breaks where 避头尾 "
                        f"forbids it: no legal break fits the measure",
                        hint="edit the text or widen the column", data=(("line", number),))]
    if kind == UNIT:
        nxt = prep.text[prep.starts[e + 1]:prep.starts[e + 1] + 1]
        what = "a word" if C.classify(nxt) in (C.LA, C.LP) else "an unbreakable unit"
        return [info("word-broken", f"line {number} “{_excerpt(text)}” breaks inside {what} "
                     f"longer than the column", data=(("line", number),))]
    return []


def _excerpt(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
