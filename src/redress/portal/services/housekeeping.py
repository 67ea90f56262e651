"""What the worker clears away for the portal every hour."""

from __future__ import annotations

import datetime as dt
import time

from django.db import transaction

from redress.core import clock
from redress.portal.models import PendingUpload, ProgressLink
from redress.portal.ratelimit import forget_before
from redress.portal.services.uploads import delete_pending


def portal_housekeeping(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remove what is no longer needed: old rate counters, spent links, abandoned uploads."""
    now = now or clock.now()
    counters = forget_before(time.time() - 24 * 60 * 60)
    links, _ = ProgressLink.objects.filter(expires_at__lt=now - dt.timedelta(days=1)).delete()
    abandoned = 0
    stale = PendingUpload.objects.filter(created_at__lt=now - dt.timedelta(days=1))
    for pending in stale.iterator():
        with transaction.atomic():
            delete_pending(pending)
        abandoned += 1
    return {"rate_counters": counters, "links": links, "uploads": abandoned}
