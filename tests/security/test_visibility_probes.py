"""Rows hanging off a case are filtered by probing each row's case (EXISTS), never by
``case_id IN (every case the reader may see)``, which has SQLite build a list of a million ids;
and the probe still hides a restricted case's rows from everyone not granted it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.accounts.models import Role
from redress.cases.models import CaseAccessGrant
from redress.core.errors import NotPermitted
from redress.inbound.selectors import emails_visible_to
from redress.inbound.storing import store
from redress.notifications.models import OutboundMessage
from redress.notifications.problems import problems_visible_to
from redress.notifications.services import message_queue
from redress.privacy.anonymise import person_anonymise
from tests.factories import UserFactory, make_case
from tests.inbound.messages import email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _lists_the_visible_cases(sql: str) -> bool:
    """Whether a statement filters by a list of the cases the reader may see."""
    flat = " ".join(sql.upper().split())
    return '"CASE_ID" IN (SELECT' in flat or '"ID" IN (SELECT' in flat


@pytest.fixture
def officers():
    granted = UserFactory(username="granted", role=Role.COMPLAINTS_OFFICER)
    other = UserFactory(username="other", role=Role.COMPLAINTS_OFFICER)
    return granted, other


def test_delivery_problems_probe_each_case_and_hide_a_restricted_one(officers):
    granted, other = officers
    secret = make_case(by=granted, restricted=True)
    ordinary = make_case()
    for case in (secret, ordinary, None):
        message_queue(case=case, subject="Hello", body_text="Hi", recipient_email="a@example.org")
    OutboundMessage.objects.update(state=OutboundMessage.State.UNCERTAIN)
    rows = problems_visible_to(other)
    assert not _lists_the_visible_cases(str(rows.query))
    assert "EXISTS" in str(rows.query).upper()
    assert {m.case_id for m in rows} == {ordinary.pk, None}
    assert {m.case_id for m in problems_visible_to(granted)} == {secret.pk, ordinary.pk, None}


def test_inbound_email_probes_each_case_and_hides_a_restricted_one(officers):
    granted, other = officers
    secret = make_case(by=granted, restricted=True)
    ordinary = make_case()
    joined_secret = store(email(subject=f"Re: {secret.reference} about it"))
    joined_ordinary = store(email(subject=f"Re: {ordinary.reference} about it"))
    loose = store(email(subject="A new complaint"))
    rows = emails_visible_to(other)
    assert not _lists_the_visible_cases(str(rows.query))
    assert "EXISTS" in str(rows.query).upper()
    assert {e.pk for e in rows} == {joined_ordinary.pk, loose.pk}
    assert joined_secret.pk in {e.pk for e in emails_visible_to(granted)}


def test_erasure_probes_the_persons_cases_and_refuses_one_with_a_hidden_case(officers):
    granted, _other = officers
    admin = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    seen = make_case(person={"name": "Ria Hidden", "email": "ria@example.org"})
    secret = make_case(by=granted, restricted=True, person=seen.person)
    assert secret.person_id == seen.person_id
    with CaptureQueriesContext(connection) as queries, pytest.raises(NotPermitted):
        person_anonymise(seen.person, by=admin, reason="Request by letter")
    assert queries.captured_queries
    assert not any(_lists_the_visible_cases(q["sql"]) for q in queries.captured_queries)
    # With a grant to the restricted case the same administrator may erase the person.
    CaseAccessGrant.objects.create(case=secret, user=admin)
    assert person_anonymise(seen.person, by=admin, reason="Request by letter").cases == 2
