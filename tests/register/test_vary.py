"""Varying an entry: the group changes its restrictions, named contact or review date from
the entry page; the change is in the entry's history, never on a case's timeline, and every
look at the entry stays in the access log."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.cases.models import TimelineEvent
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.register.models import EntryRead, EntryStatus, RegisterEntry, RegisterEvent
from redress.register.variations import entry_vary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _vary(entry, by, **overrides):  # noqa: ANN001, ANN202
    given = {
        "restrictions": [("written_only", ""), ("call_times", "Thursdays 2pm to 4pm")],
        "contact": None,
        "review_on": clock.today() + dt.timedelta(days=60),
        "reason": "Calls have calmed; letters work better for them.",
    }
    return entry_vary(entry=entry, by=by, **(given | overrides))


def _form(entry, **overrides):  # noqa: ANN001, ANN202
    review = clock.today() + dt.timedelta(days=60)
    data = {
        "restrictions": ["written_only", "call_times"],
        "detail_call_times": "Thursdays 2pm to 4pm",
        "contact": "officer",
        "review_on-day": str(review.day),
        "review_on-month": str(review.month),
        "review_on-year": str(review.year),
        "reason": "Calls have calmed.",
    }
    return data | overrides


def test_varying_replaces_the_restrictions_and_records_the_change(entry, member, officer, case):
    timeline = TimelineEvent.objects.filter(case=case).count()
    review = clock.today() + dt.timedelta(days=60)

    _vary(entry, member, contact=officer, review_on=review)

    entry = RegisterEntry.objects.get(pk=entry.pk)
    assert [(r.kind, r.detail) for r in entry.restrictions.all()] == [
        ("written_only", ""),
        ("call_times", "Thursdays 2pm to 4pm"),
    ]
    assert (entry.contact, entry.review_on) == (officer, review)
    event = RegisterEvent.objects.get(entry=entry, kind="varied")
    assert event.actor == member
    assert "the restrictions, the named contact, the review date" in event.summary
    assert event.data["before"]["contact"] == "contact"
    assert event.data["after"]["restrictions"] == [
        "written_only",
        "call_times: Thursdays 2pm to 4pm",
    ]
    assert event.data["reason"] == "Calls have calmed; letters work better for them."
    # The register's confidential history, not the case's timeline.
    assert TimelineEvent.objects.filter(case=case).count() == timeline


def test_bad_input_names_each_field_and_changes_nothing(entry, member, contact):
    before = [(r.kind, r.detail) for r in entry.restrictions.all()]

    with pytest.raises(InvalidInput) as refused:
        _vary(
            entry,
            member,
            restrictions=[("one_channel", " ")],
            contact=None,
            review_on=clock.today() - dt.timedelta(days=1),
            reason="",
        )

    assert set(refused.value.field_errors) == {
        "restrictions.0.detail",
        "contact",
        "review_on",
        "reason",
    }
    with pytest.raises(InvalidInput, match="Nothing has changed"):
        _vary(
            entry,
            member,
            restrictions=before,
            contact=contact,
            review_on=entry.review_on,
        )
    assert [(r.kind, r.detail) for r in entry.restrictions.all()] == before
    assert not RegisterEvent.objects.filter(kind="varied").exists()


def test_only_the_group_varies_an_entry_in_force(entry, member, officer):
    administrator = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    with pytest.raises(NotPermitted):
        _vary(entry, administrator, contact=officer)
    RegisterEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.LIFTED)
    with pytest.raises(TransitionNotAllowed):
        _vary(RegisterEntry.objects.get(pk=entry.pk), member, contact=officer)


def test_the_entry_page_offers_it_and_the_page_is_logged(entry, member, officer):
    client = Client()
    client.force_login(member)
    url = reverse("register:vary", kwargs={"pk": entry.pk})
    assert url in client.get(reverse("register:entry", kwargs={"pk": entry.pk})).content.decode()
    reads = EntryRead.objects.filter(entry=entry, who=member).count()

    page = client.get(url)
    assert page.status_code == 200
    assert "Tuesdays 10am to 12 noon" in page.content.decode()  # today's details, to change

    bad = client.post(url, _form(entry, detail_call_times="", reason="Letters work better"))
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Limited call times: say the times the person may call." in text
    assert "Letters work better" in text
    done = client.post(url, _form(entry))
    assert done.status_code == 302
    assert RegisterEntry.objects.get(pk=entry.pk).contact == officer
    assert EntryRead.objects.filter(entry=entry, who=member).count() == reads + 3
