from django.contrib import admin

from redress.cases.admin_visibility import VisibleCasesAdmin
from redress.cases.areas import postcode_district
from redress.cases.models import (
    AdjustmentType,
    Case,
    Category,
    Directorate,
    Person,
    Service,
    TimelineEvent,
)
from redress.cases.visibility import events_marking_hidden_names, shown_summary


@admin.register(Directorate)
class DirectorateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "slug", "directorate", "head", "is_active", "is_housing"]
    list_filter = ["directorate"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["head", "directorate"]


@admin.register(AdjustmentType)
class AdjustmentTypeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "large_print_letters", "is_active", "position"]
    list_editable = ["position"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        """A type in use is retired (not active), never deleted: deleting would remove the
        adjustments recorded with it, and the confirmation page would list them, restricted
        cases' included."""
        if obj is not None and obj.reasonableadjustment_set.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["name", "service", "is_active"]
    list_filter = ["service", "is_active"]


@admin.register(Person)
class PersonAdmin(VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    case_field = None  # visible through their cases
    list_display = ["name", "email", "phone"]
    search_fields = ["name", "email"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # The area the trend alerts count it in follows the address as edited here.
        obj.postcode_district = postcode_district(obj.address)
        super().save_model(request, obj, form, change)


@admin.register(Case)
class CaseAdmin(VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    """Read-only: cases change only through the service functions, so the timeline is whole."""

    case_field = "pk"

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
class TimelineEventAdmin(VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["case", "at", "kind", "shown_summary", "actor"]
    raw_id_fields = ["case"]
    show_full_result_count = False
    # The sentence an event names another case by ("Linked to ...") is reworded for someone
    # who may not see that case, as on the case page.
    exclude = ["summary", "data"]
    readonly_fields = ["shown_summary"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return events_marking_hidden_names(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):  # type: ignore[no-untyped-def]
        event = super().get_object(request, object_id, from_field)
        if event is not None:
            event.summary = shown_summary(event)  # the page's title is the event's summary
        return event

    @admin.display(description="summary")
    def shown_summary(self, event: TimelineEvent) -> str:
        return shown_summary(event)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
