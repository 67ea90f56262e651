from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "redress.learning"
    verbose_name = "Learning from complaints"
