"""The reports dashboard's short list of open alerts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redress.trends.access import alerts_visible_to, can_see_alerts
from redress.trends.models import AlertStatus, TrendAlert

PANEL_SIZE = 5


@dataclass
class AlertsPanel:
    alerts: list[TrendAlert]
    more: int  # open alerts beyond those listed


def open_alerts_panel(user: Any) -> AlertsPanel | None:
    """The newest open alerts the user may see, or None if they see no alerts at all."""
    if not can_see_alerts(user):
        return None
    open_ = alerts_visible_to(user).filter(status=AlertStatus.NEW)
    shown = list(open_.order_by("-week_starting", "p_value", "pk")[: PANEL_SIZE + 1])
    more = 0
    if len(shown) > PANEL_SIZE:
        more = open_.count() - PANEL_SIZE
        shown = shown[:PANEL_SIZE]
    return AlertsPanel(shown, more)
