from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import F

from redress.cases.models import Case, TimelineEvent


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_event(
    *,
    case: Case,
    actor: Any,
    kind: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    changes_case: bool = True,
    **extra: Any,
) -> TimelineEvent:
    """Append to the case's timeline and, when the case itself changed, bump its version so
    that someone editing it in another window is told before anything is overwritten.

    Events that record something happening around the case without changing it (a message
    delivered, a letter printed) pass ``changes_case=False``.
    """
    if changes_case:
        Case.objects.filter(pk=case.pk).update(version=F("version") + 1)
        case.version += 1
    return append_event(
        case=case, actor=actor, kind=kind, summary=summary, before=before, after=after, **extra
    )


def append_event(
    *,
    case: Case,
    actor: Any,
    kind: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    **extra: Any,
) -> TimelineEvent:
    """Write the event row alone, for a caller that bumps the case's version itself in an
    update it makes anyway (logging a case sets its first stage and version in one UPDATE)."""
    data: dict[str, Any] = {k: _plain(v) for k, v in extra.items()}
    if before is not None:
        data["before"] = {k: _plain(v) for k, v in before.items()}
    if after is not None:
        data["after"] = {k: _plain(v) for k, v in after.items()}
    return TimelineEvent.objects.create(
        case=case,
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        summary=summary[:300],
        data=data,
    )
