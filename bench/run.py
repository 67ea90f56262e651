"""Time the queries the staff pages and the API make, as a complaints officer and as a service
responder, and print p50 and p95 per query.

    python -m bench.run --database-url postgres://postgres@127.0.0.1:5432/redress_bench_1m
    python -m bench.run --database-url sqlite:////path/to/bench.sqlite3 --explain

Every read goes through ``cases_visible_to``, as the product's do. Each query is run a few
times to warm the cache (a busy server's cache is warm), then timed ``--repeat`` times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.environment import django_for

PAGE_SIZE = 50
TARGET_MS = 50.0


@dataclass
class Result:
    name: str
    user: str
    rows: int
    p50: float
    p95: float

    @property
    def verdict(self) -> str:
        return "yes" if self.p95 < TARGET_MS else "NO"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--explain", action="store_true", help="print each query's plan")
    return parser.parse_args(argv)


def measure(run: Callable[[], int], *, repeat: int, warmup: int) -> tuple[int, float, float]:
    rows = 0
    for _ in range(warmup):
        rows = run()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        timings.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(timings, n=20, method="inclusive")
    return rows, statistics.median(timings), cuts[18]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    django_for(args.database_url)
    from django.db import connection

    from bench.queries import scenarios

    results = []
    for name, username, build in scenarios():
        run, queryset = build()
        if args.explain and queryset is not None:
            print(f"\n### {name} ({username})\n{queryset.explain()}")
        rows, p50, p95 = measure(run, repeat=args.repeat, warmup=args.warmup)
        results.append(Result(name, username, rows, p50, p95))
        print(f"{name:<40} {username:<11} rows {rows:>4}  p50 {p50:7.2f} ms  p95 {p95:7.2f} ms")
    print(_markdown(results, connection.vendor))


def _markdown(results: list[Result], vendor: str) -> str:
    lines = [
        f"\n{vendor}: p50 and p95 in ms over the timed runs",
        "",
        "| query | as | rows | p50 ms | p95 ms | under 50 ms |",
        "|---|---|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.user} | {r.rows} | {r.p50:.1f} | {r.p95:.1f} | {r.verdict} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
