"""The paper's composition choices: `CompositionRules` lives with the layout model
(typeset/model/composition.py) so the manifest loader can check a layout's `composition:` with
file and line; the text stage re-exports it here under its old name."""

from typeset.model.composition import CompositionRules

__all__ = ["CompositionRules"]
