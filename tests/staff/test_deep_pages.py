import pytest
from django.utils import timezone

from redress.staff import queries
from redress.staff.views import paging
from tests.factories import make_case
from tests.staff.conftest import recent

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    # Three a page, so a handful of cases makes several pages.
    monkeypatch.setattr(paging, "PAGE_SIZE", 3)


@pytest.fixture
def eight_cases(service, officer):
    return [
        make_case(
            service=service,
            by=officer,
            received_at=recent(2 + i),
            person={"name": f"Person {i}", "email": f"p{i}@example.com"},
        )
        for i in range(8)
    ]


def test_pages_read_ids_first_keep_the_list_order(small_pages, officer, eight_cases):
    cases = queries.filtered_cases(officer, {"sort": "received"}, timezone.localdate(), None)
    pages = [paging.page_of(cases, number) for number in (1, 2, 3)]
    assert [len(page.rows) for page in pages] == [3, 3, 2]
    assert [page.has_next for page in pages] == [True, True, False]
    shown = [case.reference for page in pages for case in page.rows]
    assert shown == [case.reference for case in cases]
    assert shown == [case.reference for case in eight_cases]  # newest received first
    assert pages[2].total == 8


def test_a_page_beyond_the_last_is_empty(small_pages, officer, eight_cases):
    cases = queries.filtered_cases(officer, {}, timezone.localdate(), None)
    page = paging.page_of(cases, 4)
    assert page.rows == []
    assert not page.has_next


def test_a_deep_page_takes_no_more_queries_than_the_first(
    small_pages, signed_in, officer, eight_cases, django_assert_max_num_queries
):
    client = signed_in(officer)
    client.get("/casework/cases/?sort=received")
    with django_assert_max_num_queries(20) as first:
        client.get("/casework/cases/?sort=received")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get("/casework/cases/?sort=received&page=3")
    page = response.content.decode()
    assert eight_cases[6].reference in page
    assert eight_cases[7].reference in page
    assert eight_cases[0].reference not in page


def _searched_pages(officer, text, numbers):
    cases = queries.filtered_cases(
        officer, {"sort": "received"}, timezone.localdate(), None, search=False
    )
    return [paging.page_of(cases, number, text) for number in numbers]


def test_a_search_read_from_its_index_pages_and_counts_its_matches(
    small_pages, officer, eight_cases, monkeypatch
):
    # Person 0 to 7 all match "person"; only Person 5 matches "p5". The walk is PostgreSQL's:
    # with no rounds it leaves every search to the index, as SQLite does.
    monkeypatch.setattr("redress.cases.search.WALK_ROUNDS", ())
    pages = _searched_pages(officer, "person", (1, 2, 3, 4))

    assert [len(page.rows) for page in pages] == [3, 3, 2, 0]
    assert [page.has_next for page in pages] == [True, True, False, False]
    assert [page.total for page in pages] == [8, 8, 8, 8]
    shown = [case.reference for page in pages for case in page.rows]
    assert shown == [case.reference for case in eight_cases]  # newest received first
    (only,) = _searched_pages(officer, "p5@example.com", (1,))
    assert [case.reference for case in only.rows] == [eight_cases[5].reference]
    assert (only.total, only.has_next) == (1, False)


def test_a_searched_count_stops_at_the_cap(small_pages, officer, eight_cases, monkeypatch):
    monkeypatch.setattr("redress.cases.search.WALK_ROUNDS", ())
    monkeypatch.setattr(paging, "COUNT_CAP", 5)

    (page,) = _searched_pages(officer, "person", (1,))

    assert (page.total, page.total_capped, len(page.rows)) == (5, True, 3)
