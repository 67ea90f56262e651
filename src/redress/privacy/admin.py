"""The retention rules are editable here as on the Settings page; holds, the erasure log and
the daily retention runs are read-only, because they change only through the services (which
write the timeline) and the worker."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from redress.cases.admin_visibility import VisibleCasesAdmin
from redress.cases.permissions import can_manage_personal_data
from redress.privacy.models import ErasureLog, LegalHold, RetentionRule, RetentionRun


class AdministratorsOnly:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_personal_data(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_personal_data(request.user)


@admin.register(RetentionRule)
class RetentionRuleAdmin(AdministratorsOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["kind", "outcome", "years", "updated_at"]
    fields = ["kind", "outcome", "years"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_manage_personal_data(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_personal_data(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_personal_data(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnly(AdministratorsOnly):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnly, VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["case", "placed_at", "placed_by", "lifted_at"]
    raw_id_fields = ["case"]


@admin.register(ErasureLog)
class ErasureLogAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["at", "source", "by", "cases", "attachments", "messages"]


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["day", "started_at", "finished_at", "outcome"]
