"""One example on the demo's register of contact restrictions, so the governance group's
pages have something in them: made through the register's services, like everything else."""

from __future__ import annotations

import datetime as dt

from redress.accounts.models import User
from redress.cases.kinds import Status
from redress.cases.models import Person
from redress.demo.clock import simulated_clock
from redress.register import notices
from redress.register.services import NewEntry, entry_create


def load_register_example(staff: dict[str, User], now: dt.datetime) -> None:
    member, contact = staff.get("governance"), staff.get("c.walsh")
    with_email = Person.objects.exclude(email="").order_by("-pk")
    # Someone whose complaint is still open, so the warning shows on live casework.
    person = with_email.filter(cases__status=Status.OPEN).first() or with_email.first()
    if member is None or contact is None or person is None:
        return
    with simulated_clock(now):
        today = now.date()
        entry = entry_create(
            by=member,
            new=NewEntry(
                name=person.name,
                email=person.email,
                address=person.address,
                behaviour="Over 30 calls a week to the contact centre about the same matter, "
                "and abusive language towards call handlers on several of them.",
                reasons="The volume of contact is stopping call handlers helping other "
                "residents, and staff have been distressed by the language used. Two written "
                "warnings were given first.",
                decided_by="The governance group",
                restrictions=[
                    ("single_contact", "All contact through the named officer"),
                    ("call_times", "Tuesdays and Thursdays, 10am to 12 noon"),
                ],
                contact=contact,
                starts_on=today - dt.timedelta(days=20),
                review_on=today + dt.timedelta(days=160),
                visit_advice="Visit in pairs and tell the named officer beforehand.",
                people=[person],
            ),
        )
        notices.notice_send(entry=entry, by=member, channel="email")
