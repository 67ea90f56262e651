"""The clock on the real calendars: bank holidays of each nation and the closure-day table."""

import datetime as dt

import pytest

from redress.calendars.clock import Duration, Unit, due_date
from redress.calendars.models import ClosureDay
from redress.calendars.registry import (
    CALENDAR_CODES,
    ENGLAND_AND_WALES,
    NORTHERN_IRELAND,
    SCOTLAND,
    UNITED_KINGDOM,
    bank_holidays,
)
from redress.calendars.services import working_calendar

D = dt.date


def wd(days: int) -> Duration:
    return Duration(days, Unit.WORKING_DAYS)


def england(around: dt.date):
    return working_calendar(ENGLAND_AND_WALES, around)


@pytest.mark.django_db
def test_received_friday_before_christmas_2024_is_acknowledged_by_new_years_eve():
    # Day 1 Mon 23, day 2 Tue 24, (25, 26 holidays), day 3 Fri 27, day 4 Mon 30, day 5 Tue 31.
    assert due_date(D(2024, 12, 20), wd(5), england(D(2024, 12, 20))) == D(2024, 12, 31)


@pytest.mark.django_db
def test_received_on_the_saturday_before_the_august_bank_holiday_2026():
    calendar = england(D(2026, 8, 29))
    assert due_date(D(2026, 8, 29), wd(1), calendar) == D(2026, 9, 1)
    assert due_date(D(2026, 8, 29), wd(5), calendar) == D(2026, 9, 7)


@pytest.mark.django_db
def test_boxing_day_2026_falls_on_a_saturday_and_is_observed_on_monday_28_december():
    calendar = england(D(2026, 12, 1))
    assert not calendar.is_working_day(D(2026, 12, 28))
    # Thu 24 Dec: day 1 is Tue 29 (Fri 25 Christmas, weekend, Mon 28 substitute).
    assert due_date(D(2026, 12, 24), wd(1), calendar) == D(2026, 12, 29)
    # Days 2 and 3 are Wed 30 and Thu 31; New Year's Day 2027 (Friday) is skipped too.
    assert due_date(D(2026, 12, 24), wd(4), calendar) == D(2027, 1, 4)


@pytest.mark.django_db
def test_a_weekend_christmas_moves_both_holidays_to_the_next_weekdays():
    # 2027: Christmas Day and Boxing Day fall on Saturday and Sunday: Mon 27 and Tue 28 off.
    calendar = england(D(2027, 12, 1))
    assert not calendar.is_working_day(D(2027, 12, 27))
    assert not calendar.is_working_day(D(2027, 12, 28))
    assert due_date(D(2027, 12, 24), wd(1), calendar) == D(2027, 12, 29)


@pytest.mark.django_db
def test_easter_stops_the_clock_in_england_from_good_friday_to_easter_monday():
    calendar = england(D(2026, 4, 1))
    # Thu 2 April 2026: Good Friday 3, weekend, Easter Monday 6; day 1 is Tue 7.
    assert due_date(D(2026, 4, 2), wd(1), calendar) == D(2026, 4, 7)
    assert due_date(D(2026, 4, 2), wd(10), calendar) == D(2026, 4, 20)


@pytest.mark.django_db
def test_scotland_works_easter_monday_but_not_2_january():
    scotland = working_calendar(SCOTLAND, D(2026, 1, 1))
    england_cal = england(D(2026, 1, 1))
    assert scotland.is_working_day(D(2026, 4, 6))
    assert not england_cal.is_working_day(D(2026, 4, 6))
    assert not scotland.is_working_day(D(2026, 1, 2))
    assert england_cal.is_working_day(D(2026, 1, 2))
    # Received Wed 31 Dec 2025: England's day 1 is Fri 2 Jan, Scotland's Mon 5 Jan.
    assert due_date(D(2025, 12, 31), wd(1), england_cal) == D(2026, 1, 2)
    assert due_date(D(2025, 12, 31), wd(1), scotland) == D(2026, 1, 5)
    # Scotland's summer holiday is the first Monday in August, England's the last.
    assert not scotland.is_working_day(D(2026, 8, 3))
    assert scotland.is_working_day(D(2026, 8, 31))
    assert not scotland.is_working_day(D(2026, 11, 30))  # St Andrew's Day


@pytest.mark.django_db
def test_northern_ireland_has_st_patricks_day_and_the_twelfth():
    ni = working_calendar(NORTHERN_IRELAND, D(2026, 1, 1))
    assert not ni.is_working_day(D(2026, 3, 17))
    assert not ni.is_working_day(D(2026, 7, 13))  # 12 July is a Sunday: observed Monday
    assert england(D(2026, 1, 1)).is_working_day(D(2026, 3, 17))


@pytest.mark.django_db
def test_the_uk_wide_calendar_stops_the_clock_for_a_holiday_anywhere_in_the_uk():
    uk = working_calendar(UNITED_KINGDOM, D(2026, 1, 1))
    for day in (D(2026, 1, 2), D(2026, 3, 17), D(2026, 4, 6), D(2026, 7, 13), D(2026, 8, 3)):
        assert not uk.is_working_day(day), day
    # FOI received Mon 16 March 2026: 20 working days skip St Patrick's Day, Good Friday and
    # Easter Monday, so the answer is due on Thursday 16 April rather than Tuesday 14 April.
    assert due_date(D(2026, 3, 16), wd(20), uk) == D(2026, 4, 16)
    assert due_date(D(2026, 3, 16), wd(20), england(D(2026, 3, 16))) == D(2026, 4, 15)


def test_every_calendar_code_knows_christmas_and_an_unknown_one_is_refused():
    for code in CALENDAR_CODES:
        assert D(2026, 12, 25) in bank_holidays(code, 2026)
    with pytest.raises(KeyError):
        bank_holidays("atlantis", 2026)


@pytest.mark.django_db
def test_a_closure_day_stops_the_clock_only_on_its_own_calendar():
    received = D(2026, 12, 21)  # Monday
    before = due_date(received, wd(5), england(received))
    assert before == D(2026, 12, 30)  # 22, 23, 24, 29, 30
    ClosureDay.objects.create(
        calendar=ENGLAND_AND_WALES, date=D(2026, 12, 29), name="Christmas shutdown"
    )
    ClosureDay.objects.create(
        calendar=ENGLAND_AND_WALES, date=D(2026, 12, 30), name="Christmas shutdown"
    )
    assert due_date(received, wd(5), england(received)) == D(2027, 1, 4)
    scotland = working_calendar(SCOTLAND, received)
    assert scotland.is_working_day(D(2026, 12, 29))


@pytest.mark.django_db
def test_a_closure_day_in_the_next_year_is_found_for_a_receipt_late_in_this_one():
    ClosureDay.objects.create(calendar=ENGLAND_AND_WALES, date=D(2027, 1, 4), name="Proclaimed")
    calendar = england(D(2026, 12, 30))
    assert not calendar.is_working_day(D(2027, 1, 4))
    assert due_date(D(2026, 12, 30), wd(2), calendar) == D(2027, 1, 5)
