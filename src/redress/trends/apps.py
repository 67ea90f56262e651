from django.apps import AppConfig


class TrendsConfig(AppConfig):
    name = "redress.trends"
    verbose_name = "Emerging-trend alerts"
