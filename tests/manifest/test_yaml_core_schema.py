"""13.3: manifests are typed by the YAML 1.2 core schema, and text fields print what the desk
typed: `issue: 012345` is 第012345期 (not octal 5349), `section: 12:30` stays 12:30 (not 750),
`price: 1.50` stays 1.50."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from editions_kit import STORY_HEAD
from manifest_kit import EditionMaker, ROOT
from typeset.manifest import load_edition
from typeset.manifest.yamlpos import parse_yaml, resolve_plain

MANIFEST = """\
paper: {paper}
date: 2026-03-07
issue: {issue}
layout: broadsheet-8col
masthead:
  price: {price}
  cn: {cn}
pages:
  - number: 1
    section: {section}
    editor: {editor}
    slots:
      - story: one
        at: {{column: 1, span: 4, top: 10, bottom: 50}}
      - label: {label}
        at: {{column: 5, span: 4, top: 10, bottom: 13}}
"""


def _load(tmp_path, **values):
    fields = dict(paper="测试日报", issue="100", price="1.50", cn="CN 99-0307", section="要闻",
                  editor="李明", label="聚焦")
    fields.update(values)
    maker = EditionMaker(tmp_path)
    folder = maker.write(MANIFEST.format(**fields), stories={"one": STORY_HEAD + "正文。\n"})
    edition, _ = load_edition(folder, project_root=ROOT)
    return edition


def _printed(edition) -> dict[str, str]:
    page = edition.pages[0]
    extra = dict(edition.extra)
    return {"paper": edition.paper, "issue": edition.issue, "price": extra["price"],
            "cn": extra["cn"], "section": page.section, "editor": page.editor,
            "label": page.slots[1].label}


def test_the_issue_cases(tmp_path):
    printed = _printed(_load(tmp_path, issue="012345", section="12:30", price="1.50",
                             editor="0x1F", label="1e3", cn="yes"))
    assert printed["issue"] == "012345" and printed["section"] == "12:30"
    assert printed["price"] == "1.50" and printed["editor"] == "0x1F"
    assert printed["label"] == "1e3" and printed["cn"] == "yes"


def test_core_schema_resolution():
    assert resolve_plain("012345") == 12345 and resolve_plain("0o17") == 15
    assert resolve_plain("12:30") == "12:30" and resolve_plain("1_000") == "1_000"
    assert resolve_plain("yes") == "yes" and resolve_plain("on") == "on"
    assert resolve_plain("True") is True and resolve_plain("~") is None
    assert resolve_plain("1.50") == 1.5 and resolve_plain("1.50").written == "1.50"
    data, problems = parse_yaml("a: !!str 12\nb: 2026-03-07\nc: 085\n", "f")
    assert data == {"a": "12", "b": "2026-03-07", "c": 85} and problems == []


TYPED = st.one_of(
    st.from_regex(r"\A[-+]?[0-9]{1,8}(\.[0-9]{0,4})?([eE][-+]?[0-9]{1,2})?\Z"),
    st.from_regex(r"\A0[oxb]?[0-9a-fA-F]{1,6}\Z"),
    st.from_regex(r"\A[0-9]{1,2}(:[0-9]{2}){1,2}\Z"),
    st.from_regex(r"\A[0-9]{1,3}(_[0-9]{3}){1,2}\Z"),
    st.sampled_from(["yes", "no", "on", "off", "Yes", "NO", "y", "n", "0.", ".5", "1.0"]),
)
FIELDS = st.sampled_from(["paper", "issue", "price", "cn", "section", "editor", "label"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=TYPED, field=FIELDS)
def test_a_text_field_prints_the_typed_characters(tmp_path_factory, typed, field):
    value = resolve_plain(typed)
    assume(value is not None and not isinstance(value, bool))
    assume(not (isinstance(value, float) and value != value or value in (float("inf"),
                                                                            float("-inf"))))
    if field == "issue":     # an issue number is digits (kept as typed, leading zeros too)
        assume(typed.isascii() and typed.isdigit() and 1 <= int(typed) <= 10_000_000)
    edition = _load(tmp_path_factory.mktemp("e"), **{field: typed})
    assert _printed(edition)[field] == typed


def test_numbers_are_still_numbers_where_a_number_is_meant(tmp_path):
    maker = EditionMaker(tmp_path)
    text = MANIFEST.format(paper="报", issue="1", price="1", cn="1", section="要闻",
                           editor="李明", label="聚焦").replace("span: 4, top: 10",
                                                                "span: 04, top: 010")
    edition, _ = load_edition(maker.write(text, stories={"one": STORY_HEAD + "正文。\n"}),
                              project_root=ROOT)
    area = edition.pages[0].slots[0].area
    assert (area.span, area.top) == (4, 10) and type(area.top) is int
