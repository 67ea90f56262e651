"""What is still open on a case when someone closes it: outstanding actions not done, remedies
not yet given, Ombudsman requests not answered and approved responses not sent. Closing with
any of these needs the closer to confirm (``guards.close_confirmation_needed``).

Drafts and Ombudsman requests belong to apps above ``cases``; they are read here through the
app registry by name, so ``cases`` imports neither of them.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps

from redress.cases.models import Case
from redress.core.dates import long_date


def _due(day: dt.date | None) -> str:
    return f" (due {long_date(day)})" if day else ""


def open_items(case: Case) -> list[str]:
    """Each open item as a short sentence for the confirmation list, most pressing kinds first."""
    items = [
        f"Outstanding action not done: {action.description[:80]}{_due(action.due_on)}"
        for action in case.actions.filter(done_on__isnull=True)
    ]
    items += [
        f"Remedy not yet given: {remedy.get_type_display()}, {remedy.description[:80]}"
        f"{_due(remedy.due_on)}"
        for remedy in case.remedies.filter(done_on__isnull=True)
    ]
    requests = apps.get_model("ombudsman", "OmbudsmanRequest").objects.filter(
        ombudsman_case__case=case, answered_on__isnull=True
    )
    items += [
        f"Ombudsman {request.get_kind_display().lower()} not answered{_due(request.due_on)}"
        for request in requests
    ]
    drafts = apps.get_model("staff", "ResponseDraft").objects.filter(case=case, state="approved")
    items += [f"Approved response to {draft.stage.name} not sent" for draft in drafts]
    return items
