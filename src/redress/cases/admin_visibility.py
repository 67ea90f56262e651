"""The admin shows a case-related row only when its case is one the signed-in person may see.

Every ModelAdmin of a model that hangs off a case (the case itself, its person, timeline,
correspondence, drafts, Ombudsman casework, ...) mixes in ``VisibleCasesAdmin`` and names the
path from its rows to the case id. Superusers are no exception: ``cases_visible_to`` counts a
superuser as an administrator, and an administrator sees a restricted case only with a grant,
given on the case (``case_grant_access``) and recorded on its timeline like any other.

``tests/security/test_leaks.py`` checks that every registered admin of a model related to a
case uses this mixin, so a new admin cannot be added without it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import HttpRequest

from redress.cases.models import Case, CaseStage, Person
from redress.cases.selectors import cases_visible_to
from redress.cases.visibility import people_visible_to, within_visible_cases


class VisibleCasesAdmin:
    """Mix in before ``admin.ModelAdmin``: ``class XAdmin(VisibleCasesAdmin, admin.ModelAdmin)``.

    ``case_field`` is the lookup from a row to its case's id ("case_id", or "pk" on Case
    itself, or "draft__case_id" two steps away). People are visible through their cases:
    their admin sets ``case_field = None`` and the person rule applies.
    """

    case_field: str | None = "case_id"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]  # a mixin of ModelAdmin
        return visible_rows(rows, request.user, self.case_field)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A choice of cases, people or stages lists only the visible ones, so a drop-down
        # never shows a restricted reference or name.
        choices = _visible_choices(db_field.related_model, request.user)
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]  # a mixin of ModelAdmin


def visible_rows(rows: QuerySet[Any], user: Any, case_field: str | None) -> QuerySet[Any]:
    if case_field is None:
        return rows.filter(Exists(people_visible_to(user).filter(pk=OuterRef("pk"))))
    return within_visible_cases(rows, user, case_field)


def _visible_choices(model: type[Model] | None, user: Any) -> QuerySet[Any] | None:
    if model is Case:
        return cases_visible_to(user)
    if model is Person:
        return people_visible_to(user)
    if model is CaseStage:
        return within_visible_cases(CaseStage.objects.all(), user)
    return None
