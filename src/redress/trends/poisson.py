"""The Poisson upper tail, P(X >= k) for X ~ Poisson(lam), computed exactly enough for alerts.

scipy is not a dependency of Redress, and one function does not justify it: the tail is a sum
of terms each got from the one before (term(i + 1) = term(i) * lam / (i + 1)). The first term
comes from logarithms (``math.lgamma``), so a large count or mean never overflows a factorial.
When the count is above the mean the tail itself is summed, term by shrinking term, so a tiny
p-value keeps its precision; otherwise it is one less the lower sum, summed downwards from the
count so that the terms shrink there too.
"""

from __future__ import annotations

import math

_RELATIVE_TOLERANCE = 1e-16  # stop when a term no longer changes the sum in double precision
_MAX_TERMS = 100_000


def _term(i: int, lam: float) -> float:
    """P(X = i), from logarithms."""
    return math.exp(-lam + i * math.log(lam) - math.lgamma(i + 1))


def poisson_upper_tail(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam): how likely a count of at least ``k`` is by chance."""
    if k <= 0:
        return 1.0
    if lam < 0:
        raise ValueError("a Poisson mean cannot be negative")
    if lam == 0:
        return 0.0  # a mean of nothing never produces a case
    if k > lam:
        # The terms from k on shrink at least geometrically (ratio lam / (i + 1) < 1).
        term = _term(k, lam)
        total, i = 0.0, k
        while term > total * _RELATIVE_TOLERANCE and i < k + _MAX_TERMS:
            total += term
            i += 1
            term *= lam / i
        return min(1.0, total)
    # At or below the mean the tail is large; sum the lower part from k - 1 down, where the
    # terms shrink (ratio i / lam < 1), so a large mean never underflows e^-lam to nothing.
    term = _term(k - 1, lam)
    lower, i = 0.0, k - 1
    while i >= 0 and term > lower * _RELATIVE_TOLERANCE:
        lower += term
        term *= i / lam
        i -= 1
    return max(0.0, min(1.0, 1.0 - lower))
