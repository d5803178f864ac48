"""Fixtures for composition tests: the real broadsheet layout and fonts, a generated photo
(defined once in compose_fixtures, shared with the fitting tests)."""

from compose_fixtures import fonts, layout, photo_file  # noqa: F401
