import pytest

from redress.accounts.models import Role
from redress.cases.models import Case, Person
from redress.cases.search import apply_text_search, search_words
from redress.cases.selectors import cases_visible_to
from redress.cases.services import case_log
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


def found(text, queryset=None):
    queryset = Case.objects.all() if queryset is None else queryset
    return set(apply_text_search(queryset, text).values_list("reference", flat=True))


@pytest.fixture
def cases():
    damp = make_case(
        summary="Damp and mould in the back bedroom",
        description="Black mould has come back after the repair in March.",
        person={"name": "Joanne Smithson", "email": "jo.smithson@example.com"},
    )
    bins = make_case(
        summary="Bin not collected",
        description="Missed three weeks running on Acacia Avenue.",
        person={"name": "Raj O'Brien", "email": "raj@example.org"},
    )
    return damp, bins


def test_blank_text_leaves_the_list_alone(cases):
    assert found("") == found("   ") == {c.reference for c in cases}


def test_finds_by_whole_reference_in_any_case(cases):
    damp, _ = cases
    assert found(damp.reference) == {damp.reference}
    assert found(damp.reference.lower()) == {damp.reference}


def test_finds_by_name_and_by_the_start_of_a_name(cases):
    damp, bins = cases
    assert found("Joanne Smithson") == {damp.reference}
    assert found("smith") == {damp.reference}
    assert found("jo smi") == {damp.reference}
    assert found("o'brien") == {bins.reference}


def test_finds_by_email(cases):
    damp, bins = cases
    assert found("jo.smithson@example.com") == {damp.reference}
    assert found("raj@example.org") == {bins.reference}
    assert found("JO.Smithson@Example.COM") == {damp.reference}
    assert found("nobody@example.com") == set()


def test_finds_words_in_summary_and_description(cases):
    damp, bins = cases
    assert found("mould bedroom") == {damp.reference}
    assert found("Acacia") == {bins.reference}
    assert found("MISSED weeks") == {bins.reference}


def test_every_word_must_match(cases):
    assert found("mould acacia") == set()
    assert found("nothing-like-this") == set()


def test_punctuation_alone_finds_nothing(cases):
    assert found("%%% ***") == set()
    assert search_words("'\"*:& | !") == []


def test_words_that_look_like_query_syntax_are_plain_words(cases):
    # Operators of either database's query language must not break or widen the search.
    assert found('mould" OR "bin') == set()
    assert found("mould | bin & !x:*") == set()


def test_follows_edits_to_the_case_and_the_person(cases):
    damp, _ = cases
    Case.objects.filter(pk=damp.pk).update(summary="Leaking roof over the kitchen")
    assert found("roof") == {damp.reference}
    assert found("bedroom") == set()
    Person.objects.filter(pk=damp.person_id).update(name="Joanne Thackeray", email="jt@example.com")
    assert found("thackeray") == {damp.reference}
    assert found("smithson") == set()


def test_deleted_cases_are_not_found(cases):
    damp, _ = cases
    Case.objects.filter(pk=damp.pk).delete()
    assert found("mould") == set()


def test_never_shows_cases_the_user_cannot_see():
    housing, waste = (
        ServiceFactory(name="Housing", slug="housing"),
        ServiceFactory(name="Waste", slug="waste"),
    )
    responder = UserFactory(role=Role.SERVICE_RESPONDER, services=[housing])
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    person = {"name": "Sam Pryce", "email": "sam@example.com"}
    own = make_case(service=housing, summary="Rent account wrong", person=person)
    other = make_case(service=waste, summary="Rent for the garden bin", person=person)
    hidden = case_log(
        by=officer,
        kind="complaint",
        received_at=own.received_at,
        channel="email",
        service=housing,
        summary="Rent arrears letter",
        person=person,
        restricted=True,
    )
    visible = cases_visible_to(responder)
    assert found("rent", visible) == {own.reference}
    assert found("pryce", visible) == {own.reference}
    assert found(other.reference, visible) == set()
    assert found(hidden.reference, visible) == set()
    assert found("rent", cases_visible_to(officer)) == {
        own.reference,
        other.reference,
        hidden.reference,
    }


def test_search_combines_with_other_filters(cases):
    damp, bins = cases
    only_bins = Case.objects.filter(pk=bins.pk)
    assert found("mould", only_bins) == set()
    assert found("acacia", only_bins) == {bins.reference}
