"""Preflight findings and the report: each check's outcome is a `Diagnostic` (the one type of
typeset.diagnostics) whose code is the check id and whose page is the page it concerns.

In: findings from the checks (`failed` → error, `warned` → warning, `noted` and `passed` →
info, told apart by `status`). Out: a `Report` that knows whether the file passed, renders a
table for people and a dict for `--json`; a check that fails on many pages is summed up
(the first `SHOWN_PER_CHECK` pages, then one line with the count and the page range), so a
100,000-page file gives a short report.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import Diagnostic, Severity

STATUSES = ("fail", "warn", "note", "pass")
SHOWN_PER_CHECK = 10
"""Findings of one check and status listed one by one; the rest are summed up."""

Finding = Diagnostic
"""A preflight finding is a Diagnostic (code = check id; page; data with its figures)."""

_SEVERITY = {"fail": Severity.ERROR, "warn": Severity.WARNING, "note": Severity.INFO,
             "pass": Severity.INFO}


def _finding(status: str, check: str, message: str, page: int | None, data: dict
             ) -> Diagnostic:
    facts = tuple(sorted(data.items())) + (("status", status),)
    return Diagnostic(_SEVERITY[status], check, message, page=page, data=facts)


def passed(check: str, message: str = "ok", **data) -> Diagnostic:
    return _finding("pass", check, message, None, data)


def failed(check: str, message: str, page: int | None = None, **data) -> Diagnostic:
    return _finding("fail", check, message, page, data)


def warned(check: str, message: str, page: int | None = None, **data) -> Diagnostic:
    return _finding("warn", check, message, page, data)


def noted(check: str, message: str, page: int | None = None, **data) -> Diagnostic:
    return _finding("note", check, message, page, data)


def status(finding: Diagnostic) -> str:
    """'fail' | 'warn' | 'note' | 'pass' of a finding (from its severity and data)."""
    told = dict(finding.data).get("status")
    if told in STATUSES:
        return told
    return {Severity.ERROR: "fail", Severity.WARNING: "warn"}.get(finding.severity, "note")


def facts(finding: Diagnostic) -> dict:
    """The finding's figures (its data without the status)."""
    return {k: v for k, v in finding.data if k != "status"}


def summarised(findings: list[Diagnostic]) -> list[Diagnostic]:
    """`findings` with, per check and status, the first SHOWN_PER_CHECK kept and the rest
    replaced by one finding: '… and N more pages (pages a–b)'."""
    groups: dict[tuple[str, str], list[Diagnostic]] = {}
    for finding in findings:
        groups.setdefault((finding.code, status(finding)), []).append(finding)
    out: list[Diagnostic] = []
    for (check, state), group in groups.items():
        out += group[:SHOWN_PER_CHECK]
        rest = group[SHOWN_PER_CHECK:]
        if rest:
            pages = [f.page for f in rest if f.page is not None]
            span = f" (pages {min(pages)}–{max(pages)})" if pages else ""
            out.append(_finding(state, check, f"… and {len(rest):,} more like these{span}",
                                None, {"more": len(rest), "pages": pages}))
    return out


@dataclass
class Report:
    """All findings for one file under one profile."""

    file: str
    profile: str
    findings: list[Diagnostic]

    @property
    def passed(self) -> bool:
        return not any(status(f) == "fail" for f in self.findings)

    def statuses(self) -> dict[str, str]:
        """Worst status per check id (fail > warn > note > pass)."""
        worst: dict[str, str] = {}
        for f in self.findings:
            current = worst.get(f.code)
            if current is None or STATUSES.index(status(f)) < STATUSES.index(current):
                worst[f.code] = status(f)
        return worst

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if status(f) == s) for s in STATUSES}

    def to_json(self) -> dict:
        """The report as data: every finding as a diagnostic plus its check and status
        (summed up as in the table; a summary's data lists every page it stands for)."""
        return {
            "file": self.file, "profile": self.profile, "passed": self.passed,
            "summary": self.statuses(), "counts": self.counts(),
            "findings": [{**f.to_json(), "check": f.code, "status": status(f),
                          "data": facts(f)} for f in summarised(self.findings)],
        }

    def table(self) -> str:
        """A fixed-width table: status, check, page, message; then the verdict."""
        rows = sorted(summarised(self.findings), key=lambda f: (
            STATUSES.index(status(f)), f.code, f.page or 0))
        width = max([len(f.code) for f in rows] + [5])
        lines = [f"{'status':6}  {'check':{width}}  {'page':>4}  message",
                 f"{'-' * 6}  {'-' * width}  {'-' * 4}  {'-' * 40}"]
        for f in rows:
            page = str(f.page) if f.page is not None else ""
            lines.append(f"{status(f).upper():6}  {f.code:{width}}  {page:>4}  {f.message}")
        counts = self.counts()
        verdict = "PASSED" if self.passed else "FAILED"
        lines.append("")
        lines.append(f"{self.file}: {verdict} preflight '{self.profile}' "
                     f"({counts['fail']} failed, {counts['warn']} warnings, "
                     f"{counts['note']} notes, {counts['pass']} passed)")
        return "\n".join(lines)
