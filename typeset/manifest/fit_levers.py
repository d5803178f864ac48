"""A layout's copyfit levers: the `fit:` mapping of layouts/*.yaml → plain, checked values.

In: the layout's `MapReader`. Out: a dict for `Layout.fit` (read by `typeset.fit.levers`):

    fit:
      order: [photo, headline, gap, foot]   # levers in the order they are used
      photo_lines: 4        # a photo in a story: ± grid lines (cropped around its focus)
      photo_share: 0.3      # a standalone photo: ± this share of its picture height
      headline_steps: 1     # the 主题 in up to this many lines fewer (size ladder down)
      gap_lines: 1          # empty lines between two modules of a stack, at most
      foot_lines: 2         # a story's text may end this many lines above its slot's foot
      spacing_lines: 1      # 引题/副题 spacing: the headline group a line tighter or looser
      tracking: 0.08        # 压字/拉字: ± em between one story's characters, at most
      tracking_step: 0.02   # … in steps of this
"""

from __future__ import annotations

from typeset.manifest.fields import MapReader, Problems, suggestion
from typeset.manifest.yamlpos import YList

LEVERS = ("photo", "headline", "gap", "foot", "spacing", "tracking")
FIT_KEYS = ("order", "photo_lines", "photo_share", "headline_steps", "gap_lines", "foot_lines",
            "spacing_lines", "tracking", "tracking_step")


def read_fit(top: MapReader, problems: Problems) -> dict:
    """The layout's `fit:` settings ({} when absent)."""
    f = top.mapping("fit", "fit", FIT_KEYS)
    if f is None:
        return {}
    out: dict = {}
    if f.has("order"):
        order = f.raw("order")
        if not isinstance(order, YList) or not all(isinstance(o, str) for o in order):
            problems.error("wrong-type", "'order' must be a list of lever names",
                           f.at("order"), hint="order: [photo, headline, gap, foot]")
        else:
            for name in order:
                if name not in LEVERS:
                    problems.error("bad-value", f"unknown lever '{name}'", f.at("order"),
                                   hint=suggestion(name, LEVERS, "levers"))
            out["order"] = tuple(o for o in order if o in LEVERS)
    for key, high in (("photo_lines", 40), ("headline_steps", 3), ("gap_lines", 3),
                      ("foot_lines", 10), ("spacing_lines", 1)):
        if f.has(key):
            out[key] = f.integer(key, 0, low=0, high=high, example="1")
    if f.has("photo_share"):
        out["photo_share"] = f.number("photo_share", 0.3, low=0.0, high=0.9, example="0.3")
    if f.has("tracking"):
        out["tracking"] = f.number("tracking", 0.08, low=0.0, high=0.15, example="0.08")
    if f.has("tracking_step"):
        out["tracking_step"] = f.number("tracking_step", 0.02, low=0.005, high=0.05,
                                        example="0.02")
    return out
