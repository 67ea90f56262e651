"""The register in the admin site obeys the register's one rule: the governance group only.

For anyone else, superusers included, the register's models are not listed, their lists are
empty and their pages answer as if nothing were there. For members they are read-only:
changes go through the register's pages, so each is in its history, and opening an entry here
is logged like any other look at it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from redress.register.models import (
    Appeal,
    Briefing,
    EntryRead,
    GovernanceMember,
    NoticeTemplate,
    ReadVia,
    RegisterEntry,
    RegisterEvent,
    Restriction,
    Review,
)
from redress.register.selectors import is_member, log_reads


class GovernanceOnly:
    """Mix in before ``admin.ModelAdmin`` or an inline."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_member(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_member(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]  # a mixin of ModelAdmin
        return rows if is_member(request.user) else rows.none()


class _Inline(GovernanceOnly, admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs
    extra = 0


class RestrictionInline(_Inline):
    model = Restriction


class AppealInline(_Inline):
    model = Appeal


class ReviewInline(_Inline):
    model = Review


class BriefingInline(_Inline):
    model = Briefing


@admin.register(RegisterEntry)
class RegisterEntryAdmin(GovernanceOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    # The list shows no names or reasons, so only opening an entry reads it (and is logged).
    list_display = ["pk", "status", "starts_on", "review_on"]
    list_filter = ["status"]
    exclude = ["people"]
    inlines = [RestrictionInline, AppealInline, ReviewInline, BriefingInline]
    show_full_result_count = False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        entry = (
            self.get_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
        )
        if entry is not None:
            log_reads(request.user, [entry], ReadVia.ADMIN)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(EntryRead)
class EntryReadAdmin(GovernanceOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["entry", "who", "at", "via"]
    list_filter = ["via"]


@admin.register(RegisterEvent)
class RegisterEventAdmin(GovernanceOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["at", "entry", "actor", "summary"]


@admin.register(GovernanceMember)
class GovernanceMemberAdmin(GovernanceOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["user", "added_by", "added_at"]


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(GovernanceOnly, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["subject", "updated_by", "updated_at"]
