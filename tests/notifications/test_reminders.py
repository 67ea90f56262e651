"""Deadline reminders: before the deadline to the handler, after it to them and their manager,
each once only."""

import copy
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.services import case_assign
from redress.notifications.models import DeadlineReminder, OutboundMessage
from redress.notifications.reminders import send_deadline_reminders
from redress.procedures.services import procedure_create_from_preset, shipped_presets
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned_case():
    service = ServiceFactory()
    # The manager oversees the service: nobody hears of a case they cannot see.
    boss = UserFactory(role=Role.MANAGER, services=[service], email="boss@council.example")
    handler = UserFactory(
        role=Role.SERVICE_RESPONDER, services=[service], email="handler@council.example"
    )
    handler.manager = boss
    handler.save()
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case = make_case(service=service)
    case_assign(case=case, by=officer, handler=handler)
    case.refresh_from_db()
    return case


def _to(address):
    return OutboundMessage.objects.filter(recipient_email=address)


def test_handler_is_told_before_the_deadline_once(settings, assigned_case):
    settings.NOTIFICATIONS_REMINDER_WORKING_DAYS = 2
    due = assigned_case.next_due_on
    too_early = due - dt.timedelta(days=10)
    assert send_deadline_reminders(today=too_early).due_soon == 0
    day_before = due - dt.timedelta(days=1)
    assert send_deadline_reminders(today=day_before).due_soon == 1
    assert send_deadline_reminders(today=day_before).due_soon == 0
    assert send_deadline_reminders(today=due).due_soon == 0
    assert _to("handler@council.example").count() == 1
    assert _to("boss@council.example").count() == 0


def test_missed_deadline_tells_handler_and_manager_once(assigned_case):
    after = assigned_case.next_due_on + dt.timedelta(days=1)
    assert send_deadline_reminders(today=after).missed == 1
    send_deadline_reminders(today=after + dt.timedelta(days=3))
    assert _to("handler@council.example").filter(template_key="reminder_missed").count() == 1
    assert _to("boss@council.example").filter(template_key="reminder_missed").count() == 1
    assert DeadlineReminder.objects.filter(kind="missed").count() == 1


def test_unassigned_cases_get_no_reminder():
    case = make_case()
    assert send_deadline_reminders(today=case.next_due_on + dt.timedelta(days=1)).missed == 0


# --- working days on the case's own calendar -------------------------------------------------

NEW_YEAR_EVE = dt.date(2025, 12, 31)
TWELFTH_DAY = dt.date(2026, 1, 6)


@pytest.fixture
def scottish_procedure():
    """The Complaint Handling Code on Scotland's bank holidays (2 January is one there)."""
    data = copy.deepcopy(next(p for p in shipped_presets() if p["default_for_kind"] == "complaint"))
    data.update(slug="chc-scotland", name="Complaint Handling Code (Scotland)")
    data.update(calendar="scotland", default_for_kind="")
    return procedure_create_from_preset(data)


def _assigned(email, **case_fields):
    service = ServiceFactory()
    handler = UserFactory(role=Role.SERVICE_RESPONDER, services=[service], email=email)
    case = make_case(service=service, **case_fields)
    case_assign(case=case, by=UserFactory(role=Role.COMPLAINTS_OFFICER), handler=handler)
    case.refresh_from_db()
    return case


def _london(day):
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=LONDON)


def test_due_soon_counts_working_days_on_the_procedures_calendar(settings, scottish_procedure):
    settings.NOTIFICATIONS_REMINDER_WORKING_DAYS = 2
    scottish = _assigned(
        "scot@council.example",
        procedure=scottish_procedure.slug,
        received_at=_london(dt.date(2025, 12, 24)),
    )
    english = _assigned("eng@council.example", received_at=_london(dt.date(2025, 12, 29)))
    # Both acknowledgements are due on 6 January, each five working days on its own calendar.
    assert scottish.next_due_on == english.next_due_on == TWELFTH_DAY
    # On 31 December two working days reach 6 January in Scotland (1 and 2 January are bank
    # holidays there) but only 5 January in England, where 2 January is a working day.
    assert send_deadline_reminders(today=NEW_YEAR_EVE).due_soon == 1
    assert _to("scot@council.example").count() == 1
    assert _to("eng@council.example").count() == 0
    assert send_deadline_reminders(today=dt.date(2026, 1, 2)).due_soon == 1
    assert _to("eng@council.example").count() == 1


def test_calendars_are_read_per_run_not_per_case(settings, scottish_procedure):
    settings.NOTIFICATIONS_REMINDER_WORKING_DAYS = 2

    def reads_for(cases):
        with CaptureQueriesContext(connection) as run:
            assert send_deadline_reminders(today=NEW_YEAR_EVE).due_soon == cases
        sql = [q["sql"] for q in run.captured_queries]
        return sum(1 for q in sql if "calendars_closureday" in q or "procedureversion" in q)

    received = _london(dt.date(2025, 12, 24))
    _assigned("first@council.example", procedure=scottish_procedure.slug, received_at=received)
    one = reads_for(1)
    DeadlineReminder.objects.all().delete()
    for n in range(3):
        _assigned(f"h{n}@council.example", procedure=scottish_procedure.slug, received_at=received)
    assert reads_for(4) == one
