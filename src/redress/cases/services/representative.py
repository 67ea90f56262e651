"""Who acts for the person on a case, and who letters and emails go to, changed after the
case was logged: added, changed or removed, each change with its reason on the timeline.

The rules are the ones logging keeps (``representatives.representative_errors``); what they
decide is read by every sender through ``representatives.correspondents_of``."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from redress.cases.models import Case
from redress.cases.permissions import Action, require
from redress.cases.representatives import (
    Representative,
    case_fields,
    describe,
    representative_errors,
    timeline_data,
)
from redress.cases.services.stages import _check_version
from redress.cases.services.timeline import record_event
from redress.core.errors import InvalidInput

FIELDS = list(case_fields(None))


def _what_happened(before: Representative | None, after: Representative | None) -> str:
    if before is None:
        return "Representative added"
    if after is None:
        return f"{before.name} no longer represents the person"
    return "Representative changed"


def _reason_refusal(reason: Any) -> str | None:
    if not isinstance(reason, str) or not reason.strip():
        return "Say why the representative is being added, changed or removed."
    if len(reason) > 2000:
        return "The reason must be 2,000 characters or fewer."
    return None


@transaction.atomic
def case_set_representative(
    *,
    case: Case,
    by: Any,
    representative: Representative | None,
    reason: str,
    expected_version: int | None = None,
) -> Case:
    """Record who now acts for the person (None: nobody) and who letters and emails go to."""
    case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
    require(by, Action.REPRESENT, case)
    _check_version(case, expected_version)
    errors = representative_errors(representative)
    if refusal := _reason_refusal(reason):
        errors["reason"] = [refusal]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors)
    after = representative.tidied() if representative else None
    before = Representative.of(case)
    if before == after:
        raise InvalidInput(
            "Nothing has changed: change the representative's details, who letters go to, "
            "or remove the representative."
        )
    for name, value in case_fields(after).items():
        setattr(case, name, value)
    case.save(update_fields=[*FIELDS, "updated_at"])
    record_event(
        case=case,
        actor=by,
        kind="representative_changed",
        summary=f"{_what_happened(before, after)}: {reason.strip()}. {describe(after)}",
        before={"representative": timeline_data(before)},
        after={"representative": timeline_data(after)},
        reason=reason.strip(),
    )
    return case
