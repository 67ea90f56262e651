"""The worker loop: a failed round is logged, paused after (doubling, capped) and tried again;
a failing job does not stop the others or the deliveries."""

import logging

import pytest
from django.db import OperationalError, connection

from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.worker import loop
from redress.worker.jobs import JobFailed, run_due_jobs
from redress.worker.loop import Settings, Worker, pause_after
from redress.worker.models import Heartbeat

pytestmark = pytest.mark.django_db


def _queue(to="loop@example.com"):
    return message_queue(case=None, subject="Hello", body_text="Hello", recipient_email=to)


def _worker(**kwargs):
    worker = Worker(Settings(jobs=[], **kwargs), write=lambda line: None)
    worker.pauses = []
    worker.sleep = worker.pauses.append
    return worker


def test_pauses_double_after_each_failure_up_to_the_cap():
    settings = Settings(first_pause=1.0, max_pause=10.0)
    assert [pause_after(n, settings) for n in range(1, 7)] == [1, 2, 4, 8, 10, 10]


# Transactional: between rounds the worker closes stale connections, which a test inside one
# open transaction could not survive (and a real worker is never inside one).
@pytest.mark.django_db(transaction=True)
def test_a_failing_round_is_logged_retried_with_back_off_and_then_delivers(
    smtp, monkeypatch, caplog
):
    message = _queue()
    failures = [OperationalError("server closed the connection unexpectedly")] * 3

    def flaky_deliver(**kwargs):
        if failures:
            raise failures.pop()
        return deliver_due(**kwargs)

    monkeypatch.setattr(loop, "deliver_due", flaky_deliver)
    worker = _worker(first_pause=0.5, max_pause=1.5)
    with caplog.at_level(logging.ERROR, logger="redress.worker"):
        for _ in range(4):
            worker.run_once()
    assert worker.pauses == [0.5, 1.0, 1.5]
    assert worker.failures == 0, "a good round resets the count"
    assert len([r for r in caplog.records if "worker round failed" in r.message]) == 3
    message.refresh_from_db()
    assert message.state == OutboundMessage.State.SENT
    assert len(smtp.to("loop@example.com")) == 1


@pytest.mark.django_db(transaction=True)
def test_every_round_beats():
    worker = _worker()
    worker.run_once()
    first = Heartbeat.objects.get()
    worker.run_once()
    second = Heartbeat.objects.get()
    assert second.beat_at >= first.beat_at and second.pk == first.pk
    assert second.started_at == worker.started_at


def test_a_failing_job_is_reported_retried_later_and_the_others_still_run(caplog):
    ran = []

    def broken():
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_here")

    jobs = [("broken", 3600.0, broken), ("fine", 3600.0, lambda: ran.append(1) or "done")]
    last_run: dict[str, float] = {}
    with caplog.at_level(logging.ERROR, logger="redress.worker"):
        results = dict(run_due_jobs(last_run, jobs))
    assert isinstance(results["broken"], JobFailed)
    assert "no_such_table_here" in str(results["broken"])
    assert results["fine"] == "done" and ran == [1]
    assert any("broken" in record.message for record in caplog.records)
    # Not run again at once, but well before its hour is up.
    assert dict(run_due_jobs(last_run, jobs)) == {}
    assert last_run["fine"] - last_run["broken"] == pytest.approx(3600 - 60, abs=1)
