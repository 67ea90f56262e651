"""Register data for tests, made through the register's services as the product makes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from redress.accounts.models import Role, User
from redress.core import clock
from redress.register.models import GovernanceMember, RegisterEntry
from redress.register.services import NewEntry, entry_create
from tests.factories import UserFactory

BEHAVIOUR = "Zephyrbehaviour: forty calls a day to the contact centre, shouting at staff"
REASONS = "Zephyrreasons: staff wellbeing and fair access to the service for other residents"


def governance_member(username: str = "governance", **fields: Any) -> User:
    """A complaints officer who is also in the governance group."""
    fields.setdefault("role", Role.COMPLAINTS_OFFICER)
    user = UserFactory(username=username, **fields)
    GovernanceMember.objects.get_or_create(user=user)
    return user


def make_entry(*, by: User | None, contact: User | None, **overrides: Any) -> RegisterEntry:
    today = clock.today()
    fields: dict[str, Any] = {
        "name": "Pat Persistent",
        "email": "pat@example.com",
        "address": "12 Ordinary Road\nTown\nAB1 2CD",
        "behaviour": BEHAVIOUR,
        "reasons": REASONS,
        "decided_by": "The governance group",
        "restrictions": [
            ("single_contact", "Only through the named contact"),
            ("call_times", "Tuesdays 10am to 12 noon"),
        ],
        "contact": contact,
        "starts_on": today,
        "review_on": today + dt.timedelta(days=90),
        "visit_advice": "Visit in pairs.",
    }
    fields.update(overrides)
    return entry_create(by=by, new=NewEntry(**fields))


def register_with_one_of_everything(contact: User) -> User:
    """For the reachability walk: two members (so the group page offers a removal), an entry
    with an appeal waiting for a decision and a letter waiting to be posted, and one with
    neither (which offers to record an appeal). Returns a member."""
    from redress.notifications.delivery import deliver_due
    from redress.register import appeals, notices

    member = governance_member("governance")
    governance_member("governance2")
    entry = make_entry(by=member, contact=contact)
    appeals.appeal_record(entry=entry, by=member, received_on=clock.today(), grounds="Unfair.")
    notices.notice_send(entry=entry, by=member, channel="letter")
    deliver_due()
    make_entry(by=member, contact=contact, name="Robin Repeat", email="robin@example.com")
    return member
