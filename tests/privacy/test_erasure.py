"""Erasure on request: what it removes, what it keeps, and what it refuses."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from redress.accounts.models import Role
from redress.cases.models import Attachment, Case, Correspondence, Person, TimelineEvent
from redress.cases.representatives import Representative
from redress.cases.search import apply_text_search
from redress.cases.services import case_set_access
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.elsewhere.models import Destination, RoutedElsewhere
from redress.elsewhere.services import case_route_elsewhere
from redress.notifications.models import OutboundMessage
from redress.privacy.anonymise import person_anonymise
from redress.privacy.holds import legal_hold_lift, legal_hold_place
from redress.privacy.models import AnonymisedCase, ErasureLog
from redress.staff.models import ResponseDraft
from tests.factories import UserFactory
from tests.privacy.helpers import JO, closed, full_case, report_figures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin():
    return UserFactory(role=Role.ADMINISTRATOR)


def _everything_said_about(case: Case) -> str:
    """Every piece of text the product keeps about the case and its person."""
    case.refresh_from_db()
    person = Person.objects.get(pk=case.person_id)
    parts = [
        person.name,
        person.email,
        person.phone,
        person.address,
        person.communication_needs,
        case.summary,
        case.description,
        case.outcome_sought,
        case.representative_name,
        case.representative_email,
    ]
    parts += [f"{c.subject} {c.body}" for c in Correspondence.objects.filter(case=case)]
    parts += [f"{e.summary} {e.data}" for e in TimelineEvent.objects.filter(case=case)]
    for m in OutboundMessage.objects.filter(case=case):
        parts += [m.recipient_name, m.recipient_email, m.recipient_address, m.subject, m.body_text]
    for d in ResponseDraft.objects.filter(case=case):
        parts += [getattr(d, s) for s in ResponseDraft.SECTIONS]
    return "\n".join(parts).lower()


def test_erasure_removes_the_person_from_every_place_their_details_are_kept(
    admin, django_capture_on_commit_callbacks
):
    case = full_case(
        representative=Representative(
            name="Priya Vandermeer",
            relationship="Daughter",
            consent_on=clock.today(),
            email="priya.vandermeer@example.net",
        ),
    )
    ResponseDraft.objects.create(
        case=case, stage=case.current_stage, definition="Ms Quistwick's fence", decision="Fix it"
    )
    OutboundMessage.objects.create(
        case=case,
        recipient_name=JO["name"],
        recipient_email=JO["email"],
        subject="Your complaint",
        body_text=f"Dear {JO['name']}",
        idempotency_key="erasure-test",
    )
    stored = Attachment.objects.get(case=case).file.name
    assert default_storage.exists(stored)
    before = _everything_said_about(case)
    for word in ("quistwick", "larkspur", "07700 900123", "vandermeer", "joanna.quistwick@"):
        assert word in before  # the test would see each one if it stayed

    with django_capture_on_commit_callbacks(execute=True):
        log = person_anonymise(case.person, by=admin, reason="Request 2026/41 by letter")

    after = _everything_said_about(case)
    for word in ("quistwick", "joanna", "larkspur", "bs35", "07700", "vandermeer", "large print"):
        assert word not in after, word
    assert not Attachment.objects.filter(case=case).exists()
    assert not default_storage.exists(stored)
    message = OutboundMessage.objects.get(case=case)
    assert message.state == OutboundMessage.State.FAILED  # never sent now
    assert (log.by, log.reason, log.cases, log.attachments, log.messages) == (
        admin,
        "Request 2026/41 by letter",
        1,
        1,
        1,
    )
    assert AnonymisedCase.objects.filter(case=case, log=log).exists()
    event = TimelineEvent.objects.filter(case=case, kind="anonymised").get()
    assert event.actor == admin


def test_search_no_longer_finds_the_person_by_name_or_email(admin):
    case = full_case()
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    for text in ("Quistwick", "joanna quist", JO["email"], "Larkspur"):
        assert list(apply_text_search(Case.objects.all(), text)) == [case], text
    person_anonymise(case.person, by=admin, reason="Asked by email")
    for text in ("Quistwick", "joanna quist", JO["email"], "Larkspur"):
        assert not apply_text_search(Case.objects.all(), text).exists(), text
    # The case itself is still found by its reference, and still seen.
    assert list(apply_text_search(Case.objects.all(), case.reference)) == [case]
    assert case.reference  # reference, kind, dates unchanged
    assert officer


def test_the_report_figures_are_the_same_before_and_after(admin):
    erased = closed(full_case(), outcome="upheld")
    kept = closed(full_case(person={**JO, "name": "Ravi Brookfield", "email": "ravi@x.org"}))
    today = clock.today()
    before = report_figures(admin, today)
    assert any(before)  # there is something to compare
    stage_before = list(erased.stages.values("number", "opened_on", "responded_on", "outcome"))
    person_anonymise(erased.person, by=admin, reason="Request 2026/42")
    assert report_figures(admin, today) == before
    erased.refresh_from_db()
    assert (erased.kind, erased.outcome, erased.status) == ("complaint", "upheld", "closed")
    assert list(erased.stages.values("number", "opened_on", "responded_on", "outcome")) == (
        stage_before
    )
    assert Person.objects.get(pk=kept.person_id).name == "Ravi Brookfield"


def test_a_reason_is_required_and_nothing_changes_without_one(admin):
    case = full_case()
    with pytest.raises(InvalidInput) as refused:
        person_anonymise(case.person, by=admin, reason="   ")
    assert "reason" in refused.value.field_errors
    assert Person.objects.get(pk=case.person_id).name == JO["name"]
    assert not ErasureLog.objects.exists()


def test_only_administrators_erase(admin):
    case = full_case()
    for role in (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.SERVICE_RESPONDER):
        with pytest.raises(NotPermitted):
            person_anonymise(case.person, by=UserFactory(role=role), reason="Asked")
    assert Person.objects.get(pk=case.person_id).name == JO["name"]


def test_a_person_with_a_case_the_administrator_cannot_see_is_refused(admin):
    ordinary = full_case()
    hidden = full_case(person={**JO})
    hidden.person_id = ordinary.person_id
    Case.objects.filter(pk=hidden.pk).update(person_id=ordinary.person_id)
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case_set_access(case=hidden, by=officer, restricted=True, reason="Staff member's complaint")
    with pytest.raises(NotPermitted):
        person_anonymise(ordinary.person, by=admin, reason="Asked")
    assert Person.objects.get(pk=ordinary.person_id).name == JO["name"]


def test_a_case_under_legal_hold_stops_the_erasure_until_lifted(admin):
    case = full_case()
    legal_hold_place(case=case, by=admin, reason="Insurance claim pending")
    with pytest.raises(TransitionNotAllowed) as refused:
        person_anonymise(case.person, by=admin, reason="Asked")
    assert case.reference in str(refused.value)
    assert Person.objects.get(pk=case.person_id).name == JO["name"]
    assert Attachment.objects.filter(case=case).exists()
    legal_hold_lift(case=case, by=admin, reason="Claim settled")
    person_anonymise(case.person, by=admin, reason="Asked")
    assert Person.objects.get(pk=case.person_id).name != JO["name"]


def test_holds_need_a_reason_and_an_administrator(admin):
    case = full_case()
    with pytest.raises(InvalidInput):
        legal_hold_place(case=case, by=admin, reason="")
    with pytest.raises(NotPermitted):
        legal_hold_place(case=case, by=UserFactory(role=Role.COMPLAINTS_OFFICER), reason="x")
    legal_hold_place(case=case, by=admin, reason="Claim")
    with pytest.raises(TransitionNotAllowed):
        legal_hold_place(case=case, by=admin, reason="Again")
    kinds = list(TimelineEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds.count("legal_hold_placed") == 1
    with pytest.raises(TransitionNotAllowed):
        legal_hold_lift(case=full_case(), by=admin, reason="Nothing held")


def test_the_reason_is_logged_without_the_persons_name(admin):
    case = full_case()
    log = person_anonymise(case.person, by=admin, reason="Joanna Quistwick asked on 1 May")
    assert "Quistwick" not in log.reason and "asked on 1 May" in log.reason


def test_why_a_complaint_went_elsewhere_is_erased_and_where_it_went_kept(admin):
    case = full_case()
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case_route_elsewhere(
        case=case,
        by=officer,
        destination=Destination.HUMAN_RESOURCES,
        to_name="Human Resources",
        on=case.received_on,
        reason=f"{JO['name']} complains about the conduct of the head of planning.",
    )
    person_anonymise(case.person, by=admin, reason="Request 2026/44")
    routing = RoutedElsewhere.objects.get(case=case)
    assert "quistwick" not in routing.reason.lower()
    assert (routing.destination, routing.to_name) == (
        Destination.HUMAN_RESOURCES,
        "Human Resources",
    )
