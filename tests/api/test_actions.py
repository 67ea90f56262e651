"""Actions on the current stage: who may take each, and what bad input gets."""

import datetime as dt

import pytest

from redress.calendars.clock import LONDON
from redress.cases.models import Case, TimelineEvent
from redress.cases.services import case_acknowledge, case_close, case_escalate, case_respond
from tests.factories import UserFactory, make_case

RECEIVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)  # Monday


def _fresh(housing):
    return make_case(service=housing, received_at=RECEIVED)


def _acknowledged(housing):
    case = _fresh(housing)
    case_acknowledge(case=case, by=None, on=dt.date(2026, 11, 3))
    return case


def _responded(housing):
    case = _fresh(housing)
    case_respond(case=case, by=None, on=dt.date(2026, 11, 10), outcome="upheld")
    return case


def _closed(housing):
    case = _responded(housing)
    case_close(case=case, by=None)
    return case


# action: (how to prepare the case, a body that succeeds for someone allowed)
ACTIONS = {
    "acknowledge": (_fresh, {"on": "2026-11-03"}),
    "extend": (
        _acknowledged,
        {"by": {"amount": 5, "unit": "working_days"}, "reason": "Awaiting a survey"},
    ),
    "respond": (_fresh, {"on": "2026-11-10", "outcome": "partly_upheld"}),
    "escalate": (_responded, {"requested_on": "2026-11-12"}),
    "withdraw": (_fresh, {"reason": "Sorted out by phone"}),
    "refuse": (_fresh, {"reason": "legal_proceedings"}),
    "close": (_responded, {}),
    "reopen": (_closed, {"reason": "The repair failed again"}),
    "assign": (_fresh, {"handler": "responder_own"}),
    "route-elsewhere": (
        _fresh,
        {
            "destination": "monitoring_officer",
            "to_name": "Morgan Monitor",
            "to_email": "monitoring.officer@example.gov.uk",
            "on": "2026-11-04",
            "reason": "The complaint is about a councillor's conduct.",
        },
    ),
}
STAGE_WORK = {"acknowledge", "extend", "respond"}
EVENT_KIND = {
    "acknowledge": "acknowledged",
    "extend": "extended",
    "respond": "responded",
    "escalate": "escalated",
    "withdraw": "withdrawn",
    "refuse": "refused",
    "close": "closed",
    "reopen": "reopened",
    "assign": "assigned",
    "route-elsewhere": "routed_elsewhere",
}


def _expected(persona: str, action: str) -> int:
    if persona in {"officer", "administrator"}:
        return 200
    if persona == "responder_own":
        return 200 if action in STAGE_WORK else 403
    if persona == "manager":
        return 403
    if persona in {"responder_other", "investigator"}:
        return 404  # a stage 1 case of another service is not visible to them at all
    if persona in {"no_role", "member"}:
        return 403  # an elected Member sees figures on the reports pages, never the API
    return 401


PERSONAS = [
    "officer",
    "administrator",
    "responder_own",
    "responder_other",
    "investigator",
    "manager",
    "no_role",
    "member",
    "no_token",
    "revoked_token",
]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_who_may_take_each_action(personas, housing, action):
    prepare, body = ACTIONS[action]
    for persona in PERSONAS:  # a case each, so one persona's action cannot affect the next
        case = prepare(housing)
        events_before = TimelineEvent.objects.filter(case=case).count()
        version_before = Case.objects.get(pk=case.pk).version

        response = personas[persona].post(f"/cases/{case.reference}/{action}", body)

        expected = _expected(persona, action)
        assert response.status_code == expected, (persona, response.content)
        events = TimelineEvent.objects.filter(case=case).order_by("id")
        if expected == 200:
            assert response.json()["reference"] == case.reference
            # The action's own event; routing elsewhere queues the explanation after it.
            new_kinds = [e.kind for e in events][events_before:]
            assert new_kinds[0] == EVENT_KIND[action], new_kinds
            assert response.json()["version"] > version_before
        else:
            assert response.json()["detail"]
            assert events.count() == events_before, persona


@pytest.mark.django_db
def test_investigator_works_an_independent_stage_but_not_a_service_one(personas, housing):
    case = _responded(housing)
    case_escalate(case=case, by=None, requested_on=dt.date(2026, 11, 12))
    client = personas["investigator"]

    assert (
        client.post(f"/cases/{case.reference}/acknowledge", {"on": "2026-11-13"}).status_code == 200
    )
    assert client.post(f"/cases/{case.reference}/close", {}).status_code == 403
    assert (
        personas["responder_own"]
        .post(f"/cases/{case.reference}/respond", {"on": "2026-11-16", "outcome": "upheld"})
        .status_code
        == 403
    )


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_actions_on_a_missing_case_are_404(officer_api, action):
    response = officer_api.post(f"/cases/CMP-2026-999999/{action}", ACTIONS[action][1])

    assert response.status_code == 404


# --- bad input, per action -------------------------------------------------------------------

BAD = [
    ("acknowledge", {}, "on"),
    ("acknowledge", {"on": "tomorrow"}, "on"),
    ("acknowledge", {"on": 20261103}, "on"),
    ("acknowledge", {"on": "2099-01-01"}, "on"),
    ("acknowledge", {"on": "2026-10-01"}, "on"),  # before the case arrived
    ("acknowledge", {"on": "2026-11-03", "definition_summary": "x" * 5001}, "definition_summary"),
    ("acknowledge", {"on": "2026-11-03", "expected_version": "one"}, "expected_version"),
    ("acknowledge", {"on": "2026-11-03", "extra": 1}, "extra"),
    ("extend", {"reason": "r"}, "by"),
    (
        "extend",
        {"by": {"amount": 5, "unit": "working_days"}, "until": "2026-11-30", "reason": "r"},
        "by",
    ),
    ("extend", {"by": {"amount": 5, "unit": "working_days"}}, "reason"),
    ("extend", {"by": {"amount": 5, "unit": "working_days"}, "reason": ""}, "reason"),
    ("extend", {"by": {"amount": 0, "unit": "working_days"}, "reason": "r"}, "by.amount"),
    ("extend", {"by": {"amount": -3, "unit": "working_days"}, "reason": "r"}, "by.amount"),
    ("extend", {"by": {"amount": 10**12, "unit": "working_days"}, "reason": "r"}, "by.amount"),
    ("extend", {"by": {"amount": 2.5, "unit": "working_days"}, "reason": "r"}, "by.amount"),
    ("extend", {"by": {"amount": True, "unit": "working_days"}, "reason": "r"}, "by.amount"),
    ("extend", {"by": {"amount": 5, "unit": "fortnights"}, "reason": "r"}, "by.unit"),
    ("extend", {"by": {"amount": 11, "unit": "working_days"}, "reason": "r"}, "by"),  # over the cap
    ("extend", {"by": {"amount": 12, "unit": "calendar_months"}, "reason": "r"}, "by"),
    ("extend", {"by": "5 days", "reason": "r"}, "by"),
    ("extend", {"until": "2026-11-01", "reason": "r"}, "until"),
    ("extend", {"until": "9999-12-31", "reason": "r"}, "until"),
    ("respond", {"on": "2026-11-10"}, "outcome"),
    ("respond", {"on": "2026-11-10", "outcome": "delighted"}, "outcome"),
    ("respond", {"on": "2026-11-10", "outcome": "resolved"}, "outcome"),  # not for complaints
    ("respond", {"outcome": "upheld"}, "on"),
    ("respond", {"on": "2099-11-10", "outcome": "upheld"}, "on"),
    ("escalate", {}, "requested_on"),
    ("escalate", {"requested_on": "soon"}, "requested_on"),
    ("withdraw", {"reason": "x" * 2001}, "reason"),
    ("withdraw", {"reason": 5}, "reason"),
    ("refuse", {}, "reason"),
    ("refuse", {"reason": "bored"}, "reason"),
    ("refuse", {"reason": "other"}, "detail"),
    ("close", {"expected_version": 0}, "expected_version"),
    ("close", {"why": "done"}, "why"),
    ("reopen", {}, "reason"),
    ("reopen", {"reason": ""}, "reason"),
    ("assign", {}, "handler"),
    ("assign", {"handler": "nobody"}, "handler"),
    ("assign", {"handler": "manager"}, "handler"),  # a manager cannot handle a stage
    ("assign", {"handler": ["officer"]}, "handler"),
    ("route-elsewhere", {"to_name": "X", "on": "2026-11-04", "reason": "r"}, "destination"),
    (
        "route-elsewhere",
        {"destination": "mayor", "to_name": "X", "on": "2026-11-04", "reason": "r"},
        "destination",
    ),
    (
        "route-elsewhere",
        {"destination": "human_resources", "to_name": "", "on": "2026-11-04", "reason": "r"},
        "to_name",
    ),
    (
        "route-elsewhere",
        {"destination": "human_resources", "to_name": "HR", "on": "2026-11-04", "reason": " "},
        "reason",
    ),
    (
        "route-elsewhere",
        {
            "destination": "human_resources",
            "to_name": "HR",
            "to_email": "not an address",
            "on": "2026-11-04",
            "reason": "r",
        },
        "to_email",
    ),
    (
        "route-elsewhere",
        {"destination": "human_resources", "to_name": "HR", "on": "2026-10-01", "reason": "r"},
        "on",
    ),
    (
        "route-elsewhere",
        {"destination": "human_resources", "to_name": "HR", "on": "2099-10-01", "reason": "r"},
        "on",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "body", "field"), BAD)
def test_bad_input_is_422_naming_the_field(personas, housing, action, body, field):
    prepare, _ = ACTIONS[action]
    case = prepare(housing)
    events_before = TimelineEvent.objects.filter(case=case).count()

    response = personas["officer"].post(f"/cases/{case.reference}/{action}", body)

    assert response.status_code == 422, response.content
    assert field in response.json()["errors"], response.json()
    assert TimelineEvent.objects.filter(case=case).count() == events_before


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("raw", ["{", "[]", "12", '"x"', b"\xff"])
def test_malformed_bodies_are_4xx(officer_api, housing, action, raw):
    case = _fresh(housing)

    response = officer_api.post(f"/cases/{case.reference}/{action}", raw=raw)

    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


# --- not allowed now -------------------------------------------------------------------------

CONFLICTS = [
    (_fresh, "escalate", {"requested_on": "2026-11-12"}),  # not answered yet
    (_fresh, "close", {}),  # not answered yet
    (_fresh, "reopen", {"reason": "r"}),  # not closed
    (_responded, "acknowledge", {"on": "2026-11-03"}),
    (_responded, "respond", {"on": "2026-11-11", "outcome": "upheld"}),
    (_responded, "refuse", {"reason": "legal_proceedings"}),
    (_closed, "withdraw", {}),
    (_closed, "extend", {"by": {"amount": 1, "unit": "working_days"}, "reason": "r"}),
    (_closed, "assign", {"handler": "officer"}),
    (_responded, "route-elsewhere", ACTIONS["route-elsewhere"][1]),
    (_closed, "route-elsewhere", ACTIONS["route-elsewhere"][1]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("prepare", "action", "body"), CONFLICTS)
def test_an_action_not_allowed_now_is_409_saying_why(personas, housing, prepare, action, body):
    case = prepare(housing)

    response = personas["officer"].post(f"/cases/{case.reference}/{action}", body)

    assert response.status_code == 409, response.content
    assert response.json()["detail"]
    assert response.json()["errors"] == {}


@pytest.mark.django_db
def test_a_stale_expected_version_is_409(officer_api, housing):
    case = _fresh(housing)
    version = officer_api.get(f"/cases/{case.reference}").json()["version"]
    officer_api.post(f"/cases/{case.reference}/acknowledge", {"on": "2026-11-03"})

    response = officer_api.post(f"/cases/{case.reference}/withdraw", {"expected_version": version})

    assert response.status_code == 409
    assert "Someone else changed this case" in response.json()["detail"]


@pytest.mark.django_db
def test_stage_two_cannot_go_to_the_stage_one_handler(personas, housing):
    case = _fresh(housing)
    officer = personas["officer"]
    assert (
        officer.post(f"/cases/{case.reference}/assign", {"handler": "officer"}).status_code == 200
    )
    officer.post(f"/cases/{case.reference}/respond", {"on": "2026-11-10", "outcome": "upheld"})
    officer.post(f"/cases/{case.reference}/escalate", {"requested_on": "2026-11-12"})

    response = officer.post(f"/cases/{case.reference}/assign", {"handler": "officer"})

    assert response.status_code == 422
    assert "handler" in response.json()["errors"]
    UserFactory(username="second_officer")
    assert (
        officer.post(f"/cases/{case.reference}/assign", {"handler": "second_officer"}).json()[
            "handler"
        ]
        == "second_officer"
    )
