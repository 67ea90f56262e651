import json

import pytest

from redress.procedures.models import Procedure, ProcedureStage
from redress.procedures.services import procedure_publish_version

UNITS = {"working_days", "calendar_days", "hours", "calendar_months"}


@pytest.mark.django_db
def test_lists_every_active_procedure_with_its_stages_in_order(officer_api):
    response = officer_api.get("/procedures")

    assert response.status_code == 200
    procedures = {p["slug"]: p for p in response.json()}
    assert set(procedures) == set(
        Procedure.objects.filter(is_active=True).values_list("slug", flat=True)
    )
    code = procedures["complaint-handling-code-2024"]
    assert code["name"] == "Complaint Handling Code 2024"
    assert code["version"] == 1
    assert code["calendar"] == "england-and-wales"
    assert [s["key"] for s in code["stages"]] == ["stage1", "stage2"]
    stage1 = code["stages"][0]
    assert stage1["acknowledge_within"] == {"amount": 5, "unit": "working_days"}
    assert stage1["respond_within"] == {"amount": 10, "unit": "working_days"}
    assert stage1["max_extension"] == {"amount": 10, "unit": "working_days"}
    assert stage1["respond_from"] == "acknowledgement"


@pytest.mark.django_db
def test_durations_use_the_documented_units_and_null_where_none(officer_api):
    stages = [s for p in officer_api.get("/procedures").json() for s in p["stages"]]

    durations = [
        s[field]
        for s in stages
        for field in ("acknowledge_within", "respond_within", "max_extension")
    ]
    assert None in durations  # compliments need no response, for one
    assert {d["unit"] for d in durations if d} <= UNITS
    assert {s["respond_from"] for s in stages} <= {"receipt", "acknowledgement"}


@pytest.mark.django_db
def test_shows_the_newest_version_after_an_edit(officer_api):
    procedure = Procedure.objects.get(slug="member-enquiry")
    stage = ProcedureStage.objects.filter(procedure=procedure).first()
    stage.respond_amount = 7
    stage.save()
    procedure_publish_version(procedure=procedure)

    listed = {p["slug"]: p for p in officer_api.get("/procedures").json()}["member-enquiry"]

    assert listed["version"] == 2
    assert listed["stages"][0]["respond_within"]["amount"] == 7


@pytest.mark.django_db
def test_inactive_procedures_are_not_listed(officer_api):
    Procedure.objects.filter(slug="eir").update(is_active=False)

    assert "eir" not in {p["slug"] for p in officer_api.get("/procedures").json()}


@pytest.mark.django_db
def test_takes_a_fixed_number_of_queries(officer_api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # guessing check, token, last-used stamp, procedures
        assert officer_api.get("/procedures").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_not_allowed(officer_api, method):
    response = getattr(officer_api.client, method)(
        "/api/v1/procedures", headers=officer_api.headers
    )
    assert response.status_code == 405


def test_openapi_schema_loads_and_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    paths = schema["paths"]
    assert "/api/v1/procedures" in paths
    assert set(paths["/api/v1/cases"]) == {"get", "post"}
    assert "/api/v1/cases/{reference}" in paths
    for action in [
        "acknowledge",
        "extend",
        "respond",
        "escalate",
        "withdraw",
        "refuse",
        "close",
        "reopen",
        "assign",
    ]:
        assert f"/api/v1/cases/{{reference}}/{action}" in paths
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
