"""Server time of the staff pages My work and Find cases, signed in as a complaints officer and
as a service responder, against a large database; prints p50 and p95 per page.

    python -m bench.bench_staff --database-url postgres://postgres@127.0.0.1:5432/redress_bench_1m
    python -m bench.bench_staff --database-url sqlite:////path/to/bench.sqlite3

Each request goes through Django's test client: URL routing, middleware, session and user
loading, the view's queries and the template, everything but the network. Each page is
fetched a few times to warm the caches, then timed ``--repeat`` times. Signing in stores one
session row in the database. Target: p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any

from bench.environment import django_for

TARGET_MS = 100.0
USERS = ("officer", "responder")


@dataclass
class Timing:
    page: str
    user: str
    queries: int
    p50: float
    p95: float

    @property
    def verdict(self) -> str:
        return "yes" if self.p95 < TARGET_MS else "NO"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    return parser.parse_args(argv)


def pages(service_id: int) -> list[tuple[str, str]]:
    find = f"/casework/cases/?service={service_id}&status=open"
    return [
        ("My work", "/casework/"),
        ("Find cases: Housing, open, page 1", find),
        ("Find cases: Housing, open, page 100", f"{find}&page=100"),
    ]


def time_page(client: Any, url: str, *, repeat: int, warmup: int) -> tuple[int, float, float]:
    from django.db import connection

    for _ in range(warmup):
        _fetch(client, url)
    # Counted by a wrapper, since the test client clears connection.queries on each request.
    executed: list[str] = []

    def count(run: Any, sql: str, *rest: Any) -> Any:
        executed.append(sql)
        return run(sql, *rest)

    with connection.execute_wrapper(count):
        _fetch(client, url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        _fetch(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(timings, n=20, method="inclusive")
    return len(executed), statistics.median(timings), cuts[18]


def _fetch(client: Any, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    response.content  # noqa: B018 - render the whole body, as a server would send it


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Timing with DEBUG on would include Django recording every query for the debug page.
    os.environ.setdefault("DEBUG", "0")
    django_for(args.database_url)
    from django.db import connection
    from django.test import Client

    from redress.accounts.models import User
    from redress.cases.models import Service

    housing = Service.objects.get(name="Housing")
    results = []
    for username in USERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name, url in pages(housing.pk):
            queries, p50, p95 = time_page(client, url, repeat=args.repeat, warmup=args.warmup)
            results.append(Timing(name, username, queries, p50, p95))
            print(f"{name:<38} {username:<10} queries {queries:>3}  p50 {p50:7.1f}  p95 {p95:7.1f}")
    print(_markdown(results, connection.vendor))


def _markdown(results: list[Timing], vendor: str) -> str:
    lines = [
        f"\n{vendor}: server time per page in ms",
        "",
        "| page | as | queries | p50 ms | p95 ms | under 100 ms |",
        "|---|---|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.page} | {r.user} | {r.queries} | {r.p50:.1f} | {r.p95:.1f} | {r.verdict} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
