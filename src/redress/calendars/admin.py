from django.contrib import admin

from redress.calendars.models import ClosureDay


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["date", "calendar", "name"]
    list_filter = ["calendar"]
    date_hierarchy = "date"
