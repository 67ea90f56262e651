"""Appeals against an entry, and ward Members briefed about it in confidence.

Like the other register services: the governance group only, one transaction, every rule
checked before anything is written, each change in the register's history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from redress.core.dates import long_date
from redress.core.errors import TransitionNotAllowed
from redress.register import history
from redress.register.models import (
    Appeal,
    AppealOutcome,
    Briefing,
    EntryStatus,
    RegisterEntry,
)
from redress.register.rules import LINE_MAX, Problems, recorded_on, require_member
from redress.register.services import end_entry, locked_entry, require_in_force


@transaction.atomic
def appeal_record(
    *, entry: RegisterEntry, by: Any, received_on: dt.date | None, grounds: str
) -> Appeal:
    require_member(by)
    entry = locked_entry(entry)
    require_in_force(entry, "record an appeal against them")
    if entry.appeals.filter(outcome="").exists():
        raise TransitionNotAllowed(
            "An appeal is already waiting for a decision: decide it before recording another."
        )
    problems = Problems()
    problems.past_date(
        "received_on", received_on, "the appeal was received", not_before=recorded_on(entry)
    )
    grounds = problems.text("grounds", grounds, "the grounds of the appeal")
    problems.raise_if_any()
    assert received_on is not None
    appeal = Appeal.objects.create(
        entry=entry, received_on=received_on, grounds=grounds, recorded_by=by
    )
    history.record(
        entry=entry,
        actor=by,
        kind="appeal",
        summary=f"Appeal received on {long_date(received_on)}",
        appeal=appeal.pk,
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *, appeal: Appeal, by: Any, outcome: str, decided_on: dt.date | None, reasons: str
) -> Appeal:
    """Decide an appeal; upholding it lifts the restrictions on the day of the decision."""
    require_member(by)
    appeal = Appeal.objects.select_for_update().select_related("entry").get(pk=appeal.pk)
    if appeal.outcome:
        raise TransitionNotAllowed(
            f"This appeal was decided on {long_date(appeal.decided_on or appeal.received_on)}."
        )
    problems = Problems()
    if outcome not in AppealOutcome.values:
        problems.add("outcome", "Choose whether the appeal is upheld.")
    problems.past_date("decided_on", decided_on, "of the decision", not_before=appeal.received_on)
    reasons = problems.text("reasons", reasons, "the reasons for the decision")
    problems.raise_if_any()
    assert decided_on is not None
    appeal.outcome = outcome
    appeal.decided_on = decided_on
    appeal.decision_reasons = reasons
    appeal.decided_by = by
    appeal.save(update_fields=["outcome", "decided_on", "decision_reasons", "decided_by"])
    entry = locked_entry(appeal.entry)
    lifted = outcome == AppealOutcome.UPHELD and entry.status == EntryStatus.ACTIVE
    if lifted:
        end_entry(entry, on=decided_on, status=EntryStatus.LIFTED)
    history.record(
        entry=entry,
        actor=by,
        kind="appeal_decided",
        summary=f"Appeal decided on {long_date(decided_on)}: {appeal.get_outcome_display()}",
        appeal=appeal.pk,
        outcome=outcome,
    )
    return appeal


@transaction.atomic
def briefing_record(
    *, entry: RegisterEntry, by: Any, member: str, briefed_on: dt.date | None, shared: str
) -> Briefing:
    """A ward Member told about the entry in confidence: which Member, when, what was shared."""
    require_member(by)
    entry = locked_entry(entry)
    problems = Problems()
    member = problems.text("member", member, "the ward Member's name", limit=LINE_MAX)
    problems.past_date(
        "briefed_on", briefed_on, "the Member was briefed", not_before=recorded_on(entry)
    )
    shared = problems.text("shared", shared, "what was shared with the Member")
    problems.raise_if_any()
    assert briefed_on is not None
    briefing = Briefing.objects.create(
        entry=entry, member=member, briefed_on=briefed_on, shared=shared, by=by
    )
    history.record(
        entry=entry,
        actor=by,
        kind="briefing",
        summary=f"{member} briefed in confidence on {long_date(briefed_on)}",
        briefing=briefing.pk,
    )
    return briefing
