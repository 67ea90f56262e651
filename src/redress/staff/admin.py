from django.contrib import admin

from redress.cases.admin_visibility import VisibleCasesAdmin
from redress.staff.models import DraftReview, JargonTerm, MessageTemplate, ResponseDraft


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["purpose", "kind", "stage_key", "subject", "updated_at"]
    list_filter = ["purpose"]


@admin.register(JargonTerm)
class JargonTermAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["term", "instead"]
    search_fields = ["term"]


@admin.register(ResponseDraft)
class ResponseDraftAdmin(VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["case", "stage", "state", "author", "updated_at"]
    list_filter = ["state"]
    raw_id_fields = ["case", "stage", "author"]


@admin.register(DraftReview)
class DraftReviewAdmin(VisibleCasesAdmin, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    case_field = "draft__case_id"
    list_display = ["draft", "decision", "reviewer", "at"]
    raw_id_fields = ["draft", "reviewer"]
