import datetime as dt

import pytest

from redress.core.errors import InvalidInput
from redress.reporting.periods import (
    custom,
    financial_year,
    financial_year_of,
    latest_complete_quarter,
    month,
    months_of,
    period_from_query,
    previous,
    quarter,
)

TODAY = dt.date(2026, 11, 22)


def test_financial_year_runs_from_1_april():
    fy = financial_year(2026)
    assert (fy.start, fy.end, fy.label) == (
        dt.date(2026, 4, 1),
        dt.date(2027, 3, 31),
        "Financial year 2026/27",
    )
    assert financial_year_of(dt.date(2026, 3, 31)) == 2025
    assert financial_year_of(dt.date(2026, 4, 1)) == 2026


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, "2026-04-01", "2026-06-30"),
        (2, "2026-07-01", "2026-09-30"),
        (3, "2026-10-01", "2026-12-31"),
        (4, "2027-01-01", "2027-03-31"),
    ],
)
def test_quarters(number, start, end):
    q = quarter(2026, number)
    assert (q.start.isoformat(), q.end.isoformat()) == (start, end)


def test_months_of_clips_to_the_period():
    from redress.reporting.periods import custom

    months = months_of(custom(dt.date(2026, 1, 15), dt.date(2026, 3, 2)))
    assert [(m.start.day, m.end.day) for m in months] == [(15, 31), (1, 28), (1, 2)]


def test_default_is_the_current_financial_year():
    assert period_from_query({}, TODAY) == financial_year(2026)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "quarter", "quarter": "0"}, "quarter"),
        ({"period": "month", "month": "13"}, "month"),
        ({"period": "year", "year": "twenty"}, "year"),
        ({"period": "custom", "from": "2026-05-01"}, "to"),
        ({"period": "custom", "from": "2026-05-01", "to": "2026-04-01"}, "from"),
        ({"period": "week"}, "period"),
    ],
)
def test_bad_periods_name_the_field(params, field):
    with pytest.raises(InvalidInput) as error:
        period_from_query(params, TODAY)
    assert field in error.value.field_errors


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 22), (2026, 2)),  # in Q3: Q2 has ended
        (dt.date(2026, 10, 1), (2026, 2)),  # the first day of Q3
        (dt.date(2026, 9, 30), (2026, 1)),  # Q2's last day: Q2 not yet over
        (dt.date(2026, 5, 10), (2025, 4)),  # in Q1: the last quarter of the year before
        (dt.date(2027, 2, 1), (2026, 3)),  # in Q4 (January to March)
    ],
)
def test_latest_complete_quarter(today, expected):
    assert latest_complete_quarter(today) == expected


def test_previous_period_is_of_the_same_kind():
    assert previous(quarter(2026, 1)) == quarter(2025, 4)
    assert previous(quarter(2026, 4)) == quarter(2026, 3)
    assert previous(financial_year(2026)) == financial_year(2025)
    assert previous(month(2026, 1)) == month(2025, 12)
    chosen = custom(dt.date(2026, 4, 11), dt.date(2026, 4, 20))
    assert (previous(chosen).start, previous(chosen).end) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 10),
    )
