"""References are unique and readable, and issued without races."""

import datetime as dt
import os
import subprocess
import sys
import threading

import pytest
from django.db import connection

from redress.calendars.clock import LONDON
from redress.cases.models import Case, ReferenceCounter
from redress.cases.services.references import next_reference
from tests.factories import ServiceFactory, make_case

THREADS = 6
EACH = 5


def _in_threads(work) -> list:  # noqa: ANN001
    """Run ``work`` in several threads at once, each on its own database connection."""
    results: list = []
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)
    lock = threading.Lock()

    def run() -> None:
        try:
            start.wait()
            for _ in range(EACH):
                value = work()
                with lock:
                    results.append(value)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


# An in-memory SQLite shares one cache between threads and fails at once with "table is
# locked" instead of waiting, which no deployment does: Redress runs SQLite on a file in WAL
# mode, where writers queue. So on in-memory SQLite the two race tests run again in a fresh
# process whose test database is a file, and this run passes or fails with them.
@pytest.fixture
def real_locking(transactional_db):  # noqa: ANN001
    if _in_memory_sqlite():
        pytest.skip("run on a SQLite file by test_races_on_a_sqlite_file")


@pytest.mark.django_db
def test_races_on_a_sqlite_file(request, tmp_path):
    if not _in_memory_sqlite():
        pytest.skip("the race tests run directly on this database")
    environment = os.environ | {"REDRESS_TEST_SQLITE": str(tmp_path / "race.sqlite3")}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "concurrently",
            request.node.path,
        ],
        cwd=request.config.rootpath,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "2 passed" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_references_issued_concurrently_are_all_different_and_consecutive(real_locking):
    references = _in_threads(lambda: next_reference("complaint", 2026))
    assert len(references) == THREADS * EACH
    assert len(set(references)) == len(references)
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(1, THREADS * EACH + 1))
    assert ReferenceCounter.objects.get(key="CMP-2026").value == THREADS * EACH


@pytest.mark.django_db(transaction=True)
def test_cases_logged_concurrently_get_different_references(real_locking):
    service = ServiceFactory()
    received = dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
    references = _in_threads(lambda: make_case(service=service, received_at=received).reference)
    assert len(set(references)) == THREADS * EACH
    assert Case.objects.count() == THREADS * EACH


@pytest.mark.django_db
def test_references_are_per_kind_and_year():
    assert next_reference("complaint", 2025) == "CMP-2025-000001"
    assert next_reference("complaint", 2025) == "CMP-2025-000002"
    assert next_reference("foi_request", 2025) == "FOI-2025-000001"
    assert next_reference("complaint", 2026) == "CMP-2026-000001"
    case = make_case(
        kind="compliment", received_at=dt.datetime(2024, 12, 31, 23, 30, tzinfo=LONDON)
    )
    assert case.reference == "CPL-2024-000001"


@pytest.mark.django_db
def test_the_year_is_the_uk_date_of_receipt():
    # 23:30 UTC on 31 December is still 2024 in London (GMT); in summer the hour matters.
    case = make_case(received_at=dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.UTC))
    assert case.reference.startswith("CMP-2024-")
    assert case.received_on == dt.date(2024, 12, 31)
