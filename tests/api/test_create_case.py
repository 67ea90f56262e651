import datetime as dt

import pytest

from redress.calendars.clock import LONDON
from redress.cases.models import Case, Person, TimelineEvent
from tests.api.conftest import log_body
from tests.factories import CategoryFactory


@pytest.mark.django_db
def test_logs_a_case_and_returns_it(officer_api, officer, housing):
    response = officer_api.post("/cases", log_body())

    assert response.status_code == 201
    data = response.json()
    case = Case.objects.get(reference=data["reference"])
    assert data["kind"] == "complaint"
    assert data["status"] == "open"
    assert data["procedure"]["slug"] == "complaint-handling-code-2024"
    assert data["current_stage"] == "stage1"
    # Received Monday 2 November 2026: day 1 is the 3rd, day 5 the 9th.
    assert data["stages"][0]["acknowledge_due"] == "2026-11-09"
    assert data["service"] == {"slug": "housing", "name": "Housing"}
    assert data["person"]["email"] == "sam@example.com"
    assert case.person.name == "Sam Tenant"
    event = TimelineEvent.objects.get(case=case)
    assert event.kind == "logged"
    assert event.actor == officer


@pytest.mark.django_db
def test_uses_the_named_procedure(officer_api, housing):
    response = officer_api.post("/cases", log_body(procedure="two-stage-10-20"))

    assert response.status_code == 201
    assert response.json()["procedure"]["slug"] == "two-stage-10-20"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "procedure"),
    [
        ("foi_request", "foi"),
        ("member_enquiry", "member-enquiry"),
        ("compliment", "compliments-and-comments"),
    ],
)
def test_each_kind_has_its_default_procedure(officer_api, housing, kind, procedure):
    response = officer_api.post("/cases", log_body(kind=kind))

    assert response.status_code == 201
    assert response.json()["procedure"]["slug"] == procedure


@pytest.mark.django_db
def test_a_time_without_an_offset_is_read_as_uk_time(officer_api, housing):
    # 23:30 on 31 August is BST: 22:30 UTC. Read as UTC it would be 1 September in the UK.
    response = officer_api.post("/cases", log_body(received_at="2026-08-31T23:30:00"))

    assert response.status_code == 201
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.received_at == dt.datetime(2026, 8, 31, 23, 30, tzinfo=LONDON)
    assert case.received_on == dt.date(2026, 8, 31)
    assert response.json()["received_at"] == "2026-08-31T23:30:00+01:00"


@pytest.mark.django_db
def test_an_offset_is_honoured(officer_api, housing):
    response = officer_api.post("/cases", log_body(received_at="2026-08-31T23:30:00Z"))

    case = Case.objects.get(reference=response.json()["reference"])
    assert case.received_on == dt.date(2026, 9, 1)


@pytest.mark.django_db
def test_category_by_name_or_id(officer_api, housing, parks):
    shared = CategoryFactory(name="Staff conduct", service=None)
    own = CategoryFactory(name="Repairs", service=housing)
    CategoryFactory(name="Repairs", service=parks)

    by_name = officer_api.post("/cases", log_body(category="repairs")).json()
    by_id = officer_api.post("/cases", log_body(category=shared.pk)).json()

    assert by_name["category"] == {"id": own.pk, "name": "Repairs"}
    assert by_id["category"] == {"id": shared.pk, "name": "Staff conduct"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"service": "no-such-service"}, "service"),
        ({"procedure": "no-such-procedure"}, "procedure"),
        ({"category": "No such category"}, "category"),
        ({"category": 999999}, "category"),
        ({"category": 2**70}, "category"),
        ({"category": True}, "category"),
        ({"category": ["Repairs"]}, "category"),
        ({"kind": "grumble"}, "kind"),
        ({"channel": "pigeon"}, "channel"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"received_at": "2026-02-30T10:00:00Z"}, "received_at"),
        ({"received_at": 1767225600}, "received_at"),
        ({"received_at": "2099-01-01T10:00:00Z"}, "received_at"),
        ({"received_at": "0001-01-01T00:00:00+23:00"}, "received_at"),
        ({"received_at": "9999-12-31T23:59:59-23:00"}, "received_at"),
        ({"summary": ""}, "summary"),
        ({"summary": "   "}, "summary"),
        ({"summary": "x" * 201}, "summary"),
        ({"summary": 42}, "summary"),
        ({"summary": "lone \ud800 surrogate"}, "summary"),
        ({"description": "x" * 20001}, "description"),
        ({"person": {"name": "Sam", "email": "not-an-email"}}, "person.email"),
        ({"person": {"name": "Sam"}}, "person.email"),
        ({"person": {"email": "sam@example.com"}}, "person.name"),
        ({"person": {"name": "", "email": "sam@example.com"}}, "person.name"),
        ({"person": {"name": "Sam", "phone": "0" * 41}}, "person.phone"),
        ({"person": {"name": "Sam", "email": "s@example.com", "age": 3}}, "person.age"),
        ({"person": "Sam"}, "person"),
        ({"service": "has spaces"}, "service"),
        ({"service": None}, "service"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(officer_api, housing, overrides, field):
    before = (Case.objects.count(), Person.objects.count())

    response = officer_api.post("/cases", log_body(**overrides))

    assert response.status_code == 422
    data = response.json()
    assert field in data["errors"], data
    assert all(isinstance(m, str) and m for m in data["errors"][field])
    assert data["detail"]
    assert (Case.objects.count(), Person.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", ["kind", "received_at", "channel", "service", "summary", "person"]
)
def test_each_required_field_is_reported_missing(officer_api, housing, field):
    body = log_body()
    del body[field]

    response = officer_api.post("/cases", body)

    assert response.status_code == 422
    assert response.json()["errors"][field] == [f"{field} is required."]


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(officer_api, housing):
    response = officer_api.post(
        "/cases", log_body(kind="grumble", channel="pigeon", person={"name": "Sam", "email": "x"})
    )

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"kind", "channel", "person.email"}
    assert response.json()["detail"].startswith("The request has 3 problems.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw",
    ["", "{", "not json", "[]", "null", "42", '"text"', b"\xff\xfe", '{"kind": }', "[" * 100000],
)
def test_malformed_bodies_are_4xx_json(officer_api, housing, raw):
    response = officer_api.post("/cases", raw=raw)

    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_an_oversized_body_is_refused(officer_api, housing, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = officer_api.post("/cases", log_body(description="x" * 2000))

    assert response.status_code == 413
    assert response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer", 201),
        ("administrator", 201),
        ("responder_own", 403),
        ("responder_other", 403),
        ("investigator", 403),
        ("manager", 403),
        ("no_role", 403),
        ("no_token", 401),
        ("revoked_token", 401),
    ],
)
def test_only_roles_that_log_cases_may_log_them(personas, persona, status):
    response = personas[persona].post("/cases", log_body())

    assert response.status_code == status
    assert Case.objects.exists() == (status == 201)


def test_routes_by_service_when_no_procedure_is_named(officer_api, housing):
    from redress.procedures.models import Procedure, ProcedureRoute

    ProcedureRoute.objects.create(
        kind="complaint", service=housing, procedure=Procedure.objects.get(slug="two-stage-10-20")
    )
    response = officer_api.post("/cases", log_body())
    assert response.status_code == 201
    assert response.json()["procedure"]["slug"] == "two-stage-10-20"


def test_a_named_procedure_other_than_the_route_records_the_reason(officer_api, housing):
    from redress.cases.models import Case
    from redress.procedures.models import Procedure, ProcedureRoute

    ProcedureRoute.objects.create(
        kind="complaint", service=housing, procedure=Procedure.objects.get(slug="two-stage-10-20")
    )
    response = officer_api.post(
        "/cases",
        log_body(procedure="complaint-handling-code-2024", procedure_reason="Corporate matter"),
    )
    assert response.status_code == 201
    logged = Case.objects.get().events.get(kind="logged")
    assert logged.data["after"]["procedure_reason"] == "Corporate matter"
    refused = officer_api.post(
        "/cases", log_body(procedure="complaint-handling-code-2024", procedure_reason=" ")
    )
    assert refused.status_code == 422
    assert "procedure_reason" in refused.json()["errors"]
