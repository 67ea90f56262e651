"""Delivery problems on the staff pages: My work's table rows and a problem's tag."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from redress.notifications import problem_rows as rows

register = template.Library()


@register.simple_tag
def delivery_problem_rows(problems: Any) -> SafeString:
    return rows.problem_rows(problems)


@register.simple_tag
def problem_tag(message: Any) -> SafeString:
    return mark_safe(rows.problem_tag(message))
