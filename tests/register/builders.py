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
