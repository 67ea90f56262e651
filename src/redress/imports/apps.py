from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "redress.imports"
    verbose_name = "Legacy import"
