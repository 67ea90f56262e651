from django.contrib import admin

from redress.cases.admin_visibility import VisibleCasesAdmin
from redress.ombudsman.models import OmbudsmanCase, OmbudsmanRecommendation, OmbudsmanRequest


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs
    extra = 0

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class RequestInline(ReadOnlyInline):
    model = OmbudsmanRequest


class RecommendationInline(ReadOnlyInline):
    model = OmbudsmanRecommendation


@admin.register(OmbudsmanCase)
class OmbudsmanCaseAdmin(VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    """Read-only, like the case admin: Ombudsman casework is recorded through the services,
    so every change is on the case's timeline."""

    list_display = ["case", "body", "reference", "notified_on", "decision", "decided_on"]
    list_filter = ["body", "decision"]
    search_fields = ["reference", "case__reference"]
    raw_id_fields = ["case"]
    inlines = [RequestInline, RecommendationInline]
    show_full_result_count = False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
