from typing import Any

from django import template

from redress.trends.access import alerts_visible_to, can_see_alerts
from redress.trends.models import TrendAlert
from redress.trends.plots import alt_text
from redress.trends.scopes import kind_label

register = template.Library()


@register.filter
def may_see_alerts(user: Any) -> bool:
    return can_see_alerts(user)


@register.filter
def scope_label(kind: str) -> str:
    return kind_label(kind)


@register.filter
def one_in(p_value: float) -> str:
    """A chance as "1 in N", rounded, for people who do not read p-values."""
    return f"{round(1 / p_value):,}" if p_value > 0 else "∞"


@register.filter
def alert_alt(alert: TrendAlert) -> str:
    """The chart's alternative text, the same as on the alert's page."""
    return alt_text(alert)


@register.simple_tag(takes_context=True)
def alert_behind(context: Any, action: Any) -> TrendAlert | None:
    """The alert a learning action was raised from, if the reader may open it."""
    user = context["request"].user
    return alerts_visible_to(user).filter(learning_action_id=action.pk).first()
