"""The register's part of a subject access export.

The register of contact restrictions is confidential to the governance group, but what it
says about a person is their personal data. So only a member of the group produces an export
that holds it, and each entry put in one is logged as read ("Subject access export"). For
anyone else the export says that the register is not included and who can include it, in the
same words whether or not the person is on it, so the export reveals nothing of the register.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

from redress.cases.models import Person
from redress.register.models import ReadVia, RegisterEntry
from redress.register.selectors import concerning, entries_for, is_member, read_entries

NOT_INCLUDED = (
    "Entries in the register of contact restrictions are not included: the register is "
    "confidential to the governance group, so a member of the group must produce the export "
    "for it to include them."
)
INCLUDED = "Entries in the register of contact restrictions about this person are included."


def _entry_data(entry: RegisterEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "email": entry.email,
        "address": entry.address,
        "status": entry.get_status_display(),
        "starts_on": entry.starts_on.isoformat(),
        "review_on": entry.review_on.isoformat(),
        "ended_on": entry.ended_on.isoformat() if entry.ended_on else None,
        "behaviour": entry.behaviour,
        "reasons": entry.reasons,
        "decided_by": entry.decided_by,
        "restrictions": [
            {"kind": r.get_kind_display(), "detail": r.detail} for r in entry.restrictions.all()
        ],
        "appeals": [
            {
                "received_on": a.received_on.isoformat(),
                "grounds": a.grounds,
                "outcome": a.get_outcome_display(),
                "reasons": a.decision_reasons,
            }
            for a in entry.appeals.all()
        ],
        "reviews": [
            {"reviewed_on": r.reviewed_on.isoformat(), "outcome": r.get_outcome_display()}
            | {"notes": r.notes}
            for r in entry.reviews.all()
        ],
        "briefings": [
            {"member": b.member, "briefed_on": b.briefed_on.isoformat(), "shared": b.shared}
            for b in entry.briefings.all()
        ],
        "notices": [
            {"sent_at": n.sent_at.isoformat(), "subject": n.message.subject}
            | {"text": n.message.body_text}
            for n in entry.notices.select_related("message")
        ],
    }


def register_part(user: Any, people: list[Person]) -> dict[str, Any]:
    """The register section of data.json for an export made by ``user``."""
    if not is_member(user) or not people:
        return {"included": False, "note": NOT_INCLUDED, "entries": []}
    about = functools.reduce(operator.or_, (concerning(person) for person in people))
    entries = entries_for(user).filter(about).distinct().order_by("created_at", "pk")
    found = read_entries(user, entries, ReadVia.EXPORT)
    return {"included": True, "note": INCLUDED, "entries": [_entry_data(e) for e in found]}
