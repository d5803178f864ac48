"""Build the deterministic test fonts with fontTools' FontBuilder (no licence question, round
numbers): every ideograph a 1000-unit em box; opening marks ink on the right half, closing and
pause marks ink on the left half (so compression is visible); Latin letters and digits 500
units; a word space 250. `halt=True` adds a GPOS `halt` feature (½-em alternates), `halt=False`
leaves the composer to read the ink boxes. A second face, TestExtra, covers a few characters
the main face lacks (fallback tests).

Run as a script to write the fonts into tests/fonts/build/ (git-ignored).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.feaLib.builder import addOpenTypeFeaturesFromString
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

BUILD = Path(__file__).resolve().parent / "build"
VERSION = "3"

OPENING = "“‘「『（〔【〖［｛《〈"
CLOSING = "”’」』）〕】〗］｝》〉"
STOPS = "，、；：。．？！"
IDEO_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x3500), (0x3040, 0x30FF)]
EXTRA_IDEO = "々〃ー∶※★●○■□◆"
WIDE_SYMBOLS = "％‰℃￥＄№～〜…⋯‥—―⸺／·・" + "\u3000"
FULLWIDTH_ALNUM = [chr(c) for c in range(0xFF10, 0xFF1A)] + [chr(c) for c in range(0xFF21, 0xFF3B)]


def _box(x0: int, y0: int, x1: int, y1: int):
    pen = TTGlyphPen(None)
    if x1 > x0 and y1 > y0:
        pen.moveTo((x0, y0))
        pen.lineTo((x0, y1))
        pen.lineTo((x1, y1))
        pen.lineTo((x1, y0))
        pen.closePath()
    return pen.glyph()


def _spec() -> tuple[dict[str, tuple], dict[int, str]]:
    """glyph name → (advance, ink box), code point → glyph name."""
    glyphs: dict[str, tuple] = {".notdef": (1000, (100, 0, 900, 800))}
    cmap: dict[int, str] = {}
    glyphs["ideo"] = (1000, (50, -80, 950, 800))
    for lo, hi in IDEO_RANGES:
        for code in range(lo, hi + 1):
            cmap[code] = "ideo"
    for ch in EXTRA_IDEO:
        cmap[ord(ch)] = "ideo"
    for ch in OPENING:
        name = f"open{ord(ch):04X}"
        glyphs[name] = (1000, (600, -80, 950, 800))
        cmap[ord(ch)] = name
    for ch in CLOSING + STOPS:
        name = f"close{ord(ch):04X}"
        glyphs[name] = (1000, (50, -80, 400, 800))
        cmap[ord(ch)] = name
    for ch in WIDE_SYMBOLS:
        name = f"wide{ord(ch):04X}"
        if ch == "\u3000":
            glyphs[name] = (1000, (0, 0, 0, 0))
        elif ch in "·・":
            glyphs[name] = (1000, (420, 300, 580, 460))
        elif ch in "—―⸺":
            adv = 2000 if ch == "⸺" else 1000
            glyphs[name] = (adv, (0, 330, adv, 370))
        elif ch == "／":
            glyphs[name] = (500, (20, -80, 480, 800))
        else:
            glyphs[name] = (1000, (50, 0, 950, 700))
        cmap[ord(ch)] = name
    for ch in FULLWIDTH_ALNUM:
        name = f"fw{ord(ch):04X}"
        glyphs[name] = (1000, (100, 0, 900, 700))
        cmap[ord(ch)] = name
    for code in range(0x21, 0x7F):
        name = f"asc{code:02X}"
        glyphs[name] = (500, (50, 0, 450, 700))
        cmap[code] = name
    glyphs["space"] = (250, (0, 0, 0, 0))
    cmap[0x20] = "space"
    cmap[0xA0] = "space"
    cmap[0x2009] = "space"
    glyphs["endash"] = (500, (0, 330, 500, 370))
    cmap[0x2013] = "endash"
    glyphs["zwsp"] = (0, (0, 0, 0, 0))
    cmap[0x200B] = "zwsp"
    cmap[0xFEFF] = "zwsp"
    return glyphs, cmap


def _extra_spec() -> tuple[dict[str, tuple], dict[int, str]]:
    glyphs: dict[str, tuple] = {".notdef": (1000, (100, 0, 900, 800))}
    cmap: dict[int, str] = {}
    for ch in "éü":
        name = f"lat{ord(ch):04X}"
        glyphs[name] = (500, (50, 0, 450, 700))
        cmap[ord(ch)] = name
    glyphs["ext"] = (1000, (50, -80, 950, 800))
    for code in range(0x20000, 0x20010):
        cmap[code] = "ext"
    return glyphs, cmap


def build_font(path: Path, *, family: str = "TestCJK", halt: bool = True,
               spec=None) -> Path:
    """Write one test font to `path` and return it."""
    glyphs, cmap = spec or _spec()
    order = list(glyphs)
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    fb.setupGlyf({name: _box(*glyphs[name][1]) for name in order})
    metrics = {}
    for name in order:
        adv, box = glyphs[name]
        metrics[name] = (adv, box[0] if box[2] > box[0] else 0)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    if halt and spec is None:
        opening = " ".join(f"open{ord(c):04X}" for c in OPENING)
        closing = " ".join(f"close{ord(c):04X}" for c in CLOSING + STOPS)
        addOpenTypeFeaturesFromString(fb.font, f"""
            languagesystem DFLT dflt;
            languagesystem hani dflt;
            feature halt {{
                pos [{opening}] <-500 0 -500 0>;
                pos [{closing}] <0 0 -500 0>;
            }} halt;
        """)
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path


def build_all(folder: Path = BUILD) -> dict[str, Path]:
    """Build (once per VERSION) the test fonts into `folder`; returns name → path."""
    out = {
        "main": folder / f"TestCJK-v{VERSION}.ttf",
        "nohalt": folder / f"TestCJKNoHalt-v{VERSION}.ttf",
        "extra": folder / f"TestExtra-v{VERSION}.ttf",
    }
    if not out["main"].is_file():
        build_font(out["main"])
    if not out["nohalt"].is_file():
        build_font(out["nohalt"], family="TestCJKNoHalt", halt=False)
    if not out["extra"].is_file():
        build_font(out["extra"], family="TestExtra", spec=_extra_spec())
    return out


if __name__ == "__main__":
    for key, value in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else BUILD).items():
        print(key, value)
