"""How many examples the property tests run, and how reproducibly.

Three hypothesis profiles, chosen with ``HYPOTHESIS_PROFILE`` (default ``default``):

- ``default``: what plain ``pytest`` runs. A modest number of examples per property (the ``examples`` given to
  :func:`property_settings`), derandomized (the same examples on every run and every machine, so CI is
  reproducible) and without the example database (no ``.hypothesis/`` directory is written).
- ``thorough``: 25x the default counts (2,000-3,750 examples per property, 750 for the live one), random seeds,
  and the example database under ``.hypothesis/`` (git-ignored) so that a failure found once is replayed first
  next time: ``HYPOTHESIS_PROFILE=thorough pytest tests/property`` (about a quarter of an hour on 2 cores).
- ``ci-random``: the default counts with random seeds (a nightly job that explores beyond the fixed examples).

``CLAUDE_MIGRATE_PROPERTY_EXAMPLES=N`` overrides the count of every property (the live property, which runs
the SDK against a local server, gets N/10, at least 1) in any profile: ``CLAUDE_MIGRATE_PROPERTY_EXAMPLES=5000``.

Deadlines are off in every profile: timing varies with the machine and the size of a generated module.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
THOROUGH_FACTOR = 25
_OVERRIDE = os.environ.get("CLAUDE_MIGRATE_PROPERTY_EXAMPLES")

# Generated modules are large draws by design; the live property uses a function-scoped server fixture on
# purpose (one server per test, cleared between examples).
_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture,
               HealthCheck.filter_too_much]

settings.register_profile(
    "default", deadline=None, derandomize=True, database=None, print_blob=True, suppress_health_check=_SUPPRESSED
)
settings.register_profile(
    "ci-random", deadline=None, derandomize=False, database=None, print_blob=True, suppress_health_check=_SUPPRESSED
)
settings.register_profile("thorough", deadline=None, derandomize=False, print_blob=True, suppress_health_check=_SUPPRESSED)


def example_count(default: int, *, expensive: bool = False) -> int:
    """The number of examples a property runs under the active profile (and the override)."""
    if _OVERRIDE:
        count = int(_OVERRIDE)
        return max(1, count // 10) if expensive else max(1, count)
    if PROFILE == "thorough":
        return default * THOROUGH_FACTOR
    return default


def property_settings(examples: int, *, expensive: bool = False) -> settings:
    """``@settings`` for one property: the active profile with this property's example count."""
    parent = settings.get_profile(PROFILE if PROFILE in ("default", "ci-random", "thorough") else "default")
    return settings(parent, max_examples=example_count(examples, expensive=expensive),
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink])
