"""Rate limits per client address, counted in the database so that every web process (and
every machine behind the same database) shares one count."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from redress.portal.models import RateCounter


@dataclass(frozen=True)
class Limit:
    scope: str
    allowed: int
    window_seconds: int


def limit_for(scope: str) -> Limit:
    limits = settings.PORTAL_RATE_LIMITS
    allowed, window = limits[scope]
    return Limit(scope, int(allowed), int(window))


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_seconds: int


def hit(limit: Limit, client: str, *, now: float | None = None) -> Verdict:
    """Count one request and say whether it is within the limit."""
    now = time.time() if now is None else now
    window_start = int(now // limit.window_seconds) * limit.window_seconds
    key = {"scope": limit.scope, "client": client, "window_start": window_start}
    if connection.features.can_return_columns_from_insert:
        count = _count_returning(key)
    else:
        count = _count_then_read(key)
    retry = int(window_start + limit.window_seconds - now) + 1
    return Verdict(allowed=count <= limit.allowed, retry_after_seconds=max(retry, 1))


def already_over(limit: Limit, client: str, *, now: float | None = None) -> Verdict:
    """Whether the client has already used up this window, without counting a request."""
    now = time.time() if now is None else now
    window_start = int(now // limit.window_seconds) * limit.window_seconds
    count = (
        RateCounter.objects.filter(scope=limit.scope, client=client, window_start=window_start)
        .values_list("count", flat=True)
        .first()
    ) or 0
    retry = int(window_start + limit.window_seconds - now) + 1
    return Verdict(allowed=count < limit.allowed, retry_after_seconds=max(retry, 1))


def _count_returning(key: dict[str, Any]) -> int:
    """Create or bump the window's row and read its count in one statement.

    A submission counts itself inside its own write transaction, so on SQLite this runs while
    the write lock is held: one round trip, not an UPDATE, a SELECT and a savepoint.
    """
    quote = connection.ops.quote_name
    table = quote(RateCounter._meta.db_table)
    scope, client, window, count = (quote(c) for c in ("scope", "client", "window_start", "count"))
    sql = (
        f"INSERT INTO {table} ({scope}, {client}, {window}, {count}) VALUES (%s, %s, %s, 1) "
        f"ON CONFLICT ({scope}, {client}, {window}) "
        f"DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key["scope"], key["client"], key["window_start"]])
        return int(cursor.fetchone()[0])


def _count_then_read(key: dict[str, Any]) -> int:
    """The same for databases without RETURNING (SQLite before 3.35)."""
    with transaction.atomic():
        if not RateCounter.objects.filter(**key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(**key, count=1)
            except IntegrityError:  # another process created it first
                RateCounter.objects.filter(**key).update(count=F("count") + 1)
        return RateCounter.objects.filter(**key).values_list("count", flat=True).get()


def forget_before(cutoff: float) -> int:
    deleted, _ = RateCounter.objects.filter(window_start__lt=int(cutoff)).delete()
    return deleted
