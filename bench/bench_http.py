"""Staff pages and API calls timed over HTTP, each beside a bare Django view serving the
same rows, in the same run.

    .venv/bin/python -m bench.bench_http --database-url postgres://postgres@127.0.0.1:5432/x

Starts gunicorn (one sync worker, DEBUG off) on the given database with ``bench.http_settings``
(the product plus the bare views and a ``Server-Timing`` header), signs in as ``--username``,
makes a read-only API token for them, and then, ``--repeat`` times over, requests each page
and straight after it its bare twin, one request at a time. The client time is the whole
HTTP round trip on this machine; the server time is the app's own (middleware, view,
template), from ``Server-Timing``. Targets: a common-word search and "damp bedroom" under
100 ms p95; Find cases within 6× and the API list within 3× of their bare views; every list
and the case detail under 50 ms p95 server time.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.environment import django_for
from bench.load import Person

ROOT = Path(__file__).resolve().parent.parent
SERVER_TIMING = re.compile(r"app;dur=([\d.]+)")


@dataclass
class Target:
    name: str
    path: str
    bare: str | None = None
    api: bool = False
    client: list[float] = field(default_factory=list)
    server: list[float] = field(default_factory=list)
    bare_client: list[float] = field(default_factory=list)
    bare_server: list[float] = field(default_factory=list)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--port", type=int, default=8170)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--username", default="officer")
    parser.add_argument("--password", default="demo-redress-2026")
    return parser.parse_args(argv)


def prepare(username: str) -> tuple[str, list[Target]]:
    """An API token for the user, and the pages to time, built from the data."""
    from redress.accounts.models import User
    from redress.accounts.services import api_token_create
    from redress.cases.models import Case, Service

    user = User.objects.get(username=username)
    _, token = api_token_create(user=user, read_only=True)
    housing = Service.objects.get(slug="housing")
    sample = Case.objects.filter(service=housing, status="open").order_by("id").first()
    assert sample is not None, "no open Housing case to open"
    open_housing = urllib.parse.urlencode({"service": housing.pk, "status": "open"})
    targets = [
        Target(
            "Find cases: Housing, open, page 1",
            f"/casework/cases/?{open_housing}",
            "/bench/bare/cases/?service=housing",
        ),
        Target("Find cases: Housing, open, page 100", f"/casework/cases/?{open_housing}&page=100"),
        Target("Find cases: everything, page 1", "/casework/cases/"),
        Target("search: damp bedroom", "/casework/cases/?q=damp+bedroom"),
        Target("search: common word (back)", "/casework/cases/?q=back"),
        Target("search: common word (the)", "/casework/cases/?q=the"),
        Target("search: surname (Reeves)", "/casework/cases/?q=Reeves"),
        Target("case detail", f"/casework/cases/{sample.reference}/"),
        Target("My work", "/casework/"),
        Target("remedies and actions overdue", "/casework/overdue/"),
        Target(
            "API: case list, Housing, open, 50",
            "/api/v1/cases?service=housing&status=open&limit=50",
            "/bench/bare/api/cases?service=housing",
            api=True,
        ),
        Target("API: case detail", f"/api/v1/cases/{sample.reference}", api=True),
    ]
    return token, targets


def start_server(port: int, database_url: str | None) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.http_settings",
        "DEBUG": "0",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "redress.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def timed(person: Person, path: str, token: str | None) -> tuple[float, float]:
    request = urllib.request.Request(person.base_url + path)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    started = time.perf_counter()
    with person.opener.open(request, timeout=30) as response:
        response.read()
        header = response.headers.get("Server-Timing", "")
        assert response.status == 200, (path, response.status)
    client = (time.perf_counter() - started) * 1000
    match = SERVER_TIMING.search(header)
    return client, float(match.group(1)) if match else float("nan")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def run(person: Person, token: str, targets: list[Target], repeat: int, warmup: int) -> None:
    for round_number in range(warmup + repeat):
        for target in targets:
            auth = token if target.api else None
            client, server = timed(person, target.path, auth)
            bare = timed(person, target.bare, auth) if target.bare else None
            if round_number < warmup:
                continue
            target.client.append(client)
            target.server.append(server)
            if bare:
                target.bare_client.append(bare[0])
                target.bare_server.append(bare[1])


def report(targets: list[Target], vendor: str) -> None:
    print(f"\n{vendor}, load average {os.getloadavg()[0]:.1f} at the end\n")
    print(
        "| page | client p50 ms | client p95 ms | server p50 ms | server p95 ms "
        "| bare client p50 / p95 ms | × bare (p50) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for t in targets:
        bare = (
            f"{statistics.median(t.bare_client):.1f} / {p95(t.bare_client):.1f}"
            if t.bare_client
            else ""
        )
        ratio = (
            f"{statistics.median(t.client) / statistics.median(t.bare_client):.1f}×"
            if t.bare_client
            else ""
        )
        print(
            f"| {t.name} | {statistics.median(t.client):.1f} | {p95(t.client):.1f} | "
            f"{statistics.median(t.server):.1f} | {p95(t.server):.1f} | {bare} | {ratio} |"
        )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    django_for(args.database_url)
    from django.db import connection

    token, targets = prepare(args.username)
    vendor = connection.vendor
    connection.close()
    server = start_server(args.port, args.database_url)
    try:
        person = Person(f"http://127.0.0.1:{args.port}", args.username, args.password, 30.0)
        if not person.sign_in():
            raise SystemExit(f"could not sign in as {args.username}")
        run(person, token, targets, args.repeat, args.warmup)
    finally:
        server.terminate()
        server.wait()
    report(targets, vendor)


if __name__ == "__main__":
    main()
