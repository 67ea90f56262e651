from typing import Any

from django import template

from redress.trends.access import can_see_alerts
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
