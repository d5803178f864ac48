"""Hypothesis settings for the fuzz suite: profile "ci" (bounded, derandomised, a few seconds)
by default; TYPESET_FUZZ=long selects "long" (hundreds of editions, minutes). The number of
examples can also be forced with TYPESET_FUZZ_EXAMPLES=N (as the manifest fuzz tests do).

Profiles are applied per test (`@FUZZ`), never loaded globally, so other suites keep theirs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                      HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=12, derandomize=True, print_blob=True, **_COMMON)
settings.register_profile("long", max_examples=300, print_blob=True, **_COMMON)

PROFILE = "long" if os.environ.get("TYPESET_FUZZ", "").lower() == "long" else "ci"


def fuzz(scale: float = 1.0) -> settings:
    """The active profile, with max_examples scaled for cheap (>1) or costly (<1) tests."""
    base = settings.get_profile(PROFILE)
    forced = os.environ.get("TYPESET_FUZZ_EXAMPLES")
    examples = int(forced) if forced else max(3, round(base.max_examples * scale))
    return settings(base, max_examples=examples)
