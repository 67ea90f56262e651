import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.calendars.clock import LONDON
from redress.cases.models import CaseAccessGrant
from redress.cases.services import case_acknowledge, case_respond
from tests.factories import ServiceFactory, make_case

REF_ABSENT = "CMP-2026-999999"


def _refs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


def _received(day: int) -> dt.datetime:
    return dt.datetime(2026, 10, day, 10, 0, tzinfo=LONDON)


# --- who sees what -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "sees_housing", "sees_parks"),
    [
        ("officer", True, True),
        ("administrator", True, True),
        ("responder_own", True, False),
        ("responder_other", False, True),
        ("manager", True, False),
        ("investigator", False, False),
    ],
)
def test_list_and_detail_show_only_visible_cases(
    personas, housing, parks, persona, sees_housing, sees_parks
):
    in_housing = make_case(service=housing, received_at=_received(1))
    in_parks = make_case(service=parks, received_at=_received(2))
    client = personas[persona]

    listed = set(_refs(client.get("/cases")))

    assert (in_housing.reference in listed) == sees_housing
    assert (in_parks.reference in listed) == sees_parks
    for case, sees in [(in_housing, sees_housing), (in_parks, sees_parks)]:
        response = client.get(f"/cases/{case.reference}")
        assert response.status_code == (200 if sees else 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"), [("no_role", 403), ("no_token", 401), ("revoked_token", 401)]
)
def test_list_and_detail_refuse_the_unauthorised(personas, case, persona, status):
    assert personas[persona].get("/cases").status_code == status
    assert personas[persona].get(f"/cases/{case.reference}").status_code == status


@pytest.mark.django_db
def test_a_hidden_case_looks_the_same_as_a_missing_one(personas, parks):
    hidden = make_case(service=parks)
    client = personas["responder_own"]

    hidden_response = client.get(f"/cases/{hidden.reference}")
    missing_response = client.get(f"/cases/{REF_ABSENT}")

    assert hidden_response.status_code == missing_response.status_code == 404
    assert hidden_response.json() == missing_response.json()


@pytest.mark.django_db
def test_a_restricted_case_is_seen_only_by_those_granted(personas, housing, officer):
    restricted = make_case(service=housing, restricted=True)
    CaseAccessGrant.objects.create(case=restricted, user=officer)

    assert personas["officer"].get(f"/cases/{restricted.reference}").status_code == 200
    assert personas["administrator"].get(f"/cases/{restricted.reference}").status_code == 404
    assert restricted.reference not in _refs(personas["responder_own"].get("/cases"))


@pytest.mark.django_db
def test_investigator_sees_a_case_once_it_reaches_an_independent_stage(personas, housing):
    case = make_case(service=housing, received_at=_received(1))
    client = personas["investigator"]
    assert client.get(f"/cases/{case.reference}").status_code == 404

    case_respond(case=case, by=None, on=dt.date(2026, 10, 5), outcome="upheld")
    from redress.cases.services import case_escalate

    case_escalate(case=case, by=None, requested_on=dt.date(2026, 10, 6))

    assert client.get(f"/cases/{case.reference}").status_code == 200


# --- the detail ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_detail_has_every_stage_date(officer_api, housing):
    case = make_case(service=housing, received_at=_received(1))  # Thursday 1 October 2026
    case_acknowledge(case=case, by=None, on=dt.date(2026, 10, 2))

    data = officer_api.get(f"/cases/{case.reference.lower()}").json()

    assert data["reference"] == case.reference
    assert data["procedure"] == {
        "slug": "complaint-handling-code-2024",
        "name": "Complaint Handling Code 2024",
        "version": 1,
    }
    assert data["current_stage"] == "stage1"
    assert data["stages"] == [
        {
            "key": "stage1",
            "name": "Stage 1",
            "opened_on": "2026-10-01",
            "acknowledge_due": "2026-10-08",  # 5 working days after the 1st
            "acknowledged_on": "2026-10-02",
            "response_due": "2026-10-16",  # 10 working days after the 2nd
            "response_due_provisional": False,
            "extended_to": None,
            "responded_on": None,
            "outcome": None,
            "handler": None,
        }
    ]
    assert data["next_due_on"] == "2026-10-16"
    assert data["overdue"] is True
    assert data["channel"] == "email"
    assert data["received_at"] == "2026-10-01T10:00:00+01:00"
    assert data["outcome"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reference",
    [
        "nonsense",
        "CMP-2026-" + "9" * 30,
        "CMP-2026-000001.json",
        "CMP 2026 000001",
        "%F0%9F%92%A9",
    ],
)
def test_detail_of_a_bad_reference_is_404_json(officer_api, case, reference):
    response = officer_api.get(f"/cases/{reference}")

    assert response.status_code == 404
    assert response.json()["detail"]


# --- filters ---------------------------------------------------------------------------------


@pytest.fixture
def spread(housing, parks):
    """Cases that differ in one way each, to show each filter picks the right ones."""
    open_housing = make_case(service=housing, received_at=_received(1), summary="Leaking roof")
    answered = make_case(service=housing, received_at=_received(2))
    case_respond(case=answered, by=None, on=dt.date(2026, 10, 5), outcome="not_upheld")
    foi = make_case(
        kind="foi_request",
        service=parks,
        received_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=LONDON),  # due in December
    )
    return {"open_housing": open_housing, "answered": answered, "foi": foi}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"open_housing", "answered", "foi"}),
        ({"kind": "foi_request"}, {"foi"}),
        ({"status": "responded"}, {"answered"}),
        ({"stage": "stage1"}, {"open_housing", "answered"}),
        ({"service": "parks"}, {"foi"}),
        ({"overdue": "true"}, {"open_housing"}),
        ({"overdue": "false"}, {"answered", "foi"}),
        ({"due_before": "2026-10-09"}, {"open_housing"}),
        ({"text": "leaking"}, {"open_housing"}),
        ({"kind": "complaint", "status": "open"}, {"open_housing"}),
    ],
)
def test_filters(officer_api, spread, params, expected):
    wanted = {spread[name].reference for name in expected}

    assert set(_refs(officer_api.get("/cases", params))) == wanted


@pytest.mark.django_db
def test_text_search_by_reference(officer_api, spread):
    reference = spread["foi"].reference

    assert _refs(officer_api.get("/cases", {"text": reference.lower()})) == [reference]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "grumble"}, "kind"),
        ({"status": "lost"}, "status"),
        ({"stage": "stage 1"}, "stage"),
        ({"service": "no-such-service"}, "service"),
        ({"overdue": "perhaps"}, "overdue"),
        ({"due_before": "31/12/2026"}, "due_before"),
        ({"due_before": "2026-13-01"}, "due_before"),
        ({"text": "x" * 201}, "text"),
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "99999999999999999999999"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "W251bGwsIC0xXQ"}, "cursor"),  # [null, -1]
        ({"cursor": "WyIyMDI2LTEzLTAxIiwgMV0"}, "cursor"),  # ["2026-13-01", 1]
        ({"cursor": "e30"}, "cursor"),  # {}
        ({"cursor": "é"}, "cursor"),
    ],
)
def test_bad_filters_are_422_naming_the_field(officer_api, case, params, field):
    response = officer_api.get("/cases", params)

    assert response.status_code == 422
    assert field in response.json()["errors"], response.json()


# --- pagination ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_keyset_pages_cover_every_case_once_in_due_order(officer_api, housing):
    made = [make_case(service=housing, received_at=_received(day)) for day in range(1, 8)]
    case_respond(case=made[3], by=None, on=dt.date(2026, 10, 9), outcome="upheld")  # nothing due

    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = officer_api.get("/cases", params).json()
        seen += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert sorted(item["reference"] for item in seen) == sorted(c.reference for c in made)
    dues = [item["next_due_on"] for item in seen]
    assert dues[-1] is None  # nothing due comes last
    assert dues[:-1] == sorted(dues[:-1])


@pytest.mark.django_db
def test_a_page_costs_the_same_queries_whatever_its_length(
    personas, housing, django_assert_max_num_queries
):
    for day in range(1, 13):
        make_case(service=housing, received_at=_received(day))
    client = personas["responder_own"]
    client.get("/cases")  # stamps the token's last use, which is then skipped for a minute

    counts = []
    for limit in (1, 12):
        with CaptureQueriesContext(connection) as queries:
            assert (
                len(client.get("/cases", {"limit": limit, "service": "housing"}).json()["items"])
                == limit
            )
        counts.append(len(queries))

    assert counts[0] == counts[1]
    # token, the responder's services, the service filter, the page; on PostgreSQL a search
    # is walked: the list's ids in order, which of them match, then those rows
    searched = 7 if connection.vendor == "postgresql" else 5
    with django_assert_max_num_queries(searched):  # and the token-guessing check
        client.get("/cases", {"limit": 12, "service": "housing", "text": "bin"})


@pytest.mark.django_db
def test_detail_costs_a_fixed_number_of_queries(
    officer_api, housing, django_assert_max_num_queries
):
    case = make_case(service=housing)
    officer_api.get("/cases")
    # token, the case, its stages, its adjustments, remedies and actions, the register's
    # restrictions on its person (none here: one query); the case's current stage, procedure
    # and routing are read apart from it (a ten-table join took longer to plan than the three)
    with django_assert_max_num_queries(11):  # and the token-guessing check
        assert officer_api.get(f"/cases/{case.reference}").status_code == 200


@pytest.mark.django_db
def test_other_services_cases_are_not_counted_in_anyone_elses_pages(personas, housing):
    other = ServiceFactory()
    for _ in range(3):
        make_case(service=other)
    mine = make_case(service=housing)

    page = personas["responder_own"].get("/cases", {"limit": 1}).json()

    assert [item["reference"] for item in page["items"]] == [mine.reference]
    assert page["next_cursor"] is None


@pytest.mark.django_db
def test_a_text_search_pages_through_every_match_once_in_due_order(
    officer_api, housing, monkeypatch
):
    """On PostgreSQL the search is walked in the list's order, a round at a time; the pages
    must be the search index's own matches, each once, whichever way they were found."""
    from redress.cases import search

    monkeypatch.setattr(search, "WALK_ROUNDS", (2, 3))
    damp = []
    for day in range(1, 11):
        summary = "Damp in the bedroom" if day % 3 else "Bin not collected"
        case = make_case(service=housing, received_at=_received(day), summary=summary)
        if day % 3:
            damp.append(case.reference)

    seen, cursor = [], None
    while True:
        params = {"limit": 2, "text": "damp", **({"cursor": cursor} if cursor else {})}
        page = officer_api.get("/cases", params).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert sorted(item["reference"] for item in seen) == sorted(damp)
    dues = [item["next_due_on"] for item in seen]
    assert dues == sorted(dues)
