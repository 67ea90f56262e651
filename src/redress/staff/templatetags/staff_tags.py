"""Template helpers for the staff pages: GOV.UK dates, deadline tags and form fields."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms, template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from redress.staff.case_rows import case_rows as write_case_rows
from redress.staff.case_rows import deadline_tag_html
from redress.staff.deadlines import Deadline, govuk_date
from redress.staff.draft_links import draft_links as write_draft_links
from redress.staff.fields import GovukDateWidget

register = template.Library()


@register.filter(name="govuk_date")
def govuk_date_filter(value: dt.date | None) -> str:
    return govuk_date(value)


@register.filter
def deadline_tag(deadline: Deadline | None) -> str:
    """A deadline's coloured tag ("Overdue by 3 working days")."""
    return deadline_tag_html(deadline)


@register.simple_tag
def case_rows(cases: Any) -> SafeString:
    """A case table's rows (see ``redress.staff.case_rows``)."""
    return write_case_rows(cases)


@register.simple_tag
def draft_links(drafts: Any, *, to_review: bool) -> SafeString:
    """My work's draft list items (see ``redress.staff.draft_links``)."""
    return write_draft_links(drafts, to_review=to_review)


@register.filter
def govuk_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{govuk_date(local.date())} at {hour}:{local.minute:02d}{suffix}"


def _kind_of(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    if isinstance(widget, GovukDateWidget):
        return "date"
    # Before RadioSelect: Django's CheckboxSelectMultiple is a subclass of it.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def _date_parts(bound: forms.BoundField) -> list[str]:
    value = bound.value()
    if isinstance(value, dt.date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple):
        return [str(v or "") for v in value] + [""] * (3 - len(value))
    return ["", "", ""]


def _options(choices: list[tuple[str, Any]], selected: list[str]) -> SafeString:
    """A select's options, written here rather than in the field's template: a handler list
    has a hundred of them, and a template loop over them was most of a filter form's cost."""
    chosen = set(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, mark_safe(" selected") if key in chosen else "", label) for key, label in choices),
    )


@register.simple_tag
def govuk_field(bound: forms.BoundField, **options: Any) -> SafeString:
    """One form field in the GOV.UK pattern: label or legend, hint, error message, control."""
    kind = _kind_of(bound)
    if kind == "hidden":
        return mark_safe(str(bound))
    value = bound.value()
    selected = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    choices = [(str(k), v) for k, v in getattr(bound.field, "choices", [])]
    context = {
        "field": bound,
        "kind": kind,
        "id": bound.auto_id or f"id_{bound.html_name}",
        "errors": bound.errors,
        "value": "" if value is None else value,
        "selected": selected,
        "choices": choices,
        "options": _options(choices, selected) if kind == "select" else "",
        "date_parts": _date_parts(bound) if kind == "date" else None,
        "input_type": getattr(bound.field.widget, "input_type", "text"),
        "attrs": bound.field.widget.attrs,
        "width": options.get("width", ""),
        "heading": options.get("heading", False),
        "rows": options.get("rows", 5),
    }
    return mark_safe(render_to_string("staff/includes/field.html", context))


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters changed (for sorting and paging links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(list(params.lists()), doseq=True)


@register.filter
def may_log(user: Any) -> bool:
    from redress.cases.permissions import can_log

    return can_log(user)


@register.filter
def figures_only(user: Any) -> bool:
    """An elected Member: the navigation offers only the reports and their own settings."""
    from redress.cases.permissions import sees_figures_only

    return sees_figures_only(user)


@register.filter
def is_complaints_team(user: Any) -> bool:
    """Complaints officers and administrators: who keeps the Ombudsman casework."""
    from redress.cases.permissions import OFFICE_ROLES, role_of

    return role_of(user) in OFFICE_ROLES


@register.filter
def is_administrator(user: Any) -> bool:
    from redress.accounts.models import Role
    from redress.cases.permissions import role_of

    return role_of(user) == Role.ADMINISTRATOR
