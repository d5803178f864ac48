"""Scaffold placeholders (12.8): text `paiban new` writes for the desk to replace.

In: a text value read from a manifest or story and where it starts. Out: a `placeholder`
warning when the value still carries `MARK`, the marker every example value of the scaffold
begins with (【待填】 'to be filled in'): recognised by the marker, not by matching example
strings, so an edited value that kept the marker is still caught and a real headline is never
taken for one. Placeholders and empty stories are warnings carrying `BLOCKS_BUILD` in their
`data`: a proof shows them, the final build (and its check verdict) refuses them.
"""

from __future__ import annotations

from typeset.diagnostics import SourceRef

MARK = "【待填】"
"""Starts every value `paiban new` writes as an example; the desk replaces the whole value."""
BLOCKS_BUILD = ("blocks_build", True)
"""In a diagnostic's `data`: an error for the final build (`build`, `check`), a warning for
`proof` and `preview`. Codes carrying it: `placeholder`, `empty-story`."""


def mark(text: str) -> str:
    """`text` as the scaffold writes it: with the placeholder marker in front."""
    return MARK + text


def find_placeholder(text: str, source: SourceRef | None, problems, what: str = "",
                     *, at_marker: bool = False) -> bool:
    """Record a `placeholder` warning when `text` carries the marker; True when it did.
    `source` is where the value starts (the column is moved to the marker when on one line),
    or with `at_marker` where the marker itself is."""
    at = text.find(MARK)
    if at < 0:
        return False
    if not at_marker and source is not None and source.column and "\n" not in text[:at]:
        source = SourceRef(source.file, source.line, source.column + at)
    shown = text if len(text) <= 30 else text[:30] + "…"
    problems.warn("placeholder", f"placeholder text still here{' in ' + what if what else ''}: "
                  f"'{shown}'", source,
                  hint=f"replace it with the real text (and delete {MARK})",
                  data=(BLOCKS_BUILD, ("text", text)))
    return True
