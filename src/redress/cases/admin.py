from django.contrib import admin

from redress.cases.models import AdjustmentType, Case, Category, Person, Service, TimelineEvent


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "slug", "head", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["head"]


@admin.register(AdjustmentType)
class AdjustmentTypeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "large_print_letters", "is_active", "position"]
    list_editable = ["position"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "service", "is_active"]
    list_filter = ["service", "is_active"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "email", "phone"]
    search_fields = ["name", "email"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    """Read-only: cases change only through the service functions, so the timeline is whole."""

    list_display = ["reference", "kind", "status", "service", "received_on", "next_due_on"]
    list_filter = ["kind", "status"]
    search_fields = ["reference"]
    show_full_result_count = False
    list_select_related = ["service"]
    raw_id_fields = ["person", "current_stage", "current_handler", "category"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(TimelineEvent)
class TimelineEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["case", "at", "kind", "summary", "actor"]
    raw_id_fields = ["case"]
    show_full_result_count = False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
