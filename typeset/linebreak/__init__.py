"""Line breaking for later stages: the breaker the text stage uses, re-exported.

The algorithms live in `typeset.text.breaking` because `compose_paragraph` (text stage) needs
them and a stage may only import earlier ones (tests/test_architecture.py).
"""

from typeset.text.breaking import Break, Breaker
from typeset.text.measure import LineMeasure

__all__ = ["Break", "Breaker", "LineMeasure"]
