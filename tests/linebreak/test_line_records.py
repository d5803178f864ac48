"""The composer's fast constructors of its frozen records make the same records."""

from __future__ import annotations

from typeset.frame import PlacedGlyph
from typeset.linebreak.breaking import FINAL, FIT, Break, Breaker, Node
from typeset.linebreak.lines import LineRun, SetLine, new_line_run, new_set_line


def test_fast_constructors_equal_the_dataclasses():
    glyphs = (PlacedGlyph(17, 0.0, "春"), PlacedGlyph(18, 9.0, "耕"))
    run = new_line_run(None, 9.0, 1.5, glyphs, "春耕", True)
    assert run == LineRun(None, 9.0, 1.5, glyphs, "春耕", True)
    assert hash(run) == hash(LineRun(None, 9.0, 1.5, glyphs, "春耕", True))
    line = new_set_line(3, 5, "春耕", 117.0, 116.5, (run,), False, 0.25, 18.0)
    made = SetLine(3, 5, "春耕", 117.0, 116.5, (run,), False, 0.25, 18.0)
    assert line == made and hash(line) == hash(made) and repr(line) == repr(made)
    assert line != new_set_line(3, 5, "春耕", 117.0, 116.5, (run,), True, 0.25, 18.0)


def test_the_breaks_read_back_are_breaks():
    best = {0: Node(0.0, -1, -1, ""), 4: Node(1.0, 0, 3, FIT), 9: Node(2.0, 4, 8, FINAL)}
    got = Breaker._path(best, 9, 0)
    assert got == [Break(0, 3, FIT), Break(4, 8, FINAL)]
    assert [hash(b) for b in got] == [hash(Break(0, 3, FIT)), hash(Break(4, 8, FINAL))]
    assert repr(got[0]) == repr(Break(0, 3, FIT))
