"""Text styles and colours of a page template: the `styles:` and `rules:` parts of a layout.

In: the YAML mappings (with positions) and the font roles the project defines. Out:
`TextStyle`s and `RuleStyle`s for `model.layout`; every problem (unknown role, bad size,
missing required style, a `based_on` loop …) recorded in `Problems` with file:line:column.
"""

from __future__ import annotations

from typeset.frame import BLACK, CMYK
from typeset.manifest.fields import MapReader, Problems, kind_of, suggestion
from typeset.manifest.yamlpos import YList, YMap
from typeset.model.layout import RuleStyle, TextStyle
from typeset.units import ZIHAO

REQUIRED_STYLES = (
    "body", "dateline", "byline", "signature", "kicker", "headline-1", "headline-2",
    "headline-3", "deck", "banner", "label", "caption", "credit", "jump", "continued",
    "running-head", "folio", "masthead", "ear", "ad",
)
"""Every layout defines these: the composer asks for them by name."""

STYLE_KEYS = ("based_on", "font", "latin", "size", "leading", "color", "align", "indent",
              "tracking", "emphasis_font", "emphasis_latin", "size_ladder", "max_lines",
              "max_chars", "space_before", "description")
ALIGNS = ("justify", "left", "center", "right", "distribute")
RULE_KEYS = ("width", "color")
MAX_TYPE_SIZE = 400.0
"""Largest type size accepted in pt (a masthead may be huge, but not this huge)."""


def read_color(value: object, where, problems: Problems, key: str = "color") -> CMYK | None:
    """[c, m, y, k] in percent → CMYK (0..1); None after recording an error."""
    example = f"{key}: [0, 0, 0, 100]"
    if not isinstance(value, YList) or len(value) != 4:
        problems.error("bad-color", f"'{key}' must be a CMYK list of four percentages, got "
                       f"{kind_of(value)}", where, hint=f"write e.g. {example} (black) or "
                       f"[0, 100, 100, 0] (red)")
        return None
    channels = []
    for item, item_at in zip(value, value.item_sources):
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not 0 <= item <= 100:
            problems.error("bad-color", f"colour channel {kind_of(item)} is not a percentage "
                           "0..100", item_at, hint=f"write e.g. {example}")
            return None
        channels.append(round(float(item) / 100.0, 6))
    return CMYK(*channels)


def read_rule(data: object, where, problems: Problems, what: str,
              default: RuleStyle | None) -> RuleStyle | None:
    """A rule {width, color}; `none` or false switches it off (returns None)."""
    if data is None or data is False or data == "none":
        return None
    reader = MapReader(data, problems, what, RULE_KEYS, where=where)
    width = reader.length("width", default.width if default else 0.5, high=20,
                          example="0.5pt")
    color = BLACK
    if reader.has("color"):
        color = read_color(reader.raw("color"), reader.at("color"), problems) or BLACK
    elif default:
        color = default.color
    return RuleStyle(width, color)


def read_styles(data: object, where, problems: Problems, roles: set[str],
                body_size: float) -> dict[str, TextStyle]:
    """The `styles:` mapping → {name: TextStyle}, with `based_on` inheritance resolved."""
    if not isinstance(data, YMap):
        problems.error("wrong-type", "'styles' must be a mapping of style names to styles",
                       where, hint="write styles: {body: {font: body, size: 小五}, …}")
        return {}
    raw: dict[str, MapReader] = {}
    for name, value in data.items():
        raw[name] = MapReader(value, problems, f"style '{name}'", STYLE_KEYS,
                              where=data.value_source(name))
    missing = [n for n in REQUIRED_STYLES if n not in raw]
    if missing:
        problems.error("missing-style", f"the layout lacks styles: {', '.join(missing)}",
                       where, hint="every layout defines " + ", ".join(REQUIRED_STYLES))
    styles: dict[str, TextStyle] = {}
    for name in raw:
        _resolve(name, raw, styles, problems, roles, body_size, [])
    return styles


def _resolve(name: str, raw: dict[str, MapReader], done: dict[str, TextStyle],
             problems: Problems, roles: set[str], body_size: float, chain: list[str]) -> TextStyle:
    if name in done:
        return done[name]
    reader = raw[name]
    base = TextStyle(name, size=body_size)
    if reader.has("based_on"):
        parent = reader.text("based_on")
        if parent in chain or parent == name:
            problems.error("style-loop", f"style '{name}' is based on '{parent}', which is "
                           f"based on '{name}' again ({' → '.join(chain + [name, parent])})",
                           reader.at("based_on"), hint="break the loop")
        elif parent not in raw:
            problems.error("unknown-style", f"style '{name}' is based on unknown style "
                           f"'{parent}'", reader.at("based_on"), hint=suggestion(
                               parent, raw, "styles"))
        else:
            base = _resolve(parent, raw, done, problems, roles, body_size, chain + [name])
    style = _read_style(name, reader, base, problems, roles)
    done[name] = style
    return style


def _read_style(name: str, r: MapReader, base: TextStyle, problems: Problems,
                roles: set[str]) -> TextStyle:
    def role(key: str, default: str) -> str:
        value = r.text(key, default, example="body")
        if value not in roles:
            problems.error("unknown-font-role", f"style '{name}': font role '{value}' is not "
                           "defined in fonts/fonts.yaml", r.at(key),
                           hint=suggestion(value, roles, "roles"))
            return default
        return value

    size = r.length("size", base.size, high=MAX_TYPE_SIZE, example="小五")
    ladder = base.size_ladder if not r.has("size_ladder") else _ladder(r, size, problems)
    inherited = base.leading * size / base.size if base.leading and base.size else 0.0
    leading = round(r.length("leading", inherited, em=size, high=MAX_TYPE_SIZE * 2,
                             example="1.2em"), 3)
    if r.has("leading") and leading and leading < size * 0.8:
        problems.warn("tight-leading", f"style '{name}': leading {leading:g}pt is much less "
                      f"than the size {size:g}pt; lines will collide", r.at("leading"),
                      hint=f"leading: {round(size * 1.2, 2):g}pt (1.2em) or more")
    color = base.color
    if r.has("color"):
        color = read_color(r.raw("color"), r.at("color"), problems) or base.color
    tracking = r.number("tracking", base.tracking, low=-0.5, high=2.0, example="0.1")
    if name == "body" and tracking < 0:
        problems.error("out-of-range", "the body style may not have negative tracking",
                       r.at("tracking"), hint="tracking: 0")
        tracking = 0.0
    return TextStyle(
        name=name,
        font=role("font", base.font),
        latin=role("latin", base.latin),
        size=size,
        leading=leading,
        color=color,
        align=r.choice("align", ALIGNS, base.align),
        indent=r.number("indent", base.indent, low=0, high=20, example="2"),
        tracking=tracking,
        emphasis_font=role("emphasis_font", base.emphasis_font),
        emphasis_latin=role("emphasis_latin", base.emphasis_latin),
        size_ladder=ladder,
        max_lines=r.integer("max_lines", base.max_lines, low=0, high=20, example="2"),
        max_chars=r.integer("max_chars", base.max_chars, low=4, high=200, example="30"),
        space_before=r.integer("space_before", base.space_before, low=0, high=10,
                               example="1"),
    )


def _ladder(r: MapReader, size: float, problems: Problems) -> tuple[float, ...]:
    items = r.items("size_ladder", example="[一号, 小一, 二号]")
    sizes: list[float] = []
    for item, at in zip(items, items.item_sources):
        holder = YMap({"step": item})
        holder.source, holder.key_sources, holder.value_sources = at, {}, {"step": at}
        step = MapReader(holder, problems, "size_ladder", ("step",)).length(
            "step", 0.0, high=MAX_TYPE_SIZE, example="小一")
        if not step:
            continue
        if step >= (sizes[-1] if sizes else size):
            problems.error("bad-ladder", f"size_ladder step {item} is not smaller than the "
                           "size before it", at, hint="list smaller sizes in falling order, "
                           f"e.g. [{', '.join(k for k, v in ZIHAO.items() if v < size)[:30]}]")
            continue
        sizes.append(step)
    return tuple(sizes)
