from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "redress.disclosure"
    verbose_name = "Subject access and redaction"
