"""The learning section of the case page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from redress.cases.permissions import Action, can
from redress.cases.related_rows import may_have_rows
from redress.core import clock
from redress.learning import rows as table_rows
from redress.learning.selectors import TABLE_FIELDS, for_my_work

register = template.Library()


@register.inclusion_tag("learning/includes/case_learning.html", takes_context=True)
def case_learning(context: Any, case: Any) -> dict[str, Any]:
    """The case's learning actions: the case page is shown only to those who may see the
    case, who may see its learning too."""
    user = context["request"].user
    rows = (
        list(case.learning.select_related("service", "owner").order_by("due_on", "id"))
        if may_have_rows(case, "learning")
        else []
    )
    return {
        "case": case,
        "rows": rows,
        "may_raise": can(user, Action.NOTE, case),
        "today": clock.today(),
    }


@register.simple_tag
def learning_rows(actions: Any, today: Any) -> SafeString:
    """A learning table's rows (see ``redress.learning.rows``)."""
    return table_rows.learning_rows(actions, today)


@register.simple_tag
def learning_status(action: Any, today: Any) -> SafeString:
    return mark_safe(table_rows.status_tag(action, today))


MY_WORK_LENGTH = 10  # the soonest due; "See all learning" opens the rest


@register.inclusion_tag("learning/includes/my_learning.html", takes_context=True)
def my_learning(context: Any) -> dict[str, Any]:
    """My work's section: open learning of the service areas this person heads or manages,
    or owns, soonest due first."""
    rows = for_my_work(context["request"].user).only(*TABLE_FIELDS)
    shown = list(rows[: MY_WORK_LENGTH + 1])
    return {
        "rows": shown[:MY_WORK_LENGTH],
        "more": len(shown) > MY_WORK_LENGTH,
        "today": clock.today(),
    }
