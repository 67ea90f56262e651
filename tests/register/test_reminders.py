"""The worker's register job: the governance group is reminded of a review once per review
date, by a confidential email no list outside the register shows, and an entry not reviewed
in time expires and is kept as history."""

import datetime as dt

import pytest

from redress.cases.visibility import messages_visible_to
from redress.core import clock
from redress.notifications.models import OutboundMessage
from redress.notifications.problems import problems_visible_to
from redress.register import services
from redress.register.models import EntryStatus
from redress.register.reminders import expire_unreviewed, register_daily, send_review_reminders
from redress.register.selectors import in_force
from redress.worker.jobs import PERIODIC_JOBS
from tests.register.builders import BEHAVIOUR, REASONS, make_entry

pytestmark = pytest.mark.django_db


def reminders():
    return OutboundMessage.objects.filter(template_key="confidential:register_review")


def test_a_review_coming_up_is_reminded_once_to_each_member(member, contact, officer):
    today = clock.today()
    entry = make_entry(by=member, contact=contact, review_on=today + dt.timedelta(days=10))
    make_entry(by=member, contact=contact, review_on=today + dt.timedelta(days=60))
    assert send_review_reminders(today) == 1
    assert send_review_reminders(today) == 0  # the same review date is not reminded again
    sent = reminders().get()
    assert sent.recipient_email == member.email
    assert str(entry.review_on.year) in sent.subject
    assert f"/casework/register/{entry.pk}/" in sent.body_text
    for secret in (BEHAVIOUR, REASONS):
        assert secret not in sent.body_text
    # Confidential: not in the post room's or delivery problems' lists, even for an officer.
    OutboundMessage.objects.filter(pk=sent.pk).update(state=OutboundMessage.State.FAILED)
    assert not messages_visible_to(officer).filter(pk=sent.pk).exists()
    assert not problems_visible_to(officer).filter(pk=sent.pk).exists()
    # A review that keeps the restrictions sets a new date, which is reminded in its turn.
    services.entry_review(
        entry=entry,
        by=member,
        reviewed_on=today,
        outcome="continue",
        notes="Still needed.",
        next_review_on=today + dt.timedelta(days=12),
    )
    assert send_review_reminders(today) == 1


def test_an_entry_not_reviewed_by_its_date_expires_and_is_kept(member, contact):
    today = clock.today()
    entry = make_entry(by=member, contact=contact, review_on=today + dt.timedelta(days=5))
    later = today + dt.timedelta(days=6)
    # Even before the job runs, the restrictions no longer apply after the review date.
    assert in_force(today).filter(pk=entry.pk).exists()
    assert not in_force(later).filter(pk=entry.pk).exists()
    assert expire_unreviewed(later) == 1
    assert expire_unreviewed(later) == 0
    entry.refresh_from_db()
    assert entry.status == EntryStatus.EXPIRED and entry.ended_on == later
    assert entry.events.filter(kind="expired").exists()


def test_the_job_is_on_the_workers_schedule(member, contact):
    assert "register reviews" in {name for name, _, _ in PERIODIC_JOBS}
    make_entry(by=member, contact=contact, review_on=clock.today() + dt.timedelta(days=3))
    assert str(register_daily()) == "1 reviews reminded, 0 entries expired"
