from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from redress.cases.kinds import REFERENCE_PREFIX, Kind
from redress.cases.models import ReferenceCounter


def next_reference(kind: str, year: int) -> str:
    """A unique reference such as CMP-2026-000042, without ``max()+1`` races.

    The counter row is bumped in place, which holds its row lock (PostgreSQL) or the database
    write lock (SQLite) until the surrounding transaction ends; a second logger waits and then
    reads the next number.
    """
    prefix = REFERENCE_PREFIX[Kind(kind)]
    key = f"{prefix}-{year}"
    if connection.features.can_return_columns_from_insert:
        value = _bump_returning(key)
    else:
        value = _bump_then_read(key)
    return f"{key}-{value:06d}"


def _bump_returning(key: str) -> int:
    """One statement creates or bumps the row and returns the new value.

    It is issued while the logging transaction holds SQLite's write lock, so it is kept to a
    single round trip rather than an UPDATE, a SELECT and a savepoint for the first of a year.
    """
    quote = connection.ops.quote_name
    table = quote(ReferenceCounter._meta.db_table)
    key_column, value_column = quote("key"), quote("value")
    sql = (
        f"INSERT INTO {table} ({key_column}, {value_column}) VALUES (%s, 1) "
        f"ON CONFLICT ({key_column}) DO UPDATE SET {value_column} = {table}.{value_column} + 1 "
        f"RETURNING {value_column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        return int(cursor.fetchone()[0])


def _bump_then_read(key: str) -> int:
    """The same for databases without RETURNING (SQLite before 3.35)."""
    with transaction.atomic():
        if not ReferenceCounter.objects.filter(key=key).update(value=F("value") + 1):
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(key=key, value=1)
            except IntegrityError:
                # Another transaction created the row first; take the next number after theirs.
                ReferenceCounter.objects.filter(key=key).update(value=F("value") + 1)
        return ReferenceCounter.objects.get(key=key).value
