from django.apps import AppConfig


class WorkerConfig(AppConfig):
    """The background worker: delivers the outbox and runs the periodic jobs of every app.

    It sits above the other apps (it imports them; none imports it), so the schedule can name
    jobs from notifications, portal and reporting without those apps importing each other."""

    name = "redress.worker"
