"""Nothing lost: every character of every story is in the PDF (pdftotext, in order) or in
the overset report — on the sample edition, on squeezed and jumped variants of it, and on
stories with awkward text."""

from __future__ import annotations

import dataclasses

import pytest
from editions_kit import edited_copy
from relkit import SAMPLE, STORY, write_edition
from textcheck import invisible, pdf_text, pieces, story_losses

from typeset import pipeline


def _build(folder, out, **kw):
    result = pipeline.build(folder, out, **kw)
    assert result.outputs == [out], [d.format() for d in result.diagnostics]
    return result


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "sample.pdf"
    return _build(SAMPLE, out), out


def test_sample_edition_loses_nothing(sample_build):
    result, out = sample_build
    assert len(result.stories) == len(result.edition.stories) == 15
    assert story_losses(result, out) == []


def test_the_oracle_notices_a_dropped_character(sample_build):
    """Sanity check of the checker itself: a story whose text differs from what was set."""
    result, out = sample_build
    story = result.edition.stories["a13-farming"]
    para = story.paragraphs[1]
    changed = dataclasses.replace(para, runs=(dataclasses.replace(
        para.runs[0], text=para.runs[0].text[:50] + "鑫" + para.runs[0].text[50:]),)
        + para.runs[1:])
    stories = dict(result.edition.stories)
    stories["a13-farming"] = dataclasses.replace(
        story, paragraphs=(story.paragraphs[0], changed) + story.paragraphs[2:])
    broken = dataclasses.replace(result, edition=dataclasses.replace(result.edition,
                                                                     stories=stories))
    problems = story_losses(broken, out)
    assert len(problems) == 1 and problems[0].startswith("a13-farming")


def test_pieces_refuses_scattered_matches():
    assert pieces("abcdef", "xxabcyyydefzz") == ["abc", "def"]
    assert pieces("abq", "ab") is None


def _squeezed_sample(tmp_path, *edits: tuple[str, str]):
    return edited_copy(SAMPLE, tmp_path / "sample", *edits)


def test_overset_story_is_reported_not_lost(tmp_path):
    """a13-farming in 7 lines instead of 17: the rest is overset, reported and not lost."""
    folder = _squeezed_sample(tmp_path, ("top: 83, bottom: 100}", "top: 93, bottom: 100}"))
    out = tmp_path / "over.pdf"
    refused = pipeline.build(folder, out)
    assert not refused.outputs and not out.exists()
    assert any(d.code == "overset" and d.severity.value == "error"
               for d in refused.diagnostics)
    result = _build(folder, out, allow_overset=True)
    farming = next(s for s in result.stories if s.story == "a13-farming")
    assert len(farming.overset_text) > 200
    assert story_losses(result, out) == []


def test_overset_in_a_continuation_is_reported_not_lost(tmp_path):
    """a11-digital jumps to page 2 and on to page 3; its middle part (an item of a stack on
    page 2) is fixed too short and its last part fixed at 19 lines, so more than the last part
    holds comes to page 3."""
    last = "                  - id: digital-c"
    folder = _squeezed_sample(tmp_path, ("lines: 24 ", "lines: 4 "),
                              (last, last + "\n                    lines: 19  #"))
    out = tmp_path / "jump.pdf"
    result = _build(folder, out, allow_overset=True)
    digital = next(s for s in result.stories if s.story == "a11-digital")
    assert len(digital.slots) == 3 and digital.overset_text
    assert any(d.code == "jump" and d.story == "a11-digital" for d in result.diagnostics)
    assert story_losses(result, out) == []


AWKWARD = {
    "combining-marks": "Café e\u0301 a\u0300\u0301\u0302 正文。",
    "variation-selector": "异体字葛\U000E0100与\u845b\ufe00选择符。",
    "long-latin-token": "链接" + "a" * 3000 + "结束。",
    "long-url": "网址https://example.com/" + "x/" * 300 + "结束。",
    "long-number": "数字" + "1234567890" * 100 + "。",
    "punctuation-only": "“”‘’《》〈〉【】（）——……、，。；：？！" * 30,
    "openers-only": "“《（【" * 100,
    "closers-only": "”》）】。，" * 100,
    "fullwidth-latin": "ＡＢＣ１２３！＂＃" * 40,
    "mixed-scripts": "Python 3.12 与 C++ 混排 e.g. U.S.A. 的 test-case 和 snake_case。" * 20,
    "runs-of-spaces": "多个   空格    在    中间。" * 10,
    "no-break-spaces": "不\u00a0换\u00a0行\u3000全角空格\u2003em空格。" * 10,
    "tab": "制表\t符。",
    "greek-cyrillic": "希腊字母 αβγ ΔΣΩ 和西里尔字母 Москва。",
    "compat-ideographs": "兼容汉字\uf900\uf901\ufa0e。",
    "bold-runs": "**加粗**正文**再加粗**，\\*星号\\*。",
    "long-paragraph": "长段落正文，" * 3000,
}


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_text_is_set_or_reported(tmp_path, name):
    folder = write_edition(tmp_path / "ed", stories={"one": STORY.format(body=AWKWARD[name])})
    out = tmp_path / "out.pdf"
    result = _build(folder, out, allow_overset=True)
    assert story_losses(result, out) == []


@pytest.mark.parametrize("text", ["零宽\u200b空格", "方向\u202e覆盖\u202c符", "软\u00ad连字符",
                                  "\u2066隔离\u2069符", "葛\ufe00与葛"])
def test_invisible_characters_are_in_the_pdf_or_reported(tmp_path, text):
    """Format characters are not printed; each is in the PDF's text or the desk is told."""
    folder = write_edition(tmp_path / "ed", stories={"one": STORY.format(body=text + "。")})
    out = tmp_path / "out.pdf"
    result = _build(folder, out)
    assert story_losses(result, out) == []
    extracted = pdf_text(out)
    reported = " ".join(d.message + str(d.data) for d in result.diagnostics
                        if d.code in ("invisible-character", "pdf-text-ambiguous"))
    for char in text:
        if invisible(char):
            assert char in extracted or f"U+{ord(char):04X}" in reported or repr(char)[1:-1] \
                in reported, (char, [d.format() for d in result.diagnostics])
