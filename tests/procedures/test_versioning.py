"""A procedure edit makes a new version; open cases keep the version and dates they have."""

import datetime as dt

import pytest
from django.urls import reverse

from redress.calendars.clock import LONDON
from redress.calendars.models import ClosureDay
from redress.calendars.registry import ENGLAND_AND_WALES
from redress.cases.models import Case
from redress.cases.services import case_acknowledge, case_escalate, case_respond
from redress.procedures.models import Procedure, ProcedureStage, ProcedureVersion
from redress.procedures.services import current_version, definition_of, procedure_publish_version
from tests.factories import UserFactory, make_case

D = dt.date
pytestmark = pytest.mark.django_db

CODE = "complaint-handling-code-2024"


def code_procedure() -> Procedure:
    return Procedure.objects.get(slug=CODE)


def received(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=LONDON)


def test_editing_a_stage_makes_a_new_version_and_open_cases_keep_theirs():
    procedure = code_procedure()
    before = make_case(received_at=received(2026, 3, 2))  # Monday
    assert before.current_stage.acknowledge_due == D(2026, 3, 9)
    first = before.procedure_version

    ProcedureStage.objects.filter(procedure=procedure, key="stage1").update(acknowledge_amount=3)
    second = procedure_publish_version(procedure=procedure)
    assert second.number == first.number + 1
    assert definition_of(second).stage("stage1").acknowledge_within.amount == 3
    assert definition_of(first).stage("stage1").acknowledge_within.amount == 5

    after = make_case(received_at=received(2026, 3, 2))
    assert after.procedure_version == second
    assert after.current_stage.acknowledge_due == D(2026, 3, 5)

    # The older case goes on under version 1, dates and all, through its next events.
    before = Case.objects.get(pk=before.pk)
    assert before.procedure_version == first
    assert before.current_stage.acknowledge_due == D(2026, 3, 9)
    before = case_acknowledge(case=before, by=None, on=D(2026, 3, 9))
    assert before.current_stage.response_due == D(2026, 3, 23)  # 10 days from 9 March


def test_an_edit_that_changes_nothing_makes_no_new_version():
    procedure = code_procedure()
    latest = current_version(procedure)
    again = procedure_publish_version(procedure=procedure)
    assert again.pk == latest.pk
    assert procedure.versions.count() == 1


def test_a_stage_added_later_does_not_reach_a_case_logged_before_it():
    procedure = Procedure.objects.get(slug="adult-social-care")
    case = make_case(received_at=received(2026, 3, 2), procedure="adult-social-care")
    ProcedureStage.objects.create(
        procedure=procedure,
        position=2,
        key="review",
        name="Review",
        respond_amount=20,
        respond_unit="working_days",
    )
    procedure_publish_version(procedure=procedure)
    case = case_respond(case=case, by=None, on=D(2026, 3, 20), outcome="upheld")
    from redress.core.errors import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed, match="final stage"):
        case_escalate(case=case, by=None, requested_on=D(2026, 3, 23))
    assert make_case(procedure="adult-social-care").procedure_version.number == 2


# --- through the admin --------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return client, superuser


def _stage_row(stage: ProcedureStage) -> dict[str, str]:
    def text(value):  # noqa: ANN001, ANN202
        return "" if value is None else str(value)

    return {
        "id": str(stage.pk),
        "procedure": str(stage.procedure_id),
        "position": str(stage.position),
        "key": stage.key,
        "name": stage.name,
        "description": stage.description,
        "acknowledge_amount": text(stage.acknowledge_amount),
        "acknowledge_unit": stage.acknowledge_unit,
        "respond_amount": text(stage.respond_amount),
        "respond_unit": stage.respond_unit,
        "respond_from": stage.respond_from,
        "max_extension_amount": text(stage.max_extension_amount),
        "max_extension_unit": stage.max_extension_unit,
        "handled_by": stage.handled_by,
        "escalation_window_amount": text(stage.escalation_window_amount),
        "escalation_window_unit": stage.escalation_window_unit,
    }


def _form_data(procedure: Procedure, **stage_changes: dict[str, str]) -> dict[str, str]:
    stages = list(procedure.stages.order_by("position"))
    data = {
        "slug": procedure.slug,
        "name": procedure.name,
        "description": procedure.description,
        "calendar": procedure.calendar,
        "default_for_kind": procedure.default_for_kind,
        "is_active": "on" if procedure.is_active else "",
        "stages-TOTAL_FORMS": str(len(stages)),
        "stages-INITIAL_FORMS": str(len(stages)),
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
    }
    for index, stage in enumerate(stages):
        row = _stage_row(stage) | stage_changes.get(stage.key, {})
        data.update({f"stages-{index}-{name}": value for name, value in row.items()})
    return data


def _change_url(procedure: Procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def test_saving_in_the_admin_with_a_changed_stage_publishes_a_version(admin_client):
    client, superuser = admin_client
    procedure = code_procedure()
    open_case = make_case(received_at=received(2026, 3, 2))
    response = client.post(
        _change_url(procedure), _form_data(procedure, stage1={"respond_amount": "15"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = current_version(procedure)
    assert latest.number == 2
    assert latest.created_by == superuser
    assert definition_of(latest).stage("stage1").respond_within.amount == 15

    new_case = make_case(received_at=received(2026, 3, 2))
    case_acknowledge(case=new_case, by=None, on=D(2026, 3, 3))
    case_acknowledge(case=open_case, by=None, on=D(2026, 3, 3))
    new_stage = Case.objects.get(pk=new_case.pk).current_stage
    old_stage = Case.objects.get(pk=open_case.pk).current_stage
    assert new_stage.response_due == D(2026, 3, 24)  # 15 working days from Tue 3 March
    assert old_stage.response_due == D(2026, 3, 17)  # still 10, as when it was logged


def test_saving_in_the_admin_without_changes_makes_no_version(admin_client):
    client, _ = admin_client
    procedure = code_procedure()
    response = client.post(_change_url(procedure), _form_data(procedure))
    assert response.status_code == 302
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 1


def test_the_admin_refuses_an_amount_without_a_unit_and_publishes_nothing(admin_client):
    client, _ = admin_client
    procedure = code_procedure()
    response = client.post(
        _change_url(procedure),
        _form_data(procedure, stage1={"max_extension_amount": "5", "max_extension_unit": ""}),
    )
    assert response.status_code == 200
    assert "Choose the unit of the maximum extension." in response.content.decode()
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 1
    assert procedure.stages.get(key="stage1").max_extension_amount == 10


def test_the_admin_refuses_to_delete_every_stage(admin_client):
    client, _ = admin_client
    procedure = code_procedure()
    data = _form_data(procedure)
    data["stages-0-DELETE"] = "on"
    data["stages-1-DELETE"] = "on"
    response = client.post(_change_url(procedure), data)
    assert response.status_code == 200
    assert "A procedure needs at least one stage." in response.content.decode()
    assert procedure.stages.count() == 2


def test_versions_cannot_be_changed_or_deleted_in_the_admin(admin_client):
    client, _ = admin_client
    version = current_version(code_procedure())
    url = reverse("admin:procedures_procedureversion_delete", args=[version.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ProcedureVersion.objects.filter(pk=version.pk).exists()


def test_a_closure_day_added_in_the_admin_moves_new_deadlines_only(admin_client):
    client, _ = admin_client
    earlier = make_case(received_at=received(2026, 3, 2))  # acknowledge by Mon 9 March
    response = client.post(
        reverse("admin:calendars_closureday_add"),
        {"calendar": ENGLAND_AND_WALES, "date": "2026-03-04", "name": "Office move"},
    )
    assert response.status_code == 302
    assert ClosureDay.objects.filter(date=D(2026, 3, 4)).exists()
    later = make_case(received_at=received(2026, 3, 2))
    assert later.current_stage.acknowledge_due == D(2026, 3, 10)  # 3, (4 closed) 5, 6, 9, 10
    assert Case.objects.get(pk=earlier.pk).current_stage.acknowledge_due == D(2026, 3, 9)
