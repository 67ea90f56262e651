from django.db import models


class Heartbeat(models.Model):
    """One row per worker process, touched on every round of its loop. ``/healthz`` reads the
    newest to tell whether any worker is alive; a row whose process died simply stops ageing
    forward and is pruned after a day."""

    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["host", "pid"], name="heartbeat_per_process")
        ]

    def __str__(self) -> str:
        return f"worker {self.pid} on {self.host}, last seen {self.beat_at:%Y-%m-%d %H:%M:%S}"
