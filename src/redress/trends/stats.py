"""The test itself, on plain lists of weekly counts, so it can be tried on synthetic series.

The last week's count is compared with a Poisson distribution whose mean is the mean of the
weeks before it: the p-value is P(X >= count). A week is flagged when that is below the
threshold and the count is at least the minimum, so that small numbers (1 then 3) never alert
however unlikely they look. See docs/trends.md for what the method promises and what it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from redress.trends.poisson import poisson_upper_tail

# A scope with no cases at all in the weeks before is tested as if it had had half of one:
# against a mean of exactly 0 every case would be "impossible" (p = 0).
EMPTY_PAST = 0.5


@dataclass(frozen=True)
class Rules:
    p_value: float = 0.01
    min_count: int = 5
    baseline_weeks: int = 12

    @classmethod
    def from_settings(cls) -> Rules:
        chosen = getattr(settings, "REDRESS_TRENDS", {})
        return cls(
            p_value=float(chosen.get("P_VALUE", cls.p_value)),
            min_count=int(chosen.get("MIN_COUNT", cls.min_count)),
            baseline_weeks=int(chosen.get("BASELINE_WEEKS", cls.baseline_weeks)),
        )


@dataclass(frozen=True)
class Assessment:
    count: int
    expected: float
    p_value: float
    flagged: bool


def assess(series: Sequence[int], rules: Rules) -> Assessment:
    """Test the last count of ``series`` against the mean of the ones before it."""
    if len(series) < 2:
        raise ValueError("a series needs at least one week before the one tested")
    *past, count = series
    expected = sum(past) / len(past)
    mean = expected if expected > 0 else EMPTY_PAST / len(past)
    p_value = poisson_upper_tail(count, mean)
    flagged = count >= rules.min_count and p_value < rules.p_value
    return Assessment(count, expected, p_value, flagged)
