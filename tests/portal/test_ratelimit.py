"""The rate limit's shared counter, counted in the database."""

import pytest
from django.db import connection

from redress.portal.models import RateCounter
from redress.portal.ratelimit import Limit, hit

pytestmark = pytest.mark.django_db
LIMIT = Limit("lookup", allowed=2, window_seconds=900)
NOW = 1_800_000_000.0  # the start of a 15-minute window


@pytest.mark.parametrize("returning", [True, False], ids=["returning", "update then read"])
def test_each_window_counts_each_address_separately(monkeypatch, returning):
    # Both ways of counting: databases without RETURNING take the second.
    if not returning and connection.vendor != "sqlite":
        pytest.skip("only SQLite before 3.35 lacks RETURNING; Django relies on it here")
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", returning)
    verdicts = [hit(LIMIT, "10.0.0.1", now=NOW + n) for n in range(3)]
    assert [v.allowed for v in verdicts] == [True, True, False]
    assert verdicts[-1].retry_after_seconds == 900 - 2 + 1
    assert hit(LIMIT, "10.0.0.2", now=NOW).allowed, "another address has its own count"
    assert hit(LIMIT, "10.0.0.1", now=NOW + 900).allowed, "the next window starts again"
    counts = dict(RateCounter.objects.values_list("client", "count").filter(window_start=NOW))
    assert counts == {"10.0.0.1": 3, "10.0.0.2": 1}
