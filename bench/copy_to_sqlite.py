"""Copy a generated PostgreSQL benchmark database into SQLite, row for row.

    python -m bench.copy_to_sqlite --from postgres://postgres@127.0.0.1:5432/x --to sqlite:////tmp/x.sqlite3

Benchmarking both databases on the very same rows makes their figures comparable, and
copying is much cheaper than planning a million cases a second time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import cast

from bench.environment import django_for

APPS = ("accounts", "calendars", "procedures", "cases", "demo")
CHUNK = 50_000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", required=True, help="PostgreSQL URL")
    parser.add_argument("--to", dest="target", required=True, help="SQLite URL")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not args.target.startswith("sqlite:"):
        raise SystemExit("--to must name a SQLite database")
    django_for(args.target)
    import psycopg
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.bulk import _bulk_mode, _sqlite_value

    call_command("migrate", verbosity=0)
    tables = [
        model._meta.db_table
        for label in APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    started = time.monotonic()
    with psycopg.connect(args.source) as source, _bulk_mode():
        raw = connection.connection
        present = {row[0] for row in source.execute("SELECT tablename FROM pg_tables")}
        for table in [t for t in tables if t in present]:
            with transaction.atomic():
                raw.execute(f"DELETE FROM {table}")
                with source.cursor(name=f"copy_{table}") as rows:
                    rows.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
                    copied = 0
                    while batch := rows.fetchmany(CHUNK):
                        # The description is set once the query has run.
                        columns = [d.name for d in cast("list[psycopg.Column]", rows.description)]
                        marks = ", ".join("?" for _ in columns)
                        raw.executemany(
                            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                            (
                                [
                                    json.dumps(v)
                                    if isinstance(v, dict | list)
                                    else _sqlite_value(v)
                                    for v in row
                                ]
                                for row in batch
                            ),
                        )
                        copied += len(batch)
            print(f"  {table}: {copied:,} rows", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"copied in {time.monotonic() - started:.0f} s")
    from bench.generate import rebuild_report_figures

    print(f"report figures rebuilt in {rebuild_report_figures():.0f} s")


if __name__ == "__main__":
    main()
