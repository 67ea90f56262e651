"""Varying an entry in force: its restrictions, the named contact and the review date, each
change recorded in the register's own history with the reason (never on a case's timeline).

The entry is read through ``read_entry`` by the page that varies it, so every look at it is
in the access log like any other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from redress.accounts.models import User
from redress.core.dates import long_date
from redress.register import history
from redress.register.models import RegisterEntry, Restriction
from redress.register.rules import Problems, check_period, require_member
from redress.register.services import _check_restrictions, locked_entry, require_in_force


def _review_base(entry: RegisterEntry) -> dt.date:
    """The date a review date is counted from: the last review, or else the start."""
    last = entry.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    return max(last, entry.starts_on) if last else entry.starts_on


def _described(restrictions: Sequence[tuple[str, str]]) -> list[str]:
    return [kind + (f": {detail}" if detail else "") for kind, detail in restrictions]


@transaction.atomic
def entry_vary(
    *,
    entry: RegisterEntry,
    by: Any,
    restrictions: Sequence[tuple[str, str]],
    contact: User | None,
    review_on: dt.date | None,
    reason: str,
) -> RegisterEntry:
    require_member(by)
    entry = locked_entry(entry)
    require_in_force(entry, "vary them")
    problems = Problems()
    cleaned = [(kind, (detail or "").strip()) for kind, detail in restrictions]
    _check_restrictions(problems, cleaned)
    if contact is None or not contact.is_active or not contact.role:
        problems.add("contact", "Choose the named contact: an active member of staff.")
    base = _review_base(entry)
    check_period(
        problems,
        base,
        review_on,
        start_what="the restrictions were last reviewed or started",
        check_start=False,
    )
    reason = problems.text("reason", reason, "why the restrictions change")
    problems.raise_if_any()
    assert contact is not None and review_on is not None
    before = {
        "restrictions": _described([(r.kind, r.detail) for r in entry.restrictions.all()]),
        "contact": entry.contact.username,
        "review_on": entry.review_on.isoformat(),
    }
    after = {
        "restrictions": _described(cleaned),
        "contact": contact.username,
        "review_on": review_on.isoformat(),
    }
    if before == after:
        problems.add(
            "restrictions",
            "Nothing has changed: change a restriction, the named contact or the review date.",
        )
        problems.raise_if_any()
    entry.restrictions.all().delete()
    Restriction.objects.bulk_create(
        [Restriction(entry=entry, kind=kind, detail=detail) for kind, detail in cleaned]
    )
    entry.contact, entry.review_on = contact, review_on
    entry.save(update_fields=["contact", "review_on"])
    changed = [
        what
        for what, key in (
            ("the restrictions", "restrictions"),
            ("the named contact", "contact"),
            ("the review date", "review_on"),
        )
        if before[key] != after[key]
    ]
    history.record(
        entry=entry,
        actor=by,
        kind="varied",
        summary=f"Varied ({', '.join(changed)}); review by {long_date(review_on)}: {reason}",
        before=before,
        after=after,
        reason=reason,
    )
    return entry
