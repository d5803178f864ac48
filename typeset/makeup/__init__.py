"""Automatic make-up (自动组版, issue 19): a page from a list of items in priority order.

In: an `Edition` whose pages may say `make_up: auto` with `items:` (read by
`typeset.manifest.makeup_items`), the font book and image sizes. Out: `MakeupResult` — the
edition with each such page given a stack/row tree (`Page.containers`), which the fitting
pass then resolves like any stack; a `PageChoice` per page (the tree, its score, what was
tried) for `paiban make-up`; diagnostics for what cannot fit, in 字 and lines per item.
"""

from __future__ import annotations

from typeset.makeup.pass_ import MakeupResult, PageChoice, make_up_edition

__all__ = ["MakeupResult", "PageChoice", "make_up_edition"]
