"""Stage 5 (pure): stories and slots → page frames (headlines, photos, columns, jumps, furniture)."""

from typeset.compose.edition import compose_edition

__all__ = ["compose_edition"]
