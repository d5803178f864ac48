"""Text-to-PDF tables for a CID font: the ToUnicode CMap and the /W width array.

In: a mapping code → source text (what the glyph stands for) and code → width in 1/1000 em.
Out: the CMap program (bytes) and a plain list for /W. Both are emitted in code order so the
same glyph set always gives the same bytes.
"""

from __future__ import annotations

_CMAP_HEAD = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
"""

_CMAP_TAIL = """endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def _utf16_hex(text: str) -> str:
    """UTF-16BE hex of `text` (surrogate pairs for characters outside the BMP)."""
    return text.encode("utf-16-be").hex().upper()


def tounicode_cmap(texts: dict[int, str]) -> bytes:
    """The ToUnicode CMap for `texts` (code → one or more characters), at most 100 per block."""
    entries = sorted((code, text) for code, text in texts.items() if text)
    out = [_CMAP_HEAD]
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        out.append(f"{len(block)} beginbfchar\n")
        out.extend(f"<{code:04X}> <{_utf16_hex(text)}>\n" for code, text in block)
        out.append("endbfchar\n")
    out.append(_CMAP_TAIL)
    return "".join(out).encode("ascii")


def width_array(widths: dict[int, float], default: float) -> list:
    """/W entries `[c [w1 w2 …] c' [...]]` for every code whose width differs from `default`;
    runs of consecutive codes share one array."""
    out: list = []
    run: list[float] = []
    run_start = -2
    previous = -2
    for code in sorted(widths):
        width = widths[code]
        if width == default:
            continue
        if code == previous + 1 and run:
            run.append(width)
        else:
            if run:
                out.extend([run_start, run])
            run_start, run = code, [width]
        previous = code
    if run:
        out.extend([run_start, run])
    return out


def pdf_number(value: float) -> int | float:
    """A width or coordinate as the shortest exact-enough PDF number (3 decimals)."""
    rounded = round(value, 3)
    return int(rounded) if rounded == int(rounded) else rounded
