"""Page templates: `layouts/<name>.yaml` → `typeset.model.layout.Layout`.

In: a layout name and the project root (which holds `layouts/` and `fonts/fonts.yaml`). Out:
a validated `Layout`: trim, bleed, margins (top and left given, right and bottom derived from
the grid), the body grid, rules, jump wording, every required text style, the `composition:`
settings (each key and value checked against the composer's rules) and the `output:` settings
(validated into `OutputSettings`, manifest.output_settings). Every error in the file
is reported at once with file:line:column (InputError); `load_layout_with_warnings` also
returns the file's warnings (e.g. a leading much tighter than its size), once per load.
"""

from __future__ import annotations

import re
from pathlib import Path

from typeset.diagnostics import Diagnostic, InputError, SourceRef, error
from typeset.manifest.fields import MapReader, Problems, suggestion
from typeset.manifest.fonts_config import load_font_roles
from typeset.manifest.source import MAX_MANIFEST_BYTES, read_text
from typeset.manifest.output_settings import read_output
from typeset.manifest.styles import read_rule, read_styles
from typeset.manifest.yamlpos import YList, YMap, parse_yaml
from typeset.manifest.fit_levers import read_fit
from typeset.model.composition import CompositionRules
from typeset.session import current, file_key
from typeset.model.layout import Layout, Margins, RuleStyle
from typeset.units import MM, snap

LAYOUT_KEYS = ("name", "description", "trim", "bleed", "margins", "grid", "head_band", "rules",
               "box_inset_lines", "underset_lines", "jump", "composition", "output", "styles",
               "fit")
GRID_KEYS = ("columns", "column_chars", "gutter_chars", "body_size", "line_pitch", "lines")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MIN_MARGIN = 3 * MM
"""Type closer than this to a trim edge is refused (it would be cut or look cut)."""


def layout_path(name: str, project_root: Path) -> Path:
    """Where layout `name` lives; refuses names that are not plain file stems."""
    if not NAME_RE.match(name):
        raise InputError([error(
            "bad-layout-name", f"'{name}' is not a layout name",
            hint="a layout is named by its file in layouts/ without '.yaml', e.g. "
                 "broadsheet-8col; names use letters, digits, '-', '_' and '.'")])
    return project_root / "layouts" / f"{name}.yaml"


def available_layouts(project_root: Path) -> list[str]:
    """The names of the layouts in `project_root/layouts/`."""
    folder = project_root / "layouts"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


LAYOUT_MEMO = "manifest.layouts"
"""The session's table of layouts read, by name and the `file_key` of the layout file and
fonts.yaml, with the warnings reading them gave: an unchanged template is the same object on
every build of a session (--watch), so composition caches can trust it, and its warnings are
reported on every build too."""


def load_layout(name: str, project_root: Path) -> Layout:
    """Read and validate `layouts/<name>.yaml`; InputError lists every problem found.

    Warnings are not returned here: a build reports them through `load_layout_with_warnings`
    (as `load_edition` does)."""
    return load_layout_with_warnings(name, project_root)[0]


def load_layout_with_warnings(name: str, project_root: Path
                              ) -> tuple[Layout, list[Diagnostic]]:
    """`load_layout` plus the warnings the file gave (file:line:column each), also when the
    layout comes from the in-process cache; InputError lists every error."""
    name = name[:-5] if name.endswith(".yaml") else name
    path = layout_path(name, project_root)
    key = (name, str(path), file_key(path), file_key(project_root / "fonts" / "fonts.yaml"))
    memo = current().memo(LAYOUT_MEMO, 64)
    known = memo.get(key)
    if known is not None:
        layout, warnings = known
        return layout, list(warnings)
    if not path.is_file():
        known = available_layouts(project_root)
        raise InputError([error(
            "unknown-layout", f"layout '{name}' not found (looked for {path})",
            hint=suggestion(name, known, "layouts") if known else
            f"create {path} or run from a project folder that has layouts/")])
    layout, problems = read_layout(path, name, project_root)
    problems.raise_errors()
    memo.put(key, (layout, tuple(problems.warnings)))
    return layout, list(problems.warnings)


def read_composition(top, problems: Problems) -> dict:
    """The `composition:` mapping of a layout or an edition, each key checked against
    `CompositionRules` (with the closest valid name suggested) and each value by
    constructing the rules; the settings that passed, as plain values."""
    raw = plain(top.raw("composition"), top.at("composition"), problems, "composition")
    if not isinstance(raw, dict) or not raw:
        return raw if isinstance(raw, dict) else {}
    names = CompositionRules.names()
    good = {}
    data = top.raw("composition")
    for key, value in raw.items():
        where = data.key_source(key) if hasattr(data, "key_source") else top.at("composition")
        if key not in names:
            problems.error("unknown-key", f"unknown composition setting '{key}'", where,
                           hint=suggestion(key, names, "settings"))
            continue
        try:
            CompositionRules.from_mapping({key: value})
        except (TypeError, ValueError) as exc:
            problems.error("bad-composition", str(exc),
                           data.value_source(key) if hasattr(data, "value_source") else where,
                           hint="see the settings in docs/manifest.md")
            continue
        good[key] = value
    try:
        CompositionRules.from_mapping(good)
    except (TypeError, ValueError) as exc:     # settings that only conflict together
        problems.error("bad-composition", str(exc), top.at("composition"),
                       hint="see the settings in docs/manifest.md")
        return {}
    return good


def read_layout(path: Path, name: str, project_root: Path) -> tuple[Layout, Problems]:
    """Parse one layout file; returns the layout (built from defaults where values were bad)
    and the problems found (the caller raises them)."""
    file = str(path)
    data, found = parse_yaml(read_text(path, limit=MAX_MANIFEST_BYTES, what="layout"), file)
    problems = Problems()
    problems.extend(found)
    if not isinstance(data, YMap):
        raise InputError(problems.errors + [error(
            "wrong-type", "a layout file must be a mapping (trim:, margins:, grid:, styles: …)",
            source=SourceRef(file, 1, 1), hint="see docs/manifest.md")])
    top = MapReader(data, problems, f"layout {name}", LAYOUT_KEYS)
    if top.has("name") and top.text("name") != name:
        problems.error("name-mismatch", f"the file says name: {top.text('name')}, but it is "
                       f"{path.name}", top.at("name"), hint=f"write name: {name} or rename the "
                       "file")
    roles = set(load_font_roles(project_root))

    trim = top.mapping("trim", "trim", ("width", "height"), required=True)
    trim_w = trim.length("width", 390 * MM, required=True, example="390mm") if trim else 0
    trim_h = trim.length("height", 540 * MM, required=True, example="540mm") if trim else 0
    bleed = top.length("bleed", 3 * MM, allow_zero=True, high=20 * MM, example="3mm")

    grid = top.mapping("grid", "grid", GRID_KEYS, required=True)
    g = grid or MapReader(None, problems, "grid", GRID_KEYS)
    columns = g.integer("columns", 8, required=True, low=1, high=30, example="8")
    column_chars = g.integer("column_chars", 13, required=True, low=2, high=200, example="13")
    gutter_chars = g.number("gutter_chars", 1.0, low=0, high=10, example="1")
    body_size = g.length("body_size", 9.0, required=True, high=72, example="小五")
    line_pitch = g.length("line_pitch", round(body_size * 1.5, 3), high=200, example="13.5pt")
    lines = g.integer("lines", 100, required=True, low=1, high=1000, example="100")
    if line_pitch < body_size:
        problems.error("bad-grid", f"line_pitch {line_pitch:g}pt is smaller than the body size "
                       f"{body_size:g}pt: lines would overlap", g.at("line_pitch"),
                       hint=f"line_pitch: {body_size * 1.5:g}pt (1.5 × the body size)")

    head_band = top.length("head_band", 0.0, allow_zero=True, high=200 * MM, example="8mm")
    margins = _margins(top, problems, trim_w, trim_h, columns, column_chars, gutter_chars,
                       body_size, line_pitch, lines, head_band, file)

    rules = top.mapping("rules", "rules", ("column", "cutoff", "box"))
    column_rule, cutoff_rule, box_rule = RuleStyle(0.3), RuleStyle(), RuleStyle(0.75)
    if rules:
        # `none` switches a rule off: no column rules; cut-off and box rules of width 0
        if "column" in rules.data:
            column_rule = read_rule(rules.raw("column"), rules.at("column"), problems,
                                    "rules.column", column_rule)
        if "cutoff" in rules.data:
            cutoff_rule = read_rule(rules.raw("cutoff"), rules.at("cutoff"), problems,
                                    "rules.cutoff", cutoff_rule) or RuleStyle(0.0)
        if "box" in rules.data:
            box_rule = read_rule(rules.raw("box"), rules.at("box"), problems, "rules.box",
                                 box_rule) or RuleStyle(0.0)
    jump = top.mapping("jump", "jump", ("out", "in"))
    jump_out, jump_in = "（转第{page}版）", "（上接第{page}版）"
    if jump:
        jump_out = jump_pattern(jump, "out", jump_out, problems)
        jump_in = jump_pattern(jump, "in", jump_in, problems)
    styles = read_styles(top.raw("styles"), top.at("styles"), problems, roles, body_size)
    if "body" in styles and abs(styles["body"].size - body_size) > 1e-6:
        problems.error("bad-grid", f"the body style's size {styles['body'].size:g}pt differs from "
                       f"grid.body_size {body_size:g}pt", top.at("styles"),
                       hint="the grid is counted in body characters: make them equal")
    layout = Layout(
        name=name, trim_width=trim_w, trim_height=trim_h, bleed=bleed, margins=margins,
        columns=columns, column_chars=column_chars, gutter_chars=gutter_chars,
        body_size=body_size, line_pitch=line_pitch, lines=lines, styles=styles,
        column_rule=column_rule,
        cutoff_rule=cutoff_rule,
        box_rule=box_rule,
        box_inset_lines=top.integer("box_inset_lines", 1, low=0, high=10, example="1"),
        underset_lines=top.integer("underset_lines", 3, low=0, high=1000, example="3"),
        head_band=head_band, jump_out=jump_out, jump_in=jump_in,
        composition=read_composition(top, problems),
        output=read_output(top.raw("output"), top.at("output"), problems,
                           f"output of layout {name}", project_root),
        fit=read_fit(top, problems),
    )
    return layout, problems


def _margins(top: MapReader, problems: Problems, trim_w: float, trim_h: float, columns: int,
             column_chars: int, gutter_chars: float, body_size: float, line_pitch: float,
             lines: int, head_band: float, file: str) -> Margins:
    type_w = columns * column_chars * body_size + (columns - 1) * gutter_chars * body_size
    type_h = lines * line_pitch
    m = top.mapping("margins", "margins", ("top", "left", "inside"), required=True)
    if m is None:
        return Margins(0, 0, 0, 0)
    margin_top = m.length("top", 20 * MM, required=True, example="30mm")
    if m.has("left") and m.has("inside"):
        problems.error("conflicting-keys", "margins give both 'left' and 'inside'",
                       m.key_at("inside"), hint="keep one of them")
    key = "inside" if m.has("inside") else "left"
    if m.has(key):
        left = m.length(key, (trim_w - type_w) / 2, example="20mm")
    else:
        left = (trim_w - type_w) / 2   # centred when only the top is stated
    right = trim_w - left - type_w
    bottom = trim_h - margin_top - type_h
    where = top.at("grid")
    if trim_w and right < MIN_MARGIN:
        problems.error("grid-too-wide", f"the grid is {type_w / MM:.1f} mm wide ({columns} × "
                       f"{column_chars} + {columns - 1} × {gutter_chars:g} characters of "
                       f"{body_size:g}pt); with the left margin {left / MM:.1f} mm it leaves "
                       f"{right / MM:.1f} mm on the right of a {trim_w / MM:.1f} mm trim", where,
                       hint="use fewer columns or characters per column, a smaller left "
                            "margin, or a wider trim")
    if trim_h and bottom < MIN_MARGIN:
        most = int((trim_h - margin_top - MIN_MARGIN) // max(line_pitch, 1))
        problems.error("grid-too-tall", f"{lines} lines of {line_pitch:g}pt are "
                       f"{type_h / MM:.1f} mm; with the top margin {margin_top / MM:.1f} mm they "
                       f"leave {bottom / MM:.1f} mm at the foot of a {trim_h / MM:.1f} mm trim",
                       where, hint=f"use at most {most} lines or a smaller top margin")
    if head_band and head_band > margin_top:
        problems.error("bad-head-band", f"head_band {head_band / MM:.1f} mm is deeper than the "
                       f"top margin {margin_top / MM:.1f} mm", top.at("head_band"),
                       hint="the running head sits inside the top margin: make it smaller")
    return Margins(snap(margin_top), snap(right), snap(bottom), snap(left))


def jump_pattern(jump: MapReader, key: str, default: str, problems: Problems) -> str:
    """A jump pattern (`out:` or `in:` of a `jump:` mapping) checked for its placeholders;
    the default after recording an error."""
    from typeset.compose.jump_wording import pattern_problem

    text = jump.text(key, default, example=default)
    problem = pattern_problem(text)
    if problem:
        problems.error("bad-jump", f"jump.{key} '{text}': {problem}", jump.at(key),
                       hint=f"write {key}: \"{default}\", or with Chinese numerals "
                            f"\"{default.replace('{page}', '{page_cn}')}\"")
        return default
    return text


def plain(value: object, where: SourceRef, problems: Problems, what: str) -> dict:
    """A YAML mapping → a plain dict of plain values (for the composer and the backend)."""
    if value is None:
        return {}
    if not isinstance(value, YMap):
        problems.error("wrong-type", f"'{what}' must be a mapping", where,
                       hint=f"write {what}: {{key: value}}")
        return {}
    return _plain(value)


def _plain(value: object) -> object:
    if isinstance(value, YMap):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, YList):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value
