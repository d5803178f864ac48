"""The debug backend: a stable, rounded plain-text dump of a Document for golden tests.

In: a `Document`. Out: text, one line per item, coordinates rounded to 0.01 pt, pages in
order. Glyph runs show their text, face, size and role; the dump is what reviewers read in a
golden-file diff.
"""

from __future__ import annotations

from typeset.frame import Box, Document, GlyphRun, ImageItem, Marker, PlacedPage, Rule


def _n(value: float) -> str:
    return f"{value:.2f}"


def dump(doc: Document, *, markers: bool = True) -> str:
    """The whole document as text (markers included unless `markers` is False)."""
    out = [f"document {doc.info.title!r} pages={len(doc.pages)}"]
    for page in doc.pages:
        out.append(f"page {page.number} {_n(page.width)}x{_n(page.height)} bleed={_n(page.bleed)}")
        for item in page.items:
            if isinstance(item, GlyphRun):
                out.append(f"  text {_n(item.x)} {_n(item.y)} {item.role} {item.face.name} "
                           f"{item.size:g} {item.text!r}")
            elif isinstance(item, Rule):
                out.append(f"  rule {_n(item.x0)} {_n(item.y0)} {_n(item.x1)} {_n(item.y1)} "
                           f"w={item.width:g}")
            elif isinstance(item, Box):
                out.append(f"  box {_n(item.x)} {_n(item.y)} {_n(item.width)} {_n(item.height)}"
                           f" fill={'y' if item.fill else 'n'} stroke={'y' if item.stroke else 'n'}")
            elif isinstance(item, ImageItem):
                name = item.source.rsplit("/", 1)[-1]
                out.append(f"  image {_n(item.x)} {_n(item.y)} {_n(item.width)} "
                           f"{_n(item.height)} {name} crop={item.crop}")
            elif isinstance(item, PlacedPage):
                name = item.source.rsplit("/", 1)[-1]
                out.append(f"  pdfpage {_n(item.x)} {_n(item.y)} {_n(item.width)} "
                           f"{_n(item.height)} {name} page={item.page}")
            elif isinstance(item, Marker) and markers:
                out.append(f"  marker {item.kind} {_n(item.x)} {_n(item.y)} {_n(item.width)} "
                           f"{_n(item.height)} {item.label!r}")
    return "\n".join(out) + "\n"
