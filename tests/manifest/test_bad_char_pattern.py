"""The one-pattern scan for forbidden characters refuses exactly what `is_bad_char` refuses."""

from __future__ import annotations

from typeset.manifest.source import BAD_CHARS, find_bad_chars, is_bad_char


def test_pattern_and_predicate_agree_on_every_code_point():
    disagree = [code for code in range(0x110000)
                if is_bad_char(chr(code)) != bool(BAD_CHARS.match(chr(code)))]
    assert disagree == []


def test_clean_text_has_no_findings_and_a_bell_is_found_where_it_is():
    assert find_bad_chars("标题\n\t正文 text\n", "s.md") == []
    found = find_bad_chars("一\n二\x07三", "s.md")
    assert [(d.code, d.source.line, d.source.column) for d in found] == [("bad-character", 2, 2)]
