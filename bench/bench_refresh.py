"""How long the figures store takes to catch up after changes: ``python -m bench.bench_refresh
--database-url … [--changed 1,100] [--runs 3]``.

Each run notes the (day received, service) slices of that many cases chosen at random across
the whole history, as the database triggers would after those cases changed, and times
``rollup.refresh``. The cases themselves are not changed, so the figures recounted are the
same and the database is left as it was. Run it on a database ``bench.generate`` filled.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from bench.environment import django_for


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--changed", default="1,100", help="cases changed, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    args.changed = [int(n) for n in args.changed.split(",") if n.strip()]
    if args.runs < 1 or not args.changed or min(args.changed) < 1:
        parser.error("--runs and every --changed must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    django_for(args.database_url)
    from django.db import connection
    from django.db.models import Max

    from redress.cases.models import Case
    from redress.reporting.models import ChangedSlice
    from redress.reporting.rollup import refresh

    refresh()  # start from a store that is up to date
    top = Case.objects.aggregate(top=Max("id"))["top"] or 0
    if not top:
        raise SystemExit("no cases: fill the database with bench.generate first")
    chooser = random.Random(2026)
    print(f"{connection.vendor}: {Case.objects.count():,} cases")
    for changed in args.changed:
        times = []
        for _ in range(args.runs):
            ids = [chooser.randint(1, top) for _ in range(changed * 2)]
            slices = set(
                Case.objects.filter(pk__in=ids).values_list("received_on", "service_id")[:changed]
            )
            ChangedSlice.objects.bulk_create(
                ChangedSlice(received_on=day, service_id=service) for day, service in slices
            )
            started = time.perf_counter()
            rebuilt = refresh()
            times.append(time.perf_counter() - started)
        print(
            f"  {changed:,} changed cases ({rebuilt:,} slices): median "
            f"{statistics.median(times) * 1000:,.0f} ms, slowest {max(times) * 1000:,.0f} ms "
            f"over {args.runs} runs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
