"""What staff do to an alert: acknowledge it with a note, or turn it into a learning action.
Each runs in one transaction on a locked row and checks, in order, that the person may, that
the alert is still open to it, and the note; only then does it write."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.trends.access import alerts_visible_to
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


@transaction.atomic
def alert_to_learning(*, alert: TrendAlert, by: Any, note: str) -> TrendAlert:
    """Record the alert as actioned and hand it to the learning-action hook."""
    alert = _locked(alert, by)
    if alert.status == AlertStatus.ACTIONED:
        raise TransitionNotAllowed("This alert has already been turned into a learning action.")
    text = _note(note, "what will be learnt from it")
    alert = _handle(alert, by, AlertStatus.ACTIONED, text)
    raise_learning_action_for_alert(alert=alert, by=by, note=text)
    return alert
