"""Fitting (issue 18): stacks and rows resolved to plain slots whose heights come from the text.

In: an `Edition` whose pages may hold containers (`Page.containers`, read by
`typeset.manifest.stacks`), the font book and the images' pixel sizes. Out: a `FitResult` —
the same edition with every container's items given areas (so that each ends on its text: no
overset, no underset), what was done per item (`FitItem`, for `paiban fit`) and diagnostics
for what the levers could not absorb, in 字 and lines with the fix. Pure: no files are read.
"""

from __future__ import annotations

from typeset.fit.pass_ import FitItem, FitResult, fit_edition

__all__ = ["FitItem", "FitResult", "fit_edition"]
