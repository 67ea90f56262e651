"""The worker's heartbeat, and what ``/healthz`` makes of it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket

from django.db import DatabaseError, connection
from django.db.models import Max

from redress.core import clock
from redress.worker.models import Heartbeat

# A worker idles two seconds between rounds and a batch takes seconds; two minutes without a
# beat means it is stuck or gone.
STALE_AFTER = dt.timedelta(minutes=2)
PRUNE_AFTER = dt.timedelta(days=1)


def beat(*, started_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """Record that this process is alive. One small UPDATE (an INSERT the first time)."""
    now = now or clock.now()
    host, pid = socket.gethostname()[:255], os.getpid()
    changed = Heartbeat.objects.filter(host=host, pid=pid).update(beat_at=now)
    if not changed:
        Heartbeat.objects.update_or_create(
            host=host, pid=pid, defaults={"started_at": started_at, "beat_at": now}
        )
        # A new process: forget processes that stopped long ago.
        Heartbeat.objects.filter(beat_at__lt=now - PRUNE_AFTER).delete()


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        # Drop the broken connection so the next request starts afresh.
        with contextlib.suppress(DatabaseError):
            connection.close()
        return False


def health(now: dt.datetime | None = None) -> dict[str, object]:
    """The database and the worker as ``/healthz`` reports them; no personal data."""
    now = now or clock.now()
    if not _database_ok():
        return {"status": "unavailable", "database": "unavailable", "worker": "unknown"}
    try:
        latest = Heartbeat.objects.aggregate(latest=Max("beat_at"))["latest"]
        alive = Heartbeat.objects.filter(beat_at__gte=now - STALE_AFTER).count()
    except DatabaseError:
        return {"status": "unavailable", "database": "unavailable", "worker": "unknown"}
    if latest is None:
        worker = "missing"
    elif now - latest > STALE_AFTER:
        worker = "degraded"
    else:
        worker = "ok"
    return {
        "status": "ok" if worker == "ok" else "degraded",
        "database": "ok",
        "worker": worker,
        "workers_alive": alive,
        "heartbeat_age_seconds": None if latest is None else int((now - latest).total_seconds()),
    }
