"""A page of search results found by walking the list's own order (PostgreSQL) is the page the
search index would give, with an honest count."""

import datetime as dt

import pytest
from django.db import connection

from redress.accounts.models import Role
from redress.cases import search
from redress.cases.models import Case
from redress.cases.search import apply_text_search, walk_matches
from redress.cases.selectors import cases_visible_to
from redress.staff.queries import SORTS
from redress.staff.views.paging import page_of
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the walk is PostgreSQL's; SQLite's FTS5 answers from the index")


@pytest.fixture
def officer():
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


def _cases(pattern: str) -> None:
    """One case a day, in order; "d" is about damp, "b" about bins."""
    for day, letter in enumerate(pattern):
        summary = "Damp in the bedroom" if letter == "d" else "Bin not collected"
        make_case(summary=summary, received_at=START + dt.timedelta(days=day))


def _ordered(user):
    return cases_visible_to(user).order_by(*SORTS["due"])


def _expected(user, text):
    return list(apply_text_search(_ordered(user), text).values_list("pk", flat=True))


def test_a_page_is_the_search_index_s_page_with_an_exact_count(officer):
    _cases("dbbdbdbbbd")

    page = page_of(_ordered(officer), 1, "damp bedroom")

    assert [case.pk for case in page.rows] == _expected(officer, "damp bedroom")
    assert (page.total, page.total_capped, page.total_at_least, page.has_next) == (
        4,
        False,
        False,
        False,
    )


def test_the_walk_stops_when_the_page_is_full_and_says_at_least(officer, on_postgres, monkeypatch):
    monkeypatch.setattr(search, "WALK_ROUNDS", (3, 6))
    _cases("dbddbbdd")
    first_round = list(_ordered(officer).values_list("pk", flat=True))[:6]  # want 2 × 3

    walked = walk_matches(_ordered(officer), "damp", want=2)

    assert walked is not None
    assert walked.ids == _expected(officer, "damp")[:2]
    assert walked.matched == len(set(first_round) & set(_expected(officer, "damp")))
    assert walked.matched >= 2 and not walked.exact


def test_rare_words_are_left_to_the_index(officer, on_postgres, monkeypatch):
    monkeypatch.setattr(search, "WALK_ROUNDS", (2, 4))
    _cases("bbbbbbd")  # the only match is seventh: beyond the walk

    assert walk_matches(_ordered(officer), "damp", want=1) is None
    page = page_of(_ordered(officer), 1, "damp")
    assert [case.pk for case in page.rows] == _expected(officer, "damp")
    assert (page.total, page.total_at_least) == (1, False)


def test_the_walk_keeps_to_what_the_user_may_see(on_postgres, monkeypatch):
    monkeypatch.setattr(search, "WALK_ROUNDS", (3, 6))
    responder = UserFactory(role=Role.SERVICE_RESPONDER)
    _cases("ddd")
    hidden = Case.objects.order_by("id").first()
    Case.objects.filter(pk=hidden.pk).update(restricted=True)
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)

    walked = walk_matches(_ordered(officer), "damp", want=5)

    assert walked is not None and hidden.pk not in walked.ids
    assert walked.ids == _expected(officer, "damp")
    assert walk_matches(_ordered(responder), "damp", want=5) == search.WalkedMatches(
        [], matched=0, exact=True
    )


@pytest.mark.parametrize("text", ["", "   ", "CMP-2026-000001", "someone@example.com"])
def test_blank_texts_references_and_emails_are_not_walked(officer, on_postgres, text):
    _cases("d")
    assert walk_matches(_ordered(officer), text, want=1) is None


def test_the_list_page_says_at_least_for_a_walked_search(client, officer, on_postgres, monkeypatch):
    monkeypatch.setattr(search, "WALK_ROUNDS", (1, 2))
    _cases("d" * 60)  # page 1 wants 51: the first round of 51 holds all of them
    client.force_login(officer)

    response = client.get("/casework/cases/", {"q": "damp"})

    assert response.status_code == 200
    assert "At least 51 cases" in response.content.decode()
    assert "were not all counted" in response.content.decode()


@pytest.mark.parametrize("text", ["damp", "bedroom damp", "bin", "nothing"])
def test_reading_the_index_first_finds_the_same_cases(officer, text):
    _cases("dbdbbd")
    ordered = _ordered(officer)

    assert list(apply_text_search(ordered, text, index_first=True)) == list(
        apply_text_search(ordered, text)
    )


@pytest.fixture
def examined(monkeypatch):
    """How many candidates each round of the walk asked the index about."""
    sizes: list[int] = []
    reading = search._matching_in_order

    def counting(using, candidates, query):
        sizes.append(len(candidates))
        return reading(using, candidates, query)

    monkeypatch.setattr(search, "_matching_in_order", counting)
    return sizes


def test_the_walk_gives_up_early_on_words_too_rare_to_fill_the_page(
    officer, on_postgres, monkeypatch, examined
):
    monkeypatch.setattr(search, "WALK_ROUNDS", (1, 2, 10))
    _cases("b" * 30 + "dddd")  # want 4: none in the first 8, so none expected in 40

    assert walk_matches(_ordered(officer), "damp", want=4) is None
    assert examined == [4, 4]  # two rounds, not the third of 32
    page = page_of(_ordered(officer), 1, "damp")
    assert [case.pk for case in page.rows] == _expected(officer, "damp")


def test_the_walk_goes_on_while_the_rate_could_fill_the_page(
    officer, on_postgres, monkeypatch, examined
):
    monkeypatch.setattr(search, "WALK_ROUNDS", (1, 2, 10))
    _cases("b" * 7 + "d" + "b" * 20 + "ddd")  # one in the first 8: five expected in 40

    walked = walk_matches(_ordered(officer), "damp", want=4)

    assert walked is not None
    assert walked.ids == _expected(officer, "damp")
    assert (walked.matched, walked.exact) == (4, True)
    assert examined == [4, 4, 23]
