from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "redress.privacy"
    verbose_name = "Data protection: erasure and retention"
