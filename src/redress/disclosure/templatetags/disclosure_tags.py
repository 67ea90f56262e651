"""Who the staff pages offer subject access and redaction to: the same rules the views and
services apply, asked from the templates."""

from __future__ import annotations

from typing import Any

from django import template

from redress.cases.permissions import Action, can, can_disclose

register = template.Library()


@register.filter
def may_disclose(user: Any) -> bool:
    return can_disclose(user)


@register.filter
def may_redact(user: Any, case: Any) -> bool:
    return can(user, Action.REDACT, case)
