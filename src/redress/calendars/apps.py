from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "redress.calendars"
    verbose_name = "Working-day calendars"
