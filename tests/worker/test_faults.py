"""Fault tests: real ``redress worker`` processes against this test database, a real SMTP
server, and real faults: the database cut off under the worker (PostgreSQL), real database
errors while the outbox table is away (both databases), and the worker killed with SIGKILL in
the middle of an SMTP hand-over. Nothing may be lost or sent twice
unnoticed: every message ends delivered exactly once or shown as a delivery problem."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from redress.accounts.models import Role
from redress.notifications.models import OutboundMessage
from redress.notifications.problems import problems_visible_to
from redress.notifications.services import message_queue
from tests.factories import UserFactory
from tests.notifications.smtp_server import StallingInbox, start_server

State = OutboundMessage.State
LEASE_SECONDS = 3
UNFINISHED = (State.PENDING, State.SENDING)


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


# Another process cannot reach an in-memory SQLite database, so on SQLite these tests run
# again in a fresh pytest process whose test database is a file (as test_references does).
@pytest.fixture
def shared_database(transactional_db):  # noqa: ANN001
    if _in_memory_sqlite():
        pytest.skip("run on a SQLite file by test_faults_on_a_sqlite_file")


@pytest.mark.django_db
def test_faults_on_a_sqlite_file(request, tmp_path):
    if not _in_memory_sqlite():
        pytest.skip("the fault tests run directly on this database")
    environment = os.environ | {"REDRESS_TEST_SQLITE": str(tmp_path / "faults.sqlite3")}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
        + ["-k", "not on_a_sqlite_file", str(request.node.path)],
        cwd=request.config.rootpath,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-3000:]
    assert "2 passed" in result.stdout and "skipped" in result.stdout


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{quote(db['USER'])}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@contextmanager
def _smtp(inbox=None) -> Iterator:  # noqa: ANN001
    controller, inbox = start_server(inbox)
    inbox.port = controller.port
    try:
        yield inbox
    finally:
        controller.stop()


class WorkerProcess:
    """``redress worker`` in a process of its own, on this test database and mail server."""

    def __init__(self, tmp_path: Path, smtp_port: int, name: str) -> None:
        self.log = tmp_path / f"{name}.log"
        environment = os.environ | {
            "DATABASE_URL": _database_url(),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "NOTIFY_API_KEY": "",
            "NOTIFICATIONS_LEASE_SECONDS": str(LEASE_SECONDS),
            "NOTIFICATIONS_BACKOFF_SECONDS": "1",
            "DJANGO_SETTINGS_MODULE": "redress.settings",
        }
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "redress.cli", "worker"]
                + ["--interval", "0.2", "--max-pause", "1"],
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text()

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> int:
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _queue(n: int, prefix: str) -> list[OutboundMessage]:
    return [
        message_queue(
            case=None,
            subject=f"Message {i}",
            body_text="Hello",
            recipient_email=f"{prefix}-{i}@example.com",
            idempotency_key=f"{prefix}-{i}",
        )
        for i in range(n)
    ]


def _state(message: OutboundMessage) -> str:
    return OutboundMessage.objects.values_list("state", flat=True).get(pk=message.pk)


def _received(inbox, message: OutboundMessage) -> int:  # noqa: ANN001
    with inbox.lock:
        return sum(1 for m in inbox.messages if m["X-Redress-Message"] == message.idempotency_key)


# --- the worker killed during the SMTP hand-over -----------------------------------------------


def test_worker_killed_during_smtp_delivery_loses_nothing(shared_database, tmp_path):
    messages = _queue(5, "killed")
    with _smtp(StallingInbox()) as inbox:
        inbox.stall.set()
        first = WorkerProcess(tmp_path, inbox.port, "first")
        try:
            assert inbox.data_arrived.wait(20), first.output()
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(timeout=10)
        finally:
            first.stop()
        # The server accepts what it was holding, but the killed worker never heard so.
        inbox.stall.clear()
        second = WorkerProcess(tmp_path, inbox.port, "second")
        try:
            _wait_for(
                lambda: not OutboundMessage.objects.filter(state__in=UNFINISHED).exists(),
                timeout=LEASE_SECONDS + 20,
                what="every message to be resolved",
            )
        finally:
            assert second.stop() == 0, second.output()
        states = {m.idempotency_key: (_state(m), _received(inbox, m)) for m in messages}
    problems = [key for key, (state, _) in states.items() if state != State.SENT]
    assert all(received == 1 for state, received in states.values() if state == State.SENT)
    assert all(
        state in (State.UNCERTAIN, State.FAILED)
        for state, _ in states.values()
        if state != State.SENT
    ), states
    assert all(received <= 1 for _, received in states.values()), states
    # The message in the server's hands when the worker died is the one problem to check (the
    # server dropped it when the connection went, which only its log can tell).
    assert problems == ["killed-0"], states
    assert states["killed-0"][0] == State.UNCERTAIN
    # ... and the complaints team is shown it.
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    shown = problems_visible_to(officer).values_list("idempotency_key", flat=True)
    assert list(shown) == problems


# --- the database cut off under the worker (PostgreSQL) ---------------------------------------


def _admin_connection() -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


@contextmanager
def _database_cut_off() -> Iterator[None]:
    """Refuse new connections to the test database and end every one but this test's own."""
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]
    with _admin_connection() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> %s",
                (name, own),
            )
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def test_worker_survives_the_database_being_cut_off(shared_database, tmp_path, client):
    if connection.vendor != "postgresql":
        pytest.skip("cutting a database's connections needs a database server")
    with _smtp() as inbox:
        worker = WorkerProcess(tmp_path, inbox.port, "outage")
        try:
            (before,) = _queue(1, "before")
            _wait_for(lambda: _state(before) == State.SENT, 20, "the first message")
            with _database_cut_off():
                (during,) = _queue(1, "during")  # this test's own connection still works
                _wait_for(
                    lambda: "worker round failed" in worker.output(), 15, "the worker to notice"
                )
                connection.close()  # now this process is cut off too
                outage = client.get("/healthz")
                assert worker.alive(), worker.output()
            _wait_for(lambda: _state(during) == State.SENT, 20, "the worker to reconnect")
            assert client.get("/healthz").json()["worker"] == "ok"
            assert worker.alive(), worker.output()
        finally:
            assert worker.stop() == 0, worker.output()
        assert outage.status_code == 503
        assert outage.json()["database"] == "unavailable"
        assert _received(inbox, before) == 1 and _received(inbox, during) == 1
        assert "worker recovered" in worker.output()


# --- a database error on either database --------------------------------------------------------


@contextmanager
def _outbox_table_gone() -> Iterator[None]:
    """Every query the worker makes of the outbox fails, as a real database error, until the
    table is given back (SQLite has no connections to cut; this fault works on both)."""
    table = OutboundMessage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{table}" RENAME TO "{table}_away"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'ALTER TABLE "{table}_away" RENAME TO "{table}"')


def test_worker_survives_database_errors_and_delivers_afterwards(shared_database, tmp_path):
    with _smtp() as inbox:
        worker = WorkerProcess(tmp_path, inbox.port, "errors")
        try:
            (before,) = _queue(1, "before")
            _wait_for(lambda: _state(before) == State.SENT, 20, "the first message")
            with _outbox_table_gone():
                _wait_for(
                    lambda: worker.output().count("worker round failed") >= 2,
                    15,
                    "the worker to fail and try again",
                )
                assert worker.alive(), worker.output()
            (after,) = _queue(1, "after")
            _wait_for(lambda: _state(after) == State.SENT, 20, "the worker to recover")
        finally:
            assert worker.stop() == 0, worker.output()
        assert _received(inbox, before) == 1 and _received(inbox, after) == 1
        assert "worker recovered" in worker.output()
