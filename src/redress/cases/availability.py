"""Which transitions a person may take on a case now, and why not the others: the transition
table's guards (is it possible now?) combined with ``permissions.can`` (may this person?).

The case page and the API's case detail both read this, so they offer exactly what the
services accept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from redress.cases.models import Case
from redress.cases.permissions import Action, can
from redress.cases.services.guards import Refusal, Transition, refusals
from redress.core import clock
from redress.procedures.services import definition_of

# The permission each transition needs; the names are the same by design.
PERMISSION = {transition: Action(transition.value) for transition in Transition}


def transition_refusals(
    user: Any, case: Case, today: dt.date | None = None
) -> dict[Transition, Refusal]:
    """Every transition with None when ``user`` may take it now, or the reason they may not."""
    reasons = refusals(
        case, case.current_stage, definition_of(case.procedure_version), today or clock.today()
    )
    for transition, reason in reasons.items():
        if reason is None and not can(user, PERMISSION[transition], case):
            reasons[transition] = f"You do not have permission to {transition.value} this case."
    return reasons


def available_transitions(user: Any, case: Case, today: dt.date | None = None) -> list[str]:
    return [t.value for t, reason in transition_refusals(user, case, today).items() if not reason]
