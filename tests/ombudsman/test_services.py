import datetime as dt

import pytest

from redress.cases.models import CaseAccessGrant, TimelineEvent
from redress.cases.services import case_refuse, case_respond
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.ombudsman.models import Body, Decision, OmbudsmanCase
from redress.ombudsman.services import (
    ombudsman_decide,
    ombudsman_recommendation_add,
    ombudsman_recommendation_complete,
    ombudsman_refer,
    ombudsman_request_add,
    ombudsman_request_answer,
)
from tests.factories import make_case
from tests.ombudsman.conftest import days_ago, finished_complaint

pytestmark = pytest.mark.django_db


def refer(case, by, **changes):
    values = {"reference": "24 012 345", "notified_on": days_ago(15), "body": Body.LGSCO}
    values.update(changes)
    return ombudsman_refer(case=case, by=by, **values)


def decide(ombudsman_case, by, **changes):
    values = {
        "decision": Decision.UPHELD,
        "on": days_ago(5),
        "remedy_already_provided": False,
    }
    values.update(changes)
    return ombudsman_decide(ombudsman_case=ombudsman_case, by=by, **values)


def events(case, kind):
    return list(TimelineEvent.objects.filter(case=case, kind=kind))


# --- refer -----------------------------------------------------------------------------------


def test_refer_records_the_ombudsman_case_and_a_timeline_event(finished, officer):
    version = finished.version
    found = refer(finished, officer)
    assert found.case == finished
    assert (found.body, found.reference, found.notified_on) == (
        Body.LGSCO,
        "24 012 345",
        days_ago(15),
    )
    [event] = events(finished, "ombudsman_referred")
    assert event.actor == officer
    assert "24 012 345" in event.summary
    assert event.data["after"]["notified_on"] == days_ago(15).isoformat()
    finished.refresh_from_db()
    assert finished.version == version + 1


@pytest.mark.parametrize(
    ("configured", "expected"), [("lgsco", Body.LGSCO), ("housing", Body.HOUSING)]
)
def test_the_ombudsman_defaults_to_the_configured_one(
    finished, officer, settings, configured, expected
):
    settings.REDRESS_OMBUDSMAN = configured
    assert refer(finished, officer, body=None).body == expected


def test_an_organisation_answering_to_both_must_choose(finished, officer, settings):
    settings.REDRESS_OMBUDSMAN = "both"
    with pytest.raises(InvalidInput) as error:
        refer(finished, officer, body=None)
    assert "body" in error.value.field_errors


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reference": "  "}, "reference"),
        ({"reference": "x" * 41}, "reference"),
        ({"body": "parliamentary"}, "body"),
        ({"notified_on": days_ago(-1)}, "notified_on"),
        ({"notified_on": days_ago(400)}, "notified_on"),  # before the complaint was received
        ({"notified_on": "2026-01-01"}, "notified_on"),
    ],
)
def test_bad_referral_names_the_field_and_leaves_nothing(finished, officer, changes, field):
    with pytest.raises(InvalidInput) as error:
        refer(finished, officer, **changes)
    assert list(error.value.field_errors) == [field]
    assert not OmbudsmanCase.objects.exists()
    assert not events(finished, "ombudsman_referred")


def test_a_complaint_may_go_before_our_procedure_is_finished(db, service, officer):
    """The Ombudsman decides such a complaint is premature and sends it back; the referral
    and that decision are still recorded."""
    case = make_case(service=service, received_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=9))
    case = case_respond(case=case, by=None, on=days_ago(5), outcome="upheld")
    ombudsman_case = refer(case, officer, notified_on=days_ago(1))
    assert ombudsman_case.case == case
    assert events(case, "ombudsman_referred")


def test_a_refused_complaint_may_go(db, service, officer):
    case = make_case(service=service, received_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=9))
    case = case_refuse(case=case, by=None, reason="over_12_months")
    assert refer(case, officer, notified_on=days_ago(1)).case == case


def test_the_ombudsman_cannot_tell_us_before_the_complaint_arrived(db, service, officer):
    case = make_case(service=service, received_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=9))
    with pytest.raises(InvalidInput) as error:
        refer(case, officer, notified_on=days_ago(10))
    assert "received" in error.value.field_errors["notified_on"][0]


def test_only_complaints_go_to_the_ombudsman(db, service, officer):
    case = make_case(
        kind="member_enquiry",
        service=service,
        received_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=9),
    )
    with pytest.raises(TransitionNotAllowed, match="Only complaints"):
        refer(case, officer)


def test_a_case_goes_to_the_ombudsman_once(finished, officer):
    refer(finished, officer)
    with pytest.raises(TransitionNotAllowed, match="already with"):
        refer(finished, officer, reference="another")
    assert OmbudsmanCase.objects.count() == 1


def test_a_single_stage_procedure_is_final_once_answered(db, service, officer):
    case = finished_complaint(days_ago(20), service=service, procedure="adult-social-care")
    assert refer(case, officer).case == case


# --- permissions -----------------------------------------------------------------------------


def test_administrators_may_record_ombudsman_casework(finished, administrator):
    assert refer(finished, administrator).pk


@pytest.mark.parametrize("who", ["responder", "manager", "investigator"])
def test_other_roles_may_not(finished, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(NotPermitted):
        refer(finished, user)
    assert not OmbudsmanCase.objects.exists()


def test_other_roles_may_not_act_on_an_existing_ombudsman_case(finished, officer, responder):
    found = refer(finished, officer)
    with pytest.raises(NotPermitted):
        decide(found, responder)
    with pytest.raises(NotPermitted):
        ombudsman_request_add(
            ombudsman_case=found,
            by=responder,
            kind="enquiry",
            received_on=days_ago(10),
            due_on=days_ago(1),
        )


def test_a_restricted_case_needs_a_grant(db, service, officer, administrator):
    case = finished_complaint(days_ago(27), service=service, by=officer, restricted=True)
    with pytest.raises(NotPermitted):
        refer(case, administrator)
    CaseAccessGrant.objects.create(case=case, user=administrator)
    assert refer(case, administrator).pk


# --- the Ombudsman's requests ----------------------------------------------------------------


def add_request(ombudsman_case, by, **changes):
    values = {
        "kind": "information",
        "received_on": days_ago(12),
        "due_on": days_ago(2),
        "description": "Copies of the repair logs",
    }
    values.update(changes)
    return ombudsman_request_add(ombudsman_case=ombudsman_case, by=by, **values)


def test_requests_are_recorded_and_answered(finished, officer):
    found = refer(finished, officer)
    item = add_request(found, officer)
    assert (item.due_on, item.answered_on) == (days_ago(2), None)
    answered = ombudsman_request_answer(ombudsman_request=item, by=officer, on=days_ago(1))
    assert answered.answered_on == days_ago(1)
    [recorded] = events(finished, "ombudsman_request")
    assert "Request for information" in recorded.summary
    [done] = events(finished, "ombudsman_request_answered")
    assert "after its due date" in done.summary  # answered a day late


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "phone call"}, "kind"),
        ({"received_on": days_ago(16)}, "received_on"),  # before the Ombudsman told us
        ({"received_on": days_ago(-1)}, "received_on"),
        ({"due_on": days_ago(13)}, "due_on"),  # before it was received
        ({"due_on": None}, "due_on"),
        ({"description": "x" * 301}, "description"),
    ],
)
def test_bad_request_names_the_field(finished, officer, changes, field):
    found = refer(finished, officer)
    with pytest.raises(InvalidInput) as error:
        add_request(found, officer, **changes)
    assert list(error.value.field_errors) == [field]
    assert not found.requests.exists()


def test_a_request_may_be_due_in_the_future(finished, officer):
    found = refer(finished, officer)
    assert add_request(found, officer, due_on=days_ago(-20)).due_on == days_ago(-20)


@pytest.mark.parametrize("on", [days_ago(13), days_ago(-1)])
def test_answered_before_received_or_in_the_future_is_refused(finished, officer, on):
    item = add_request(refer(finished, officer), officer)
    with pytest.raises(InvalidInput) as error:
        ombudsman_request_answer(ombudsman_request=item, by=officer, on=on)
    assert list(error.value.field_errors) == ["on"]


def test_a_request_is_answered_once(finished, officer):
    item = add_request(refer(finished, officer), officer)
    ombudsman_request_answer(ombudsman_request=item, by=officer, on=days_ago(3))
    with pytest.raises(TransitionNotAllowed, match="already answered"):
        ombudsman_request_answer(ombudsman_request=item, by=officer, on=days_ago(2))


# --- decision --------------------------------------------------------------------------------


def test_the_decision_is_recorded_once(finished, officer):
    found = decide(refer(finished, officer), officer, remedy_already_provided=True)
    assert (found.decision, found.decided_on, found.remedy_already_provided) == (
        Decision.UPHELD,
        days_ago(5),
        True,
    )
    [event] = events(finished, "ombudsman_decision")
    assert "upheld" in event.summary
    with pytest.raises(TransitionNotAllowed, match="already recorded"):
        decide(found, officer, decision=Decision.NOT_UPHELD)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"decision": Decision.MALADMINISTRATION}, "decision"),  # a Housing Ombudsman finding
        ({"decision": "quashed"}, "decision"),
        ({"on": days_ago(16)}, "decided_on"),  # before the Ombudsman told us
        ({"on": days_ago(-1)}, "decided_on"),
        ({"remedy_already_provided": "yes"}, "remedy_already_provided"),
    ],
)
def test_bad_decision_names_the_field(finished, officer, changes, field):
    found = refer(finished, officer)
    with pytest.raises(InvalidInput) as error:
        decide(found, officer, **changes)
    assert list(error.value.field_errors) == [field]
    found.refresh_from_db()
    assert found.decision == ""


def test_the_housing_ombudsman_makes_findings(finished, officer):
    found = refer(finished, officer, body=Body.HOUSING)
    with pytest.raises(InvalidInput):
        decide(found, officer, decision=Decision.UPHELD)
    assert decide(found, officer, decision=Decision.SERVICE_FAILURE).decision == "service_failure"


# --- recommendations -------------------------------------------------------------------------


def recommend(ombudsman_case, by, **changes):
    values = {
        "kind": "personal",
        "description": "Pay £250 for the distress",
        "due_on": days_ago(-30),
    }
    values.update(changes)
    return ombudsman_recommendation_add(ombudsman_case=ombudsman_case, by=by, **values)


def test_recommendations_come_with_the_decision(finished, officer):
    found = refer(finished, officer)
    with pytest.raises(TransitionNotAllowed, match="decision first"):
        recommend(found, officer)
    decide(found, officer)
    item = recommend(found, officer)
    done = ombudsman_recommendation_complete(
        recommendation=item, by=officer, on=days_ago(1), evidence="Payment reference 8812"
    )
    assert (done.completed_on, done.evidence) == (days_ago(1), "Payment reference 8812")
    assert len(events(finished, "ombudsman_recommendation")) == 1
    [event] = events(finished, "ombudsman_recommendation_done")
    assert "after its due date" not in event.summary
    with pytest.raises(TransitionNotAllowed, match="already completed"):
        ombudsman_recommendation_complete(
            recommendation=item, by=officer, on=days_ago(0), evidence="Again"
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "fine"}, "kind"),
        ({"description": " "}, "description"),
        ({"due_on": days_ago(6)}, "due_on"),  # before the decision
    ],
)
def test_bad_recommendation_names_the_field(finished, officer, changes, field):
    found = decide(refer(finished, officer), officer)
    with pytest.raises(InvalidInput) as error:
        recommend(found, officer, **changes)
    assert list(error.value.field_errors) == [field]
    assert not found.recommendations.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"evidence": ""}, "evidence"),
        ({"on": days_ago(6)}, "on"),  # before the decision
        ({"on": days_ago(-1)}, "on"),
    ],
)
def test_bad_completion_names_the_field(finished, officer, changes, field):
    item = recommend(decide(refer(finished, officer), officer), officer)
    values = {"on": days_ago(1), "evidence": "Letter of apology sent"} | changes
    with pytest.raises(InvalidInput) as error:
        ombudsman_recommendation_complete(recommendation=item, by=officer, **values)
    assert list(error.value.field_errors) == [field]
    item.refresh_from_db()
    assert item.completed_on is None
