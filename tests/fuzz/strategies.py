"""Hypothesis strategies for what a desk and a wire service send: paragraphs, stories (front
matter and body as a Markdown file) and whole edition manifests (one or two pages of
non-overlapping slots, photos, labels, jumps to page 2), written to a folder.

`COVERED` text only uses characters the project's fonts draw (for the no-loss property);
`WILD` text adds anything Unicode has, for the never-crash property.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st
from PIL import Image

HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
PUNCT = "，。、；：？！“”‘’（）《》〈〉【】——……·～"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-%/:()'"
AWKWARD = ["\u3000", " ", "  ", "e\u0301", "葛\U000E0100", "Ａ", "１", "—", "…", "–", "℃",
           "＋", "％", "®", "é", "ß", "α", "Ж", "½", "\u00a0"]
WILD = ["\u200b", "\u200d", "\u202e", "\u2066", "\u00ad", "😀", "👨\u200d👩", "🇨🇳", "ا",
        "ש", "\U00013000", "\ue000", "\U0002A6D6", "\u0b85", "\ufe0f", "\u20dd", "\ud7a3"]

covered_char = st.one_of(st.sampled_from(HANZI), st.sampled_from(PUNCT),
                         st.sampled_from(LATIN), st.sampled_from(AWKWARD))
wild_char = st.one_of(covered_char, st.sampled_from(WILD),
                      st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"),
                                    max_codepoint=0x2FFFF))


def paragraph_text(chars=covered_char, max_size: int = 200) -> st.SearchStrategy[str]:
    """One paragraph: no newlines, not empty after stripping."""
    words = st.one_of(st.lists(chars, min_size=1, max_size=12).map("".join),
                      st.text(st.sampled_from(LATIN), min_size=1, max_size=60))
    return (st.lists(words, min_size=1, max_size=max(1, max_size // 8)).map("".join)
            .map(lambda s: s.replace("*", "").replace("\\", "").strip(" \t\u3000"))
            .filter(bool))


def with_bold(text: str, cut: tuple[int, int] | None) -> str:
    if not cut:
        return text
    a, b = sorted(cut)
    a, b = min(a, len(text)), min(b, len(text))
    return text[:a] + "**" + text[a:b] + "**" + text[b:] if b > a else text


@st.composite
def story_file(draw, chars=covered_char, max_paragraphs: int = 8) -> str:
    """A story file: optional front matter (headline group, dateline, byline …), a body."""
    def line(max_size):
        return draw(paragraph_text(chars, max_size).map(lambda s: s.replace("#", "＃")))
    meta = {}
    if draw(st.booleans()):
        meta["headline"] = line(24)
        for key, size in (("kicker", 20), ("deck", 24), ("dateline", 16), ("byline", 16)):
            if draw(st.booleans()):
                meta[key] = line(size)
        if draw(st.booleans()):
            meta["level"] = draw(st.integers(1, 3))
        if draw(st.integers(0, 4)) == 0:
            meta["signature"] = line(8)
    paragraphs = []
    for _ in range(draw(st.integers(0, max_paragraphs))):
        text = line(400)
        cut = draw(st.none() | st.tuples(st.integers(0, 50), st.integers(0, 50)))
        paragraphs.append(with_bold(text, cut))
    head = ""
    if meta:
        head = "---\n" + "".join(f"{k}: {_yaml_str(v)}\n" for k, v in meta.items()) + "---\n"
    return head + "\n\n".join(paragraphs) + "\n"


def _yaml_str(value) -> str:
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class GeneratedEdition:
    """What a manifest strategy produced: the YAML, story files, photos (name → size)."""

    manifest: str
    stories: dict[str, str] = field(default_factory=dict)
    photos: dict[str, tuple[int, int, str]] = field(default_factory=dict)

    def write(self, folder: Path) -> Path:
        (folder / "stories").mkdir(parents=True)
        (folder / "photos").mkdir()
        (folder / "edition.yaml").write_text(self.manifest, encoding="utf-8")
        for name, text in self.stories.items():
            (folder / "stories" / f"{name}.md").write_text(text, encoding="utf-8")
        for name, (w, h, mode) in self.photos.items():
            buffer = io.BytesIO()
            Image.new(mode, (w, h), 90).save(buffer, "PNG" if name.endswith(".png") else "JPEG")
            (folder / "photos" / name).write_bytes(buffer.getvalue())
        return folder


def _bands(draw, columns: int) -> list[tuple[int, int]]:
    """Split 1..columns into contiguous (column, span) bands."""
    cuts = sorted(draw(st.sets(st.integers(1, columns - 1), max_size=3)))
    edges = [1] + [c + 1 for c in cuts] + [columns + 1]
    return [(a, b - a) for a, b in zip(edges, edges[1:])]


@st.composite
def edition(draw, chars=covered_char) -> GeneratedEdition:
    """A one- or two-page broadsheet edition whose slots never overlap; some stories carry a
    photo, some jump from page 1 to a continuation slot on page 2."""
    gen = GeneratedEdition("")
    pages_n = draw(st.integers(1, 2))
    page_yaml = []
    story_n = 0
    continuations: list[str] = []
    for number in range(1, pages_n + 1):
        top0 = 10 if number == 1 else 0
        slots = []
        for column, span in _bands(draw, 8):
            top = top0
            while top < 100:
                bottom = min(100, top + draw(st.integers(6, 60)))
                if 100 - bottom < 6:
                    bottom = 100
                story_n += 1
                sid = f"s{story_n}"
                slot = (f"      - story: {sid}\n        at: {{column: {column}, span: {span}, "
                        f"top: {top}, bottom: {bottom}}}\n")
                gen.stories[sid] = draw(story_file(chars))
                if number == 1 and pages_n == 2 and draw(st.integers(0, 2)) == 0:
                    cont = f"cont{story_n}"
                    continuations.append(cont)
                    slot += f"        continue: {{page: 2, slot: {cont}}}\n"
                if span >= 2 and bottom - top >= 20 and draw(st.integers(0, 3)) == 0:
                    name = f"p{story_n}." + draw(st.sampled_from(["jpg", "png"]))
                    gen.photos[name] = (draw(st.integers(200, 1200)), draw(st.integers(200, 900)),
                                        draw(st.sampled_from(["RGB", "L"])))
                    slot += (f"        photo: {{file: photos/{name}, caption: "
                             f"{_yaml_str(draw(paragraph_text(chars, 40)))}, span: {span}, "
                             f"lines: {draw(st.integers(6, 14))}}}\n")
                if draw(st.integers(0, 5)) == 0:
                    slot += "        box: true\n"
                slots.append(slot)
                top = bottom
        if number == 2 and continuations:
            # continuation slots replace the last story slots of page 2
            for cont, slot in zip(continuations, reversed(range(len(slots)))):
                head, _, rest = slots[slot].partition("\n        at: ")
                at = rest.split("\n", 1)[0]
                slots[slot] = f"      - id: {cont}\n        at: {at}\n"
            for cont in continuations[len(slots):]:     # more jumps than page-2 slots
                page_yaml[0] = page_yaml[0].replace(
                    f"        continue: {{page: 2, slot: {cont}}}\n", "")
        page_yaml.append(f"  - number: {number}\n    section: 版面{number}\n    editor: 编辑\n"
                         f"    slots:\n" + "".join(slots))
    used = set()
    for text in page_yaml:
        used.update(w.split(":")[1].strip() for w in text.split("\n") if "- story:" in w)
    gen.stories = {k: v for k, v in gen.stories.items() if k in used}
    gen.manifest = ("paper: 测试日报\ndate: 2026-03-07\nissue: 1\nlayout: broadsheet-8col\n"
                    "pages:\n" + "".join(page_yaml))
    return gen
