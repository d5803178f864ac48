"""Fixtures for the PDF backend tests: real faces, hand-built Documents, generated photos."""

from __future__ import annotations

import pytest
from PIL import Image

from typeset.fonts import load_face
from typeset.frame import BLACK, Document, DocumentInfo, GlyphRun, PageFrame, PlacedGlyph

SERIF = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2)
KAI = ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0)


def shaped_run(face, text, x, y, size, color=BLACK, positions=None):
    """Shape `text` (cluster text on the cluster's first glyph); `positions` overrides x's."""
    glyphs = face.shape(text)
    starts = sorted({g.cluster for g in glyphs}) + [len(text)]
    nxt = {s: starts[i + 1] for i, s in enumerate(starts[:-1])}
    seen, placed, pen = set(), [], 0.0
    for i, g in enumerate(glyphs):
        piece = "" if g.cluster in seen else text[g.cluster:nxt[g.cluster]]
        seen.add(g.cluster)
        gx = positions[i] if positions is not None else round(pen, 3)
        placed.append(PlacedGlyph(g.gid, gx, piece))
        pen += g.advance * size / face.upem
    return GlyphRun(x, y, face.ref, size, tuple(placed), text, color)


@pytest.fixture(autouse=True)
def photo_store(tmp_path_factory, monkeypatch):
    """Every test starts with an empty on-disk photo store of its own (never the user's)."""
    folder = tmp_path_factory.mktemp("photo-store")
    monkeypatch.setenv("TYPESET_CACHE", str(folder))
    return folder


@pytest.fixture(scope="session")
def serif():
    return load_face(*SERIF)


@pytest.fixture(scope="session")
def kai():
    return load_face(*KAI)


@pytest.fixture
def make_doc():
    def make(*pages_items, width=300.0, height=200.0, bleed=8.5, title="测试日报", timestamp=1714521600):
        pages = tuple(PageFrame(i + 1, width, height, bleed, tuple(items))
                      for i, items in enumerate(pages_items))
        return Document(pages, DocumentInfo(title, "测试日报", "2024-05-01", timestamp))
    return make


@pytest.fixture
def run():
    return shaped_run


@pytest.fixture
def photo(tmp_path):
    """A 600 × 400 RGB photo: left half blue-cyan, right half red."""
    im = Image.new("RGB", (600, 400), (0, 160, 230))
    im.paste((255, 0, 0), (300, 0, 600, 400))
    path = tmp_path / "photo.png"
    im.save(path)
    return path


@pytest.fixture(autouse=True)
def fresh_session():
    """Every test builds in a session of its own (nothing kept in memory from another test)."""
    from typeset.session import use_session

    with use_session() as session:
        yield session
        session.close()
