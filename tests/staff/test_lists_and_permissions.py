import csv
import io

import pytest
from django.utils import timezone

from redress.cases.services import case_assign
from tests.factories import make_case
from tests.staff.conftest import recent

pytestmark = pytest.mark.django_db


def many_cases(n, service, officer, handler=None):
    cases = [
        make_case(
            service=service,
            by=officer,
            received_at=recent(2 + i % 5),
            person={"name": f"Person {i}", "email": f"p{i}@example.com"},
        )
        for i in range(n)
    ]
    if handler is not None:
        for case in cases:
            case_assign(case=case, by=officer, handler=handler)
    return cases


def test_my_work_orders_by_deadline_and_tags(signed_in, officer, responder, service):
    many_cases(3, service, officer, handler=responder)
    page = signed_in(responder).get("/casework/").content.decode()
    assert "Assigned to you" in page
    assert "Due in" in page or "Overdue" in page or "Due today" in page
    references = [line.split('">')[1][:15] for line in page.split('href="/casework/cases/CMP')[1:]]
    assert len(references) == 3


@pytest.mark.parametrize(
    "url",
    [
        "/casework/",
        "/casework/cases/",
        "/casework/cases/?sort=received&page=2",
        "/casework/cases/?q=Person&overdue=on&due_within=5",
    ],
)
def test_queries_per_page_do_not_grow_with_its_length(
    signed_in, officer, responder, service, django_assert_max_num_queries, url
):
    client = signed_in(responder)
    many_cases(2, service, officer, handler=responder)
    client.get(url)
    # 13 with the navigation's one question: is the reader in the register's governance group?
    # 14 with My work's learning for the reader's service areas; 15 with the navigation's
    # Trends link for a reader who sees no reports: do they head a service area?
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    many_cases(25, service, officer, handler=responder)
    # My work counts a queue shorter than its list from the rows it read; a full one takes
    # one count query more, whatever its length.
    counted = 1 if url == "/casework/" else 0
    with django_assert_max_num_queries(len(small.captured_queries) + counted):
        client.get(url)


def test_case_page_queries_are_fixed(signed_in, officer, case, django_assert_max_num_queries):
    client = signed_in(officer)
    for n in range(8):
        client.post(
            f"/casework/cases/{case.reference}/note/",
            {
                "expected_version": case.version,
                "kind": "note",
                "direction": "internal",
                "body": f"n{n}",
            },
        )
    # 21 with the register's: the navigation's membership question and the case's warnings;
    # 22 with the legal hold and anonymised line; 23 with the case's learning actions; 25 with
    # the current stage and the procedure read after the case (planning them as one nine-table
    # join took PostgreSQL far longer than the two small queries).
    with django_assert_max_num_queries(25):
        assert client.get(f"/casework/cases/{case.reference}/").status_code == 200


def test_filters_and_search(signed_in, officer, service, other_service):
    mine = make_case(service=service, by=officer, received_at=recent(), summary="Overflowing bin")
    make_case(service=other_service, by=officer, received_at=recent(), summary="Parking ticket")
    client = signed_in(officer)
    page = client.get(f"/casework/cases/?service={service.pk}").content.decode()
    assert mine.reference in page and "Parking ticket" not in page
    page = client.get("/casework/cases/?q=overflowing").content.decode()
    assert mine.reference in page and "Parking ticket" not in page
    response = client.get(
        "/casework/cases/?due_within=abc&received_from-day=40&received_from-month=1&received_from-year=2026"
    )
    assert response.status_code == 400
    assert b"Due within must be a whole number" in response.content
    assert b'value="40"' in response.content


def test_export_streams_only_what_the_filter_shows_and_the_user_may_see(
    signed_in, officer, responder, service, other_service
):
    visible = make_case(
        service=service, by=officer, received_at=recent(), summary="=HYPERLINK(bad)"
    )
    hidden = make_case(service=other_service, by=officer, received_at=recent())
    response = signed_in(responder).get("/casework/cases/export.csv")
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    references = [row[0] for row in rows[1:]]
    assert references == [visible.reference] and hidden.reference not in references
    assert rows[1][rows[0].index("Summary")].startswith("'=")
    officer_rows = signed_in(officer).get(f"/casework/cases/export.csv?service={other_service.pk}")
    body = b"".join(officer_rows.streaming_content).decode()
    assert hidden.reference in body and visible.reference not in body


def test_invisible_cases_are_404_everywhere(signed_in, outsider, investigator, case):
    for user in (outsider, investigator):
        client = signed_in(user)
        for suffix in ("", "acknowledge/", "note/", "response/", "messages/1/"):
            assert client.get(f"/casework/cases/{case.reference}/{suffix}").status_code == 404
        assert case.reference not in client.get("/casework/cases/").content.decode()


def test_roles_see_only_their_actions(signed_in, officer, responder, manager, case):
    page = signed_in(responder).get(f"/casework/cases/{case.reference}/").content.decode()
    assert "/acknowledge/" in page and "/assign/" not in page and "/refuse/" not in page
    assert signed_in(responder).get(f"/casework/cases/{case.reference}/assign/").status_code == 403
    page = signed_in(manager).get(f"/casework/cases/{case.reference}/").content.decode()
    assert "/note/" in page and "/acknowledge/" not in page
    assert (
        signed_in(manager).post(f"/casework/cases/{case.reference}/acknowledge/", {}).status_code
        == 403
    )
    assert signed_in(manager).get("/casework/cases/new/").status_code == 403
    assert signed_in(responder).get("/casework/settings/jargon/").status_code == 403
    assert signed_in(officer).get("/casework/settings/templates/").status_code == 403


def test_pages_need_sign_in(client, case):
    for url in (
        "/casework/",
        "/casework/cases/",
        "/casework/cases/export.csv",
        f"/casework/cases/{case.reference}/",
    ):
        assert client.get(url).status_code == 302


def test_today_in_tag(signed_in, officer, service):
    case = make_case(service=service, by=officer, received_at=recent(0))
    page = signed_in(officer).get("/casework/cases/").content.decode()
    assert case.reference in page and "working day" in page


def test_the_team_queue_holds_the_teams_service_areas_only(
    officer, responder, service, other_service
):
    """A case the responder once handled in another area stays visible to them, but waiting
    for someone to pick it up is that area's business, not their team's."""
    from redress.cases.models import CaseStage
    from redress.cases.selectors import cases_visible_to
    from redress.staff.queries import my_queues

    ours = make_case(service=service, by=officer, received_at=recent(3))
    theirs = make_case(service=other_service, by=officer, received_at=recent(3))
    # They handled its stage while in that area's team and have since moved team: the assign
    # service now offers only the area's own responders, so the history is written directly.
    CaseStage.objects.filter(pk=theirs.current_stage_id).update(handler=responder)
    assert cases_visible_to(responder).filter(pk=theirs.pk).exists()
    queues = {q.title: q for q in my_queues(responder, timezone.localdate())}
    team = queues["Waiting for someone to pick up"]
    assert [c.pk for c in team.cases] == [ours.pk]
    assert team.counts["total"] == 1


@pytest.mark.parametrize("queue_length", [3, 25])
def test_a_queue_counts_the_same_whether_it_is_read_whole_or_counted(
    officer, responder, service, monkeypatch, queue_length
):
    """A queue shorter than the list is counted from its rows; a longer one by a query. Both
    must agree with the count of the whole queue."""
    import datetime as dt

    from redress.cases.models import Case
    from redress.staff import queries

    monkeypatch.setattr(queries, "QUEUE_LENGTH", queue_length)
    cases = many_cases(6, service, officer, handler=responder)
    today = timezone.localdate()
    dues = [today - dt.timedelta(days=2), today, today, today + dt.timedelta(days=4), None, today]
    for case, due in zip(cases, dues, strict=True):
        Case.objects.filter(pk=case.pk).update(next_due_on=due)
    mine = queries.my_queues(responder, today)[0]
    assert mine.title == "Assigned to you"
    assert mine.counts == {"total": 6, "overdue": 1, "due_today": 3}
    assert len(mine.cases) == min(6, queue_length)
