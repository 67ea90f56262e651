"""The learning API: raise from a case, list with filters and pages, complete; bad input."""

import pytest

from redress.cases.models import CaseAccessGrant
from redress.core import clock
from redress.learning.models import LearningAction, LearningStatus
from redress.learning.services import learning_raise
from tests.api.conftest import client_for
from tests.learning.conftest import in_days

pytestmark = pytest.mark.django_db


def _body(**changes):
    body = {
        "lesson": "Letters went to the old address",
        "change": "Check the address on every letter",
        "service": "waste",
        "owner": "head",
        "due_on": in_days(14).isoformat(),
    }
    body.update(changes)
    return body


def test_raise_answers_201_with_the_id(officer, case, head):
    response = client_for(officer).post(f"/cases/{case.reference}/learning", _body())
    assert response.status_code == 201, response.json()
    made = LearningAction.objects.get(pk=response.json()["id"])
    assert made.case == case and made.owner == head
    assert response.json()["status"] == "proposed"
    assert response.json()["directorate"] == "place"


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"lesson": ""}, 422, "lesson"),
        ({"lesson": "x" * 2001}, 422, "lesson"),
        ({"service": "no such"}, 422, "service"),
        ({"service": "nowhere"}, 422, "service"),
        ({"owner": "nobody"}, 422, "owner"),
        ({"due_on": "yesterday"}, 422, "due_on"),
        ({"due_on": in_days(-3).isoformat()}, 422, "due_on"),
        ({"extra": 1}, 422, "extra"),
    ],
)
def test_bad_input_names_the_field(officer, case, head, changes, status, field):
    response = client_for(officer).post(f"/cases/{case.reference}/learning", _body(**changes))
    assert response.status_code == status, response.json()
    assert any(field in key for key in response.json()["errors"]), response.json()
    assert not LearningAction.objects.exists()


def test_a_hidden_case_is_404_and_no_permission_is_403(case, head, outsider, responder):
    assert (
        client_for(outsider).post(f"/cases/{case.reference}/learning", _body()).status_code == 404
    )
    case.restricted = True
    case.save()
    assert client_for(head).post(f"/cases/{case.reference}/learning", _body()).status_code == 404


def test_list_filters_and_pages(officer, case, head, service, other_service):
    for n in range(3):
        learning_raise(
            case=case,
            by=officer,
            lesson=f"Lesson {n}",
            change=f"Change {n}",
            service=service,
            owner=head,
            due_on=in_days(n + 1),
        )
    learning_raise(
        by=officer,
        lesson="Other",
        change="Other change",
        service=other_service,
        owner=officer,
        due_on=in_days(9),
    )
    api = client_for(officer)
    first = api.get("/learning", {"service": "waste", "limit": 2}).json()
    assert [i["lesson"] for i in first["items"]] == ["Lesson 0", "Lesson 1"]
    rest = api.get("/learning", {"service": "waste", "limit": 2, "cursor": first["next_cursor"]})
    assert [i["lesson"] for i in rest.json()["items"]] == ["Lesson 2"]
    assert rest.json()["next_cursor"] is None
    assert len(api.get("/learning", {"status": "proposed"}).json()["items"]) == 4
    assert api.get("/learning", {"overdue": True}).json()["items"] == []
    assert api.get("/learning", {"status": "nonsense"}).status_code == 422
    assert api.get("/learning", {"cursor": "garbage"}).status_code in (400, 422)


def test_overdue_filter(officer, learning):
    LearningAction.objects.filter(pk=learning.pk).update(due_on=in_days(-2))
    found = client_for(officer).get("/learning", {"overdue": True}).json()["items"]
    assert [i["id"] for i in found] == [learning.pk]
    assert found[0]["overdue"] is True


def test_complete(head, learning):
    api = client_for(head)
    body = {"on": clock.today().isoformat(), "evidence": "New morning briefing"}
    response = api.post(f"/learning/{learning.pk}/complete", body)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == LearningStatus.DONE
    again = api.post(f"/learning/{learning.pk}/complete", body)
    assert again.status_code == 409
    assert api.post(f"/learning/{learning.pk}/complete", {"on": "x"}).status_code == 422


def test_complete_bad_date_and_hidden(head, learning, outsider, case, officer):
    api = client_for(head)
    late = {"on": in_days(2).isoformat(), "evidence": "Done"}
    response = api.post(f"/learning/{learning.pk}/complete", late)
    assert response.status_code == 422
    assert "on" in response.json()["errors"]
    assert client_for(outsider).post(f"/learning/{learning.pk}/complete", late).status_code == 404
    assert api.post("/learning/999999999999999999999/complete", late).status_code in (404, 422)
    case.restricted = True
    case.save()
    CaseAccessGrant.objects.create(case=case, user=officer)
    assert api.get("/learning").json()["items"] == []
    assert client_for(officer).get("/learning").json()["items"][0]["id"] == learning.pk
