"""On SQLite, an import fills the text search index once at the end instead of row by row.

SQLite's search index is an FTS5 table kept by triggers (cases migrations 0002 and 0013).
Filled by the insert trigger, a case at a time, it was over a third of a 100,000-row
import's time; one ``INSERT ... SELECT`` for all the imported cases takes a fraction of
that. So, inside the import's transaction, the insert trigger is dropped, the cases are
written, the index is filled for the cases the import added and the trigger is made again
from its own saved text. SQLite's schema changes are part of the transaction: other
connections never see the trigger missing (none can write while the import holds the write
lock, its transactions beginning IMMEDIATE, and readers see only what is committed), and an
import rolled back takes all of it back with it.

PostgreSQL keeps its triggers: dropping one would lock the table against every reader for
the length of the import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

INSERT_TRIGGER = "cases_case_search_insert"

# What the insert trigger writes for a case (migration 0013), for every case after ``%s``.
FILL = (
    "INSERT INTO cases_case_search (rowid, reference, name, email, summary, description) "
    "SELECT c.id, c.reference || coalesce(' ' || c.legacy_reference, ''), p.name, p.email, "
    "c.summary, c.description FROM cases_case c JOIN cases_person p ON p.id = c.person_id "
    "WHERE c.id > %s"
)


@contextmanager
def filled_at_the_end() -> Iterator[None]:
    """Around the writing of an import, inside its transaction."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("The search index is filled at the end only inside a transaction.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [INSERT_TRIGGER]
        )
        found = cursor.fetchone()
        if found is None:  # no search index on this database: nothing to keep
            yield
            return
        cursor.execute("SELECT coalesce(max(id), 0) FROM cases_case")
        # The import's cases have ids after this one (``inserting.reserve_ids``), and no one
        # else can add a case until the import's transaction ends.
        last_before = cursor.fetchone()[0]
        cursor.execute(f'DROP TRIGGER "{INSERT_TRIGGER}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute(FILL, [last_before])
        cursor.execute(found[0])
