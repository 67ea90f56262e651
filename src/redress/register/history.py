"""The register's own history: one row per change, like the case timeline but confidential to
the governance group. Nothing here ever reaches a case's timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from redress.core import clock
from redress.register.models import RegisterEntry, RegisterEvent


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    # Dates as ISO text, so the JSON column holds the same thing on SQLite and PostgreSQL.
    encoder = DjangoJSONEncoder()
    return {
        key: encoder.default(value) if isinstance(value, dt.date) else value
        for key, value in data.items()
    }


def record(
    *, entry: RegisterEntry | None, actor: Any, kind: str, summary: str, **data: Any
) -> RegisterEvent:
    return RegisterEvent.objects.create(
        entry=entry,
        actor=actor,
        at=clock.now(),
        kind=kind,
        summary=summary[:300],
        data=_plain(data),
    )
