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


def reserve_references(kind: str, year: int, count: int) -> list[str]:
    """``count`` consecutive unique references at once, for a bulk import: one bump of the
    counter by ``count`` rather than one per case."""
    prefix = REFERENCE_PREFIX[Kind(kind)]
    key = f"{prefix}-{year}"
    if connection.features.can_return_columns_from_insert:
        last = _bump_returning(key, count)
    else:
        last = _bump_then_read(key, count)
    return [f"{key}-{value:06d}" for value in range(last - count + 1, last + 1)]


def _bump_returning(key: str, by: int = 1) -> int:
    """One statement creates or bumps the row and returns the new value.

    It is issued while the logging transaction holds SQLite's write lock, so it is kept to a
    single round trip rather than an UPDATE, a SELECT and a savepoint for the first of a year.
    """
    quote = connection.ops.quote_name
    table = quote(ReferenceCounter._meta.db_table)
    key_column, value_column = quote("key"), quote("value")
    sql = (
        f"INSERT INTO {table} ({key_column}, {value_column}) VALUES (%s, %s) "
        f"ON CONFLICT ({key_column}) DO UPDATE SET {value_column} = {table}.{value_column} + %s "
        f"RETURNING {value_column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, by, by])
        return int(cursor.fetchone()[0])


def _bump_then_read(key: str, by: int = 1) -> int:
    """The same for databases without RETURNING (SQLite before 3.35)."""
    with transaction.atomic():
        if not ReferenceCounter.objects.filter(key=key).update(value=F("value") + by):
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(key=key, value=by)
            except IntegrityError:
                # Another transaction created the row first; take the next numbers after theirs.
                ReferenceCounter.objects.filter(key=key).update(value=F("value") + by)
        return ReferenceCounter.objects.get(key=key).value
