"""Where an alert becomes a learning action.

``redress.learning`` (learning actions) is not part of this app; until it is wired in here,
turning an alert into a learning action records the alert as actioned with the note given,
and this hook does nothing more. Wiring it means creating the learning action here, inside
the same transaction, and returning it."""

from __future__ import annotations

from typing import Any

from redress.trends.models import TrendAlert


def raise_learning_action_for_alert(*, alert: TrendAlert, by: Any, note: str) -> Any:
    """Create the learning action for ``alert``; returns it, or None while there is none."""
    return None
