"""Preflight findings and the report: one `Finding` per check id (and page), plus formatting.

In: findings from the checks. Out: a `Report` that knows whether the file passed, renders a
table for people and a dict for `--json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("fail", "warn", "note", "pass")


@dataclass(frozen=True)
class Finding:
    """One check's outcome. status: pass | warn | fail | note (could not check: tool absent)."""

    check: str
    status: str
    message: str
    page: int | None = None
    data: dict = field(default_factory=dict, hash=False, compare=False)

    def to_json(self) -> dict:
        return {"check": self.check, "status": self.status, "message": self.message,
                "page": self.page, "data": self.data}


def passed(check: str, message: str = "ok", **data) -> Finding:
    return Finding(check, "pass", message, None, data)


def failed(check: str, message: str, page: int | None = None, **data) -> Finding:
    return Finding(check, "fail", message, page, data)


def warned(check: str, message: str, page: int | None = None, **data) -> Finding:
    return Finding(check, "warn", message, page, data)


def noted(check: str, message: str, page: int | None = None, **data) -> Finding:
    return Finding(check, "note", message, page, data)


@dataclass
class Report:
    """All findings for one file under one profile."""

    file: str
    profile: str
    findings: list[Finding]

    @property
    def passed(self) -> bool:
        return not any(f.status == "fail" for f in self.findings)

    def statuses(self) -> dict[str, str]:
        """Worst status per check id (fail > warn > note > pass)."""
        worst: dict[str, str] = {}
        for f in self.findings:
            current = worst.get(f.check)
            if current is None or STATUSES.index(f.status) < STATUSES.index(current):
                worst[f.check] = f.status
        return worst

    def to_json(self) -> dict:
        return {
            "file": self.file, "profile": self.profile, "passed": self.passed,
            "summary": self.statuses(),
            "findings": [f.to_json() for f in self.findings],
        }

    def table(self) -> str:
        """A fixed-width table: status, check, page, message; then the verdict."""
        rows = sorted(self.findings, key=lambda f: (STATUSES.index(f.status), f.check,
                                                    f.page or 0))
        width = max([len(f.check) for f in rows] + [5])
        lines = [f"{'status':6}  {'check':{width}}  {'page':>4}  message",
                 f"{'-' * 6}  {'-' * width}  {'-' * 4}  {'-' * 40}"]
        for f in rows:
            page = str(f.page) if f.page is not None else ""
            lines.append(f"{f.status.upper():6}  {f.check:{width}}  {page:>4}  {f.message}")
        counts = {s: sum(1 for f in self.findings if f.status == s) for s in STATUSES}
        verdict = "PASSED" if self.passed else "FAILED"
        lines.append("")
        lines.append(f"{self.file}: {verdict} preflight '{self.profile}' "
                     f"({counts['fail']} failed, {counts['warn']} warnings, "
                     f"{counts['note']} notes, {counts['pass']} passed)")
        return "\n".join(lines)
