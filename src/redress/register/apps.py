from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "redress.register"
    verbose_name = "Register of contact restrictions"
