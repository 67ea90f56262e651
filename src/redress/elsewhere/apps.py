from django.apps import AppConfig


class ElsewhereConfig(AppConfig):
    name = "redress.elsewhere"
    verbose_name = "Complaints handled under another procedure"
