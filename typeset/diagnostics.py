"""Diagnostics: what went wrong or needs the desk's attention, as values, never prints.

Every stage returns or collects `Diagnostic`s; the CLI decides how to show them (text or JSON)
and which exit code they mean. A manifest problem carries file, line and column; a layout
problem carries page, slot and story.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import Enum


class Severity(str, Enum):
    """How bad: an error stops a final build, a warning is shown, info is for reports."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class SourceRef:
    """A place in a user's file: path, 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    """One finding. `code` is a stable id (e.g. 'overset', 'unknown-key') for tools and tests."""

    severity: Severity
    code: str
    message: str
    source: SourceRef | None = None
    page: int | None = None
    slot: str | None = None
    story: str | None = None
    hint: str = ""
    data: tuple[tuple[str, object], ...] = ()
    """Extra machine-readable facts (e.g. ('characters', 214))."""

    def where(self) -> str:
        """'file:line:col' for input problems, 'page N, slot S' for layout ones, both
        ('edition.yaml:12:5 (page 2, slot a1)') when a layout finding has a manifest line."""
        place = self.place()
        if self.source is not None:
            return f"{self.source} ({place})" if place else str(self.source)
        return place

    def place(self) -> str:
        """'page N, slot S, story T' (the parts that are known), or ''."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.slot:
            parts.append(f"slot {self.slot}")
        if self.story and self.story != self.slot:
            parts.append(f"story {self.story}")
        return ", ".join(parts)

    def format(self) -> str:
        """One human line (plus the hint on its own line when there is one)."""
        where = self.where()
        head = f"{where}: {self.severity.value}: {self.message}" if where else (
            f"{self.severity.value}: {self.message}"
        )
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def to_json(self) -> dict:
        """Plain data for --json output and build reports."""
        out = asdict(self)
        out["severity"] = self.severity.value
        out["source"] = asdict(self.source) if self.source else None
        out["data"] = {k: v for k, v in self.data}
        out["where"] = self.where()
        return out


def error(code: str, message: str, **kw) -> Diagnostic:
    """Shorthand for an ERROR diagnostic."""
    return Diagnostic(Severity.ERROR, code, message, **kw)


def warning(code: str, message: str, **kw) -> Diagnostic:
    """Shorthand for a WARNING diagnostic."""
    return Diagnostic(Severity.WARNING, code, message, **kw)


def info(code: str, message: str, **kw) -> Diagnostic:
    """Shorthand for an INFO diagnostic."""
    return Diagnostic(Severity.INFO, code, message, **kw)


def scoped(diag: Diagnostic, *, page: int | None = None, slot: str | None = None,
           story: str | None = None, source: SourceRef | None = None) -> Diagnostic:
    """`diag` with the page, slot, story and source it lacks filled in (what it names itself
    is kept): the one way a stage addresses the diagnostics of the stage below it."""
    return replace(diag, page=diag.page if diag.page is not None else page,
                   slot=diag.slot or slot, story=diag.story or story,
                   source=diag.source or source)


def has_errors(diagnostics) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


class InputError(Exception):
    """Raised by loaders for user mistakes; carries the diagnostics that explain them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
