"""Inserting many rows of one model with ``executemany``: the fast path of an import.

Django's ``bulk_create`` prepares every value of every row through its field and, on SQLite,
splits the rows into statements of at most 999 parameters; for 100,000 cases that
preparation is most of an import's time. Here one statement is compiled per batch and sent
with all its rows, the model's defaults are worked out and prepared once per batch (so a
default must not need to differ from row to row, as none of the imported models' do), and
only the columns whose Python values the database driver cannot take as they are (dates,
times, JSON) are converted row by row.

The ids are reserved first (``reserve_ids``), so rows written together can point at each
other (a case at its stage, the stage at its case) without reading anything back; the
foreign keys are checked at commit. As with ``bulk_create``, ``save()`` and signals are not
run; the database's triggers are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from django.db import connection, models

# Field types whose Python values (str, int, bool, float, a related row's id) both drivers
# take unchanged.
TAKEN_AS_THEY_ARE = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "IntegerField",
        "SmallIntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "BooleanField",
        "FloatField",
        "CharField",
        "TextField",
        "EmailField",
        "SlugField",
        "URLField",
        "ForeignKey",
        "OneToOneField",
    }
)

Converter = Callable[[Any], Any]


def _converter(field: models.Field) -> Converter | None:  # type: ignore[type-arg]
    """What a value of this field goes through on its way to the driver, if anything."""
    kind = field.get_internal_type()
    if kind in TAKEN_AS_THEY_ARE:
        return None
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    # Anything else (JSON: text on SQLite, Jsonb on PostgreSQL) as Django saves it.
    return partial(field.get_db_prep_save, connection=connection)


def _defaults(model: type[models.Model]) -> dict[str, Any]:
    """Each column's value when a row does not give one, ready for the database: the
    field's default, or "now" for a time stamped on creation, as saving a new row gives."""
    new = model()
    return {
        field.attname: field.get_db_prep_save(field.pre_save(new, add=True), connection)
        for field in model._meta.concrete_fields
    }


def insert_rows(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows``, each a mapping of field names (``case_id``, not ``case``) to values,
    every row naming the same fields. Give ids from ``reserve_ids`` to point other rows at
    these, or none and the database chooses them. The other columns get their defaults."""
    if not rows:
        return
    by_name = {field.attname: field for field in model._meta.concrete_fields}
    given = list(rows[0])
    unknown = [name for name in given if name not in by_name]
    if unknown:
        raise ValueError(f"{model.__name__} has no field {unknown[0]!r}.")
    defaults = _defaults(model)
    # Columns not given take their defaults; an id not given is the database's to choose.
    pk = model._meta.pk
    defaulted = [
        name for name in by_name if name not in rows[0] and not (pk and name == pk.attname)
    ]
    columns = [by_name[name].column for name in (*given, *defaulted)]
    constant = tuple(defaults[name] for name in defaulted)
    conversions = [
        (index, convert)
        for index, name in enumerate(given)
        if (convert := _converter(by_name[name])) is not None
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 - names from the model
            list(_prepared(model, rows, given, conversions, constant)),
        )


def _prepared(
    model: type[models.Model],
    rows: Iterable[Mapping[str, Any]],
    given: list[str],
    conversions: list[tuple[int, Converter]],
    constant: tuple[Any, ...],
) -> Iterable[tuple[Any, ...]]:
    for number, row in enumerate(rows, start=1):
        try:
            values = [row[name] for name in given]
        except KeyError as error:
            raise ValueError(
                f"{model.__name__} row {number} has no {error.args[0]!r}, which row 1 has."
            ) from None
        if len(row) != len(given):
            extra = next(name for name in row if name not in given)
            raise ValueError(f"{model.__name__} row {number} has {extra!r}, which row 1 has not.")
        for index, convert in conversions:
            values[index] = convert(values[index])
        yield (*values, *constant)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new ids for ``model``'s rows, never used before and not to be given to
    anyone else. Call it inside the transaction that inserts the rows, and insert them before
    reserving more for the same model (on SQLite the next ids follow the highest inserted)."""
    if count <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk
    assert pk is not None  # every concrete model has one
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The table's own sequence: concurrent writers draw other ids from it.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            return _sqlite_ids(cursor, table, pk.column, count)
    raise NotImplementedError(f"Reserving ids needs PostgreSQL or SQLite, not {connection.vendor}.")


def _sqlite_ids(cursor: Any, table: str, column: str, count: int) -> list[int]:
    """The ids after the highest ever used (kept in sqlite_sequence, so an id of a deleted
    row is not used again). Safe because the transaction holds the write lock: Redress's
    SQLite transactions begin IMMEDIATE (settings), so no other writer can insert until it
    ends."""
    immediate = getattr(connection, "transaction_mode", None) == "IMMEDIATE"
    if not (connection.in_atomic_block and immediate):
        raise RuntimeError("Ids can be reserved on SQLite only inside an IMMEDIATE transaction.")
    quoted = connection.ops.quote_name
    cursor.execute(
        f"SELECT max(coalesce((SELECT max({quoted(column)}) FROM {quoted(table)}), 0), "  # noqa: S608 - names from the model
        "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
        [table],
    )
    first = int(cursor.fetchone()[0]) + 1
    return list(range(first, first + count))


@contextmanager
def journals_in_memory() -> Iterator[None]:
    """On SQLite, keep this connection's temporary files in memory while it lasts.

    An insert that fires a trigger (every case and stage notes its report slice) makes
    SQLite keep a statement journal, a temporary file by default, so that the one
    statement can be undone alone; for 100,000 rows those files cost as much as the inserts
    themselves. In memory they are small (each lasts one statement) and cost next to nothing.
    The connection's own setting is put back afterwards. SQLite allows the change only
    outside a transaction: inside one (a caller's), nothing changes."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA temp_store")
        before = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA temp_store = {before}")
