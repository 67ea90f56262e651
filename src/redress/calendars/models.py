from django.db import models

from redress.calendars.registry import CALENDAR_CHOICES


class ClosureDay(models.Model):
    """A day an organisation does not count as a working day, beyond the bank holidays.

    Proclaimed one-off bank holidays the ``holidays`` package does not yet know, or office
    closures the organisation has decided stop the clock.
    """

    calendar = models.CharField(max_length=32, choices=CALENDAR_CHOICES)
    date = models.DateField()
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"], name="closure_day_once_per_calendar"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.name}"
