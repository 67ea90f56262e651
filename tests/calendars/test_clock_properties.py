"""Properties of the working-day clock that must hold for any date and any calendar."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redress.calendars.clock import (
    LONDON,
    Duration,
    Unit,
    WorkingCalendar,
    add_months,
    days_left,
    due_date,
    local_date,
)
from redress.calendars.registry import ENGLAND_AND_WALES, bank_holidays

dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
# Random holiday sets, including runs of consecutive holidays (a Christmas shutdown).
holiday_sets = st.frozensets(dates, max_size=60)
calendars = holiday_sets.map(WorkingCalendar)
counts = st.integers(min_value=0, max_value=80)
# The machine running the suite may be busy: judge these by their results, not their speed.
relaxed = settings(deadline=None)
ENGLAND = WorkingCalendar.of(
    day for year in range(2019, 2033) for day in bank_holidays(ENGLAND_AND_WALES, year)
)


@relaxed
@given(calendars, dates, st.integers(min_value=1, max_value=80))
def test_adding_working_days_lands_on_a_working_day_after_the_start(calendar, start, days):
    due = calendar.add_working_days(start, days)
    assert calendar.is_working_day(due)
    assert due > start


@relaxed
@given(calendars, dates, counts, counts)
def test_more_working_days_never_gives_an_earlier_date(calendar, start, a, b):
    low, high = sorted((a, b))
    assert calendar.add_working_days(start, low) <= calendar.add_working_days(start, high)
    if low < high:
        assert calendar.add_working_days(start, low) < calendar.add_working_days(start, high)


@relaxed
@given(calendars, dates, dates)
def test_a_later_start_never_gives_an_earlier_due_date(calendar, a, b):
    early, late = sorted((a, b))
    assert calendar.add_working_days(early, 5) <= calendar.add_working_days(late, 5)


@relaxed
@given(calendars, dates, counts)
def test_counting_the_days_between_inverts_adding_them(calendar, start, days):
    due = calendar.add_working_days(start, days)
    assert calendar.working_days_between(start, due) == days


@relaxed
@given(calendars, dates, dates)
def test_days_between_is_antisymmetric_and_lands_on_or_before_the_end(calendar, start, end):
    between = calendar.working_days_between(start, end)
    assert calendar.working_days_between(end, start) == -between
    if between >= 0:
        landed = calendar.add_working_days(start, between)
        assert landed <= end or landed == start
        # Nothing working lies after the landing day and up to the end.
        assert calendar.working_days_between(landed, end) == 0


@relaxed
@given(calendars, dates)
def test_day_one_is_the_first_working_day_after_receipt_whatever_the_weekday(calendar, start):
    day_one = calendar.add_working_days(start, 1)
    assert day_one > start
    assert calendar.is_working_day(day_one)
    gap = (day_one - start).days
    skipped = [start + dt.timedelta(days=n) for n in range(1, gap)]
    assert not any(calendar.is_working_day(day) for day in skipped)


@relaxed
@given(calendars, dates)
def test_receipt_on_a_non_working_day_counts_as_receipt_on_the_working_day_before(calendar, start):
    """Saturday receipt and Friday receipt share day 1: both are before Monday."""
    # Walk to the next non-working day (a weekend is never more than 6 days away) rather than
    # filtering generated dates, which would discard most of them.
    while calendar.is_working_day(start):
        start += dt.timedelta(days=1)
    previous = start - dt.timedelta(days=1)
    while not calendar.is_working_day(previous):
        previous -= dt.timedelta(days=1)
    assert calendar.add_working_days(start, 5) == calendar.add_working_days(previous, 5)


@relaxed
@given(calendars, dates)
def test_zero_working_days_is_the_day_itself(calendar, start):
    assert calendar.add_working_days(start, 0) == start


@relaxed
@given(calendars, dates, st.integers(min_value=-1000, max_value=-1))
def test_a_negative_number_of_working_days_is_refused(calendar, start, days):
    with pytest.raises(ValueError, match="negative"):
        calendar.add_working_days(start, days)


@relaxed
@given(st.integers(min_value=-1000, max_value=-1), st.sampled_from(list(Unit)))
def test_a_negative_duration_is_refused(amount, unit):
    with pytest.raises(ValueError, match="negative"):
        Duration(amount, unit)


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        Unit("fortnights")


@relaxed
@given(dates, st.integers(min_value=0, max_value=120))
def test_calendar_months_keep_the_day_or_clamp_to_the_month_end(start, months):
    due = add_months(start, months)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    if due.day != start.day:
        # Only a shorter month moves the day, and then to that month's last day.
        assert due.day < start.day
        assert (due + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 15), 6, dt.date(2026, 9, 15)),
        (dt.date(2026, 10, 31), 2, dt.date(2026, 12, 31)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
    ],
)
def test_calendar_month_examples(start, months, expected):
    assert due_date(start, Duration(months, Unit.CALENDAR_MONTHS), ENGLAND) == expected


@relaxed
@given(calendars, dates, st.integers(min_value=0, max_value=400))
def test_calendar_days_ignore_the_calendar(calendar, start, days):
    assert due_date(start, Duration(days, Unit.CALENDAR_DAYS), calendar) == start + dt.timedelta(
        days=days
    )


@relaxed
@given(
    st.datetimes(
        min_value=dt.datetime(2020, 1, 1),
        max_value=dt.datetime(2030, 12, 31),
        timezones=st.just(LONDON),
    ),
    st.integers(min_value=0, max_value=24 * 30),
)
def test_hours_run_from_the_moment_of_receipt_in_uk_time(moment, hours):
    due = due_date(moment, Duration(hours, Unit.HOURS), ENGLAND)
    elapsed = moment.astimezone(dt.UTC) + dt.timedelta(hours=hours)
    assert due == elapsed.astimezone(LONDON).date()
    assert due >= local_date(moment)


def test_forty_eight_hours_from_friday_afternoon_is_sunday_not_a_working_day():
    """Hours are elapsed time: weekends and holidays do not stop them."""
    friday = dt.datetime(2026, 11, 20, 15, 0, tzinfo=LONDON)
    assert due_date(friday, Duration(48, Unit.HOURS), ENGLAND) == dt.date(2026, 11, 22)


def test_hours_from_a_date_run_from_nine_in_the_morning():
    assert due_date(dt.date(2026, 11, 20), Duration(15, Unit.HOURS), ENGLAND) == dt.date(
        2026, 11, 21
    )
    assert due_date(dt.date(2026, 11, 20), Duration(14, Unit.HOURS), ENGLAND) == dt.date(
        2026, 11, 20
    )


def test_hours_across_the_clocks_going_back_count_real_hours():
    # 25 October 2026: the clocks go back at 02:00, so that day has 25 hours.
    start = dt.datetime(2026, 10, 24, 23, 30, tzinfo=LONDON)
    assert due_date(start, Duration(25, Unit.HOURS), ENGLAND) == dt.date(2026, 10, 25)
    assert due_date(start, Duration(26, Unit.HOURS), ENGLAND) == dt.date(2026, 10, 26)
    # 29 March 2026: the clocks go forward, so that day has 23 hours.
    spring = dt.datetime(2026, 3, 28, 0, 30, tzinfo=LONDON)
    assert due_date(spring, Duration(47, Unit.HOURS), ENGLAND) == dt.date(2026, 3, 30)


def test_receipt_late_in_the_evening_utc_is_the_next_day_in_summer():
    moment = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    assert local_date(moment) == dt.date(2026, 7, 1)
    assert due_date(moment, Duration(1, Unit.WORKING_DAYS), ENGLAND) == dt.date(2026, 7, 2)


def test_a_naive_received_time_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        local_date(dt.datetime(2026, 6, 30, 12, 0))
    with pytest.raises(ValueError, match="time zone"):
        due_date(dt.datetime(2026, 6, 30, 12, 0), Duration(48, Unit.HOURS), ENGLAND)


@relaxed
@given(calendars, dates, st.integers(min_value=0, max_value=40))
def test_days_left_is_zero_on_the_due_date_and_negative_once_overdue(calendar, start, days):
    due = calendar.add_working_days(start, days)
    assert days_left(due, due, calendar) == 0
    the_next = calendar.next_working_day(due)
    assert days_left(the_next, due, calendar) == -1
    assert days_left(start, due, calendar) == days


def test_describe_is_singular_and_plural():
    assert Duration(1, Unit.WORKING_DAYS).describe() == "1 working day"
    assert Duration(10, Unit.WORKING_DAYS).describe() == "10 working days"
    assert Duration(6, Unit.CALENDAR_MONTHS).describe() == "6 months"
    assert Duration(48, Unit.HOURS).describe() == "48 hours"
