"""What staff do to an alert: acknowledge it with a note, or turn it into a learning action.
Each runs in one transaction on a locked row and checks, in order, that the person may, that
the alert is still open to it, the note and (for learning) the service area; only then does
it write."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from redress.cases.models import Service
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.trends.access import alerts_visible_to, service_choices_for
from redress.trends.hooks import raise_learning_action_for_alert
from redress.trends.models import AlertStatus, TrendAlert

NOTE_MAX = 2000


def _note(note: str, what: str) -> str:
    text = (note or "").strip()
    if not text:
        raise InvalidInput.for_field("note", f"Enter a note saying {what}")
    if len(text) > NOTE_MAX:
        raise InvalidInput.for_field("note", f"The note must be {NOTE_MAX:,} characters or fewer")
    return text


def _locked(alert: TrendAlert, by: Any) -> TrendAlert:
    found = alerts_visible_to(by).select_for_update().filter(pk=alert.pk).first()
    if found is None:
        raise NotPermitted("You cannot act on this alert.")
    return found


def _handle(alert: TrendAlert, by: Any, status: str, note: str) -> TrendAlert:
    alert.status = status
    alert.note = note
    alert.handled_by = by
    alert.handled_at = clock.now()
    alert.save(update_fields=["status", "note", "handled_by", "handled_at"])
    return alert


@transaction.atomic
def alert_acknowledge(*, alert: TrendAlert, by: Any, note: str) -> TrendAlert:
    alert = _locked(alert, by)
    if alert.status != AlertStatus.NEW:
        raise TransitionNotAllowed("This alert has already been dealt with.")
    return _handle(alert, by, AlertStatus.ACKNOWLEDGED, _note(note, "what you found"))


def _owning(service: Service | None, by: Any) -> Service:
    if service is None or not service_choices_for(by).filter(pk=service.pk).exists():
        raise InvalidInput.for_field(
            "service", "Choose the service area that owns the change from the list"
        )
    return service


@transaction.atomic
def alert_to_learning(
    *, alert: TrendAlert, by: Any, note: str, service: Service | None
) -> TrendAlert:
    """Record the alert as actioned and raise the learning action (the hook), owned by
    ``service``: one the person may choose (``access.service_choices_for``)."""
    alert = _locked(alert, by)
    if alert.status == AlertStatus.ACTIONED:
        raise TransitionNotAllowed("This alert has already been turned into a learning action.")
    text = _note(note, "what will be learnt from it")
    owning = _owning(service, by)
    alert = _handle(alert, by, AlertStatus.ACTIONED, text)
    alert.learning_action = raise_learning_action_for_alert(
        alert=alert, by=by, note=text, service=owning
    )
    alert.save(update_fields=["learning_action"])
    return alert
