from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from redress.cases.admin_visibility import VisibleCasesAdmin
from redress.learning.models import LearningAction
from redress.learning.selectors import learning_visible_to


@admin.register(LearningAction)
class LearningActionAdmin(VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    """Read-only, like the case admin: learning is raised, moved on and changed through the
    services, so every change is on its case's timeline.

    Rows are those of cases the signed-in person may see (``VisibleCasesAdmin``) and, on top,
    those the learning pages would show them (``learning_visible_to``): a learning action
    without a case is seen only by the complaints team and those who answer for its service."""

    list_display = ["__str__", "case", "service", "owner", "status", "due_on", "raised_on"]
    list_filter = ["status", "service"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "service", "owner"]
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[LearningAction]:
        rows = super().get_queryset(request)
        return rows.filter(pk__in=learning_visible_to(request.user).values("pk"))

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
