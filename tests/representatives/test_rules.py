"""The rules for a representative, at logging and when changed later, and the one rule for
who is written to (``correspondents_of``)."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.cases.kinds import ContactPreference, CorrespondenceTo
from redress.cases.models import Case, Person, TimelineEvent
from redress.cases.representatives import (
    Representative,
    consent_refusal,
    correspondents_of,
    representative_errors,
)
from redress.cases.services import case_set_representative
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from tests.factories import make_case
from tests.representatives.conftest import advocate

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


# --- the rules alone --------------------------------------------------------------------------


def test_a_complete_representative_breaks_no_rule():
    assert representative_errors(advocate(consent_on=TODAY), today=TODAY) == {}
    assert representative_errors(None, today=TODAY) == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "  "}, "representative.name", "Enter the name of the person acting"),
        ({"name": "x" * 201}, "representative.name", "200 characters or fewer"),
        ({"relationship": "x" * 121}, "representative.relationship", "120 characters"),
        ({"consent_on": None}, "representative.consent_on", "Enter the date the person consented"),
        (
            {"consent_on": TODAY + dt.timedelta(days=1)},
            "representative.consent_on",
            "cannot be in the future",
        ),
        (
            {"consent_on": dt.date(1999, 12, 31)},
            "representative.consent_on",
            "cannot be before 1 January 2000",
        ),
        ({"consent_on": "2026-01-01"}, "representative.consent_on", "as a real date"),
        ({"email": "not-an-email"}, "representative.email", "correct format"),
        ({"email": "a" * 250 + "@example.com"}, "representative.email", "254 characters"),
        ({"phone": "0" * 41}, "representative.phone", "40 characters or fewer"),
        ({"address": "x" * 1001}, "representative.address", "1,000 characters"),
        ({"correspondence_to": "neighbour"}, "representative.correspondence_to", "Choose who"),
        (
            {"email": "", "address": "", "correspondence_to": CorrespondenceTo.REPRESENTATIVE},
            "representative.email",
            "email address or postal address",
        ),
        (
            {"email": " ", "address": "\n", "correspondence_to": CorrespondenceTo.BOTH},
            "representative.email",
            "email address or postal address",
        ),
    ],
)
def test_each_broken_rule_names_its_field(changes, field, words):
    errors = representative_errors(advocate(**{"consent_on": TODAY, **changes}), today=TODAY)
    assert list(errors) == [field]
    assert words in errors[field][0]


def test_written_to_at_the_person_needs_no_address_for_the_representative():
    only_a_name = Representative(name="Sam Advocate", consent_on=TODAY)
    assert representative_errors(only_a_name, today=TODAY) == {}


def test_consent_on_the_earliest_date_and_today_is_allowed(settings):
    settings.REDRESS = {**settings.REDRESS, "EARLIEST_RECEIPT_DATE": "2020-06-01"}
    assert consent_refusal(dt.date(2020, 6, 1), TODAY) is None
    assert consent_refusal(TODAY, TODAY) is None
    assert "before 1 June 2020" in consent_refusal(dt.date(2020, 5, 31), TODAY)


# --- who is written to --------------------------------------------------------------------


def _case(**fields) -> Case:  # type: ignore[no-untyped-def]
    person = Person(name="Alex Example", email="alex@example.com", address="1 High St")
    defaults = {
        "representative_name": "Sam Advocate",
        "representative_consent_on": TODAY,
        "representative_email": "sam@example.com",
        "representative_address": "",
        "correspondence_to": CorrespondenceTo.BOTH,
    }
    return Case(person=person, **{**defaults, **fields})


def _who(case: Case) -> list[tuple[str, str, str]]:
    return [(c.role, c.email, c.address) for c in correspondents_of(case)]


def test_both_are_written_to_in_order_person_first():
    assert _who(_case()) == [
        ("person", "alex@example.com", "1 High St"),
        ("representative", "sam@example.com", ""),
    ]


def test_the_representative_only():
    case = _case(correspondence_to=CorrespondenceTo.REPRESENTATIVE)
    assert _who(case) == [("representative", "sam@example.com", "")]


def test_the_person_without_consent_without_a_way_to_reach_the_representative_or_by_choice():
    assert [c.role for c in correspondents_of(_case(representative_consent_on=None))] == ["person"]
    unreachable = _case(representative_email="", correspondence_to=CorrespondenceTo.BOTH)
    assert [c.role for c in correspondents_of(unreachable)] == ["person"]
    chosen = _case(correspondence_to=CorrespondenceTo.PERSON)
    assert [c.role for c in correspondents_of(chosen)] == ["person"]
    nobody = _case(representative_name="")
    assert [c.role for c in correspondents_of(nobody)] == ["person"]


def test_a_person_who_asked_for_letters_is_written_to_by_post():
    case = _case(correspondence_to=CorrespondenceTo.PERSON)
    case.person.contact_preference = ContactPreference.LETTER
    [person] = correspondents_of(case)
    assert (person.by_email, person.address) == (False, "1 High St")


# --- logging ------------------------------------------------------------------------------


def test_logging_with_a_representative_records_them_on_the_case_and_timeline(officer, service):
    case = make_case(by=officer, service=service, representative=advocate(name="  Sam Advocate "))
    case.refresh_from_db()
    assert Representative.of(case) == advocate()
    logged = case.events.get(kind="logged")
    assert "Represented by Sam Advocate (Daughter)" in logged.summary
    assert "letters and emails go to both the person and the representative" in logged.summary
    recorded = logged.data["after"]["representative"]
    assert recorded["email"] == "sam.advocate@example.com"
    assert recorded["consent_on"] == advocate().consent_on.isoformat()


def test_logging_reports_every_broken_rule_at_once_and_writes_nothing(officer, service):
    with pytest.raises(InvalidInput) as refused:
        make_case(
            by=officer,
            service=service,
            summary="",
            representative=advocate(
                consent_on=timezone.localdate() + dt.timedelta(days=3),
                email="",
                address="",
                correspondence_to=CorrespondenceTo.REPRESENTATIVE,
            ),
        )
    errors = refused.value.field_errors
    assert {"summary", "representative.consent_on", "representative.email"} <= set(errors)
    assert not Case.objects.exists() and not Person.objects.exists()


# --- changing it later --------------------------------------------------------------------


def test_adding_changing_and_removing_each_go_on_the_timeline_with_the_reason(case, officer):
    case = case_set_representative(
        case=case, by=officer, representative=advocate(), reason="Consent form arrived"
    )
    assert [c.role for c in correspondents_of(case)] == ["person", "representative"]
    case = case_set_representative(
        case=case,
        by=officer,
        representative=advocate(correspondence_to=CorrespondenceTo.REPRESENTATIVE),
        reason="Alex asked us to write to Sam only",
        expected_version=case.version,
    )
    assert [c.name for c in correspondents_of(case)] == ["Sam Advocate"]
    case = case_set_representative(
        case=case, by=officer, representative=None, reason="Alex withdrew consent"
    )
    case.refresh_from_db()
    assert (case.representative_name, case.representative_email) == ("", "")
    assert case.representative_consent_on is None
    assert case.correspondence_to == CorrespondenceTo.PERSON
    events = list(case.events.filter(kind="representative_changed").order_by("id"))
    assert [e.summary.split(":")[0] for e in events] == [
        "Representative added",
        "Representative changed",
        "Sam Advocate no longer represents the person",
    ]
    assert events[0].data["before"] == {"representative": None}
    assert events[1].data["before"]["representative"]["correspondence_to"] == "both"
    assert events[1].data["after"]["representative"]["correspondence_to"] == "representative"
    assert events[2].data["reason"] == "Alex withdrew consent"
    assert "Alex asked us to write to Sam only" in events[1].summary


def test_a_change_needs_a_reason_and_keeps_every_rule(case, officer):
    with pytest.raises(InvalidInput) as refused:
        case_set_representative(
            case=case, by=officer, representative=advocate(consent_on=None), reason=" "
        )
    assert set(refused.value.field_errors) == {"representative.consent_on", "reason"}
    case.refresh_from_db()
    assert case.representative_name == ""
    assert not case.events.filter(kind="representative_changed").exists()


def test_a_change_that_changes_nothing_is_refused(represented, officer):
    with pytest.raises(InvalidInput, match="Nothing has changed"):
        case_set_representative(
            case=represented, by=officer, representative=advocate(), reason="Checking"
        )


def test_a_stale_page_is_refused_and_nothing_changes(case, officer):
    opened_at = case.version
    case_set_representative(case=case, by=officer, representative=advocate(), reason="Consent")
    with pytest.raises(TransitionNotAllowed, match="Someone else changed this case"):
        case_set_representative(
            case=case,
            by=officer,
            representative=None,
            reason="Removing",
            expected_version=opened_at,
        )
    case.refresh_from_db()
    assert case.representative_name == "Sam Advocate"


def test_only_those_who_work_the_case_may_change_it(case, manager, responder):
    with pytest.raises(NotPermitted):
        case_set_representative(case=case, by=manager, representative=advocate(), reason="X")
    case_set_representative(case=case, by=responder, representative=advocate(), reason="Asked")
    assert TimelineEvent.objects.filter(case=case, kind="representative_changed").count() == 1


def test_a_person_reached_only_through_their_representative_needs_no_contact_of_their_own():
    case = make_case(
        person={"name": "Alex Example"},
        representative=advocate(correspondence_to=CorrespondenceTo.BOTH),
    )
    # Written to "both", but only the representative can be reached.
    assert [c.role for c in correspondents_of(case)] == ["representative"]


def test_without_a_representative_to_write_to_the_person_still_needs_contact_details():
    for representative in (None, advocate(correspondence_to=CorrespondenceTo.PERSON)):
        with pytest.raises(InvalidInput) as refused:
            make_case(person={"name": "Alex Example"}, representative=representative)
        assert "person.email" in refused.value.field_errors
    assert not Case.objects.exists()
