"""The register's part of the leak test's world: an entry about the ordinary case's person,
with an appeal decided, a review, a ward Member briefing and notices by letter and email (the
email failed, so it would be a delivery problem), each carrying a word found nowhere else.

Only the governance group may read any of it. Staff who see the ordinary case are told only
that contact restrictions apply; the walk proves they meet none of this text anywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from redress.accounts.models import Role, User
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.register import appeals, notices, services
from redress.register.models import GovernanceMember, RegisterEntry
from tests.factories import UserFactory

GOVERNANCE = "governance"

BEHAVIOUR = "Xylobehaviour: sixty calls in a week, shouting at reception staff"
REASONS = "Xyloreasons: staff safety and fair access for other residents"
APPEAL = "Xyloappeal: I only called because nobody answered my emails"
APPEAL_DECISION = "Xylodecision: the calls continued after two warnings"
REVIEW = "Xyloreview: contact has not improved since the restrictions began"
BRIEFING = "Xylobriefing: told the Member of the single point of contact and why"


def governance_persona() -> User:
    """A complaints officer in the governance group, not granted the restricted case: they
    must see all of the register and nothing of the restricted case."""
    user = UserFactory(username="governance", role=Role.COMPLAINTS_OFFICER)
    GovernanceMember.objects.create(user=user)
    return user


def build_register(member: User, person: Any, contact: User) -> RegisterEntry:
    today = timezone.localdate()
    entry = services.entry_create(
        by=member,
        new=services.NewEntry(
            name=person.name,
            email=person.email,
            # The restricted case's address: its page, for those who may see it, warns visitors.
            address="9 Quiet Lane, Town",
            behaviour=BEHAVIOUR,
            reasons=REASONS,
            decided_by="The governance group",
            restrictions=[("single_contact", "Through the named contact only")],
            contact=contact,
            starts_on=today,
            review_on=today + dt.timedelta(days=60),
            people=[person],
        ),
    )
    appeal = appeals.appeal_record(entry=entry, by=member, received_on=today, grounds=APPEAL)
    appeals.appeal_decide(
        appeal=appeal, by=member, outcome="not_upheld", decided_on=today, reasons=APPEAL_DECISION
    )
    services.entry_review(
        entry=entry,
        by=member,
        reviewed_on=today,
        outcome="continue",
        notes=REVIEW,
        next_review_on=today + dt.timedelta(days=90),
    )
    appeals.briefing_record(
        entry=entry, by=member, member="Cllr Sam Green", briefed_on=today, shared=BRIEFING
    )
    notices.notice_send(entry=entry, by=member, channel="letter")
    emailed = notices.notice_send(entry=entry, by=member, channel="email")
    deliver_due()
    OutboundMessage.objects.filter(pk=emailed.message_id).update(state=OutboundMessage.State.FAILED)
    return entry


def register_secrets() -> dict[str, str]:
    return {
        "register behaviour": BEHAVIOUR,
        "register reasons": REASONS,
        "register appeal": APPEAL,
        "register appeal decision": APPEAL_DECISION,
        "register review": REVIEW,
        "register briefing": BRIEFING,
    }


def register_messages(entry: RegisterEntry) -> list[str]:
    """The notices' outbox ids: the post room's and delivery problems' pages are walked with
    them, and must answer "not found" to everyone."""
    return [str(pk) for pk in entry.notices.values_list("message_id", flat=True)]


def register_values(entry: RegisterEntry) -> dict[tuple[str, str], list[str]]:
    """Candidate values for the register's path parameters, by (namespace, name)."""
    members = [str(pk) for pk in GovernanceMember.objects.values_list("pk", flat=True)]
    return {
        ("register", "pk"): [str(entry.pk), *members],
        ("register", "notice"): [str(pk) for pk in entry.notices.values_list("pk", flat=True)],
        ("register", "appeal"): [str(pk) for pk in entry.appeals.values_list("pk", flat=True)],
        ("api-v1", "entry_id"): [str(entry.pk)],
    }
