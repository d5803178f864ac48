"""`paiban build --split`: the final PDF of each page in a file of its own.

In: the edition, the output folder (default out/), the pages (None = all) and the build
options. The edition is composed once (jumps join its pages); each page's PDF is then written
from that composition (`typeset.pipeline.write_composed`). Out: one PDF per page, named by
the layout's or edition's `output: split_name` pattern (model.split_names); exit 0 when every
page was written without errors, else 1 (the pages that could not be written keep their
previous files).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from typeset import pipeline
from typeset.cli.report import (EXIT_ERRORS, EXIT_OK, echo_diagnostics, json_text,
                                summary_line)
from typeset.diagnostics import has_errors
from typeset.outputs import write_text
from typeset.model.split_names import DEFAULT_SPLIT_NAME, split_name


def build_split(edition: Path, folder: Path | None, pages: set | None, *, allow_overset: bool,
                marks: bool, report: Path | None, verbose: bool) -> None:
    """Write every page (of `pages`) as its own final PDF in `folder`; never returns."""
    folder = folder or Path("out")
    composed = pipeline.compose(edition, pages=pages, allow_overset=allow_overset,
                                decode_check=False)  # the preparer decodes each photo once
    if composed.edition is None or composed.document is None:
        echo_diagnostics(composed.diagnostics, verbose=verbose)
        click.echo(f"not written ({summary_line(composed.diagnostics)})", err=True)
        sys.exit(EXIT_ERRORS)
    ed = composed.edition
    chosen = [p for p in ed.pages if pages is None or p.number in pages]
    targets = {page.number: folder / split_name(
        str(page.layout.output.get("split_name") or DEFAULT_SPLIT_NAME), ed, page)
        for page in chosen}
    refused = pipeline.refused_outputs(
        edition, ed, {**{f"page {n}": out for n, out in targets.items()}, "--report": report},
        pipeline.font_files(Path(ed.folder)))
    if refused:  # an input, or two pages (or the report) on one file: nothing is written
        echo_diagnostics(refused)
        click.echo(f"not written ({summary_line(refused)})", err=True)
        sys.exit(EXIT_ERRORS)
    if not composed.ok:  # no page is written: the skipped photo checks said once, not per page
        pipeline.add_skipped_photo_checks(composed)
    diagnostics, failed, written = list(composed.diagnostics), [], []
    frames = {frame.number: frame for frame in composed.document.pages}
    for page in chosen:
        if not composed.ok:
            failed.append(page.number)
            continue
        out = targets[page.number]
        document = replace(composed.document, pages=(frames[page.number],))
        result = pipeline.write_composed(
            replace(composed, document=document, diagnostics=list(composed.diagnostics),
                    outputs=[], timings={}), Path(edition), out, marks=marks)
        diagnostics += [d for d in result.diagnostics if d not in diagnostics]
        if result.outputs:
            written.append(str(out))
            click.echo(f"wrote {out} (page {page.number})")
        else:
            failed.append(page.number)
    echo_diagnostics(diagnostics, verbose=verbose)
    if report is not None:
        write_text(report, json_text({
            "ok": not failed and not has_errors(diagnostics), "written": bool(written),
            "output": written, "pages": [str(p.number) for p in chosen],
            "diagnostics": [d.to_json() for d in diagnostics], "stories": []}) + "\n")
    if failed:
        click.echo(f"not written: page {', '.join(map(str, failed))} "
                   f"({summary_line(diagnostics)})", err=True)
    sys.exit(EXIT_ERRORS if failed or has_errors(diagnostics) else EXIT_OK)
