"""``/healthz``: the database and the worker, open to all, never cached, nothing personal."""

import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone

from redress.worker import heartbeat
from redress.worker.models import Heartbeat

pytestmark = pytest.mark.django_db


def _beat(ago: dt.timedelta) -> None:
    now = timezone.now()
    Heartbeat.objects.create(host="web-1", pid=4242, started_at=now - ago, beat_at=now - ago)


def test_no_worker_has_ever_beaten(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["worker"] == "missing"
    assert "no-store" in response["Cache-Control"]


def test_a_recent_heartbeat_is_ok_and_says_nothing_personal(client):
    _beat(dt.timedelta(seconds=5))
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok" and body["worker"] == "ok" and body["workers_alive"] == 1
    assert b"web-1" not in response.content and b"4242" not in response.content


def test_a_heartbeat_over_two_minutes_old_is_degraded(client):
    _beat(dt.timedelta(minutes=2, seconds=5))
    body = client.get("/healthz").json()
    assert body["worker"] == "degraded" and body["status"] == "degraded"
    assert body["heartbeat_age_seconds"] >= 125


def test_the_database_down_is_503(client, monkeypatch):
    # The real outage is cut on PostgreSQL in test_faults; here the query itself fails.
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(heartbeat.connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "worker": "unknown",
    }
