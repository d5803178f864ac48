"""Tracking (字距, 压字/拉字): an even change of the space between characters.

In: a prepared paragraph (`Preparation`) and the style's `tracking` in em. Out: the same
preparation with `tracking × size` added to every piece's advance — after its glyphs, so the
next piece moves — but not to its line-end widths: a line's last character takes no tracking
and the measure is filled as before. A tracked text no longer sits on the 字 grid of the
columns (a column of 13 字 holds 13 ± a fraction); negative tracking (压字) brings the
characters closer, never below half their advance.
"""

from __future__ import annotations

from typeset.text.pieces import Preparation


def track(prep: Preparation, tracking: float) -> None:
    """Add `tracking` em (of the paragraph's size) after every piece of `prep`."""
    if not tracking or not prep.advance:
        return
    step = tracking * prep.em
    prep.advance = [a + max(step, -a / 2) if a else a for a in prep.advance]
