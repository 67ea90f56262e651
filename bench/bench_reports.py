"""How fast the reports are at scale: the dashboard and the annual report's page, Word
document and PDF, each timed on its own through its view.

    python -m bench.bench_reports --database-url postgres://postgres@127.0.0.1:5432/redress_x \
        [--generate 1000000] [--runs 5] [--only page,docx,pdf]

With ``--generate N`` the database is first filled by ``bench.generate`` unless it already
holds N cases or more. ``--read-only`` measures a database it must not change (no migration,
no bench accounts or access grants created): the readers are then existing accounts, named
with ``--officer`` and ``--manager`` or else the first of each role.

Each check runs once to warm up, then ``--runs`` times; the median (p50), the 95th
percentile (nearest rank) and the load average are printed. The documents are timed twice:
as a reader downloading again gets them (charts already drawn for those figures) and with
every chart drawn afresh, as after the figures change. Targets: a dashboard under 500 ms, the
annual report's page and Word document under 1 s; the PDF has none and is reported.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bench.environment import django_for

if TYPE_CHECKING:
    # Only for annotations: the models load after django_for has configured Django.
    from redress.accounts.models import User

DASHBOARD_TARGET_S = 0.5
PAGE_TARGET_S = 1.0
DOCX_TARGET_S = 1.0
CHECKS = ("dashboard", "page", "docx", "pdf")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--generate", type=int, default=0, help="fill to this many cases first")
    parser.add_argument(
        "--replicate-to",
        type=int,
        default=0,
        help="copy the generated cases and their stages (new ids and references) until the "
        "database holds this many cases: a quicker way to reach scale than generating all",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only",
        default=",".join(CHECKS),
        help=f"comma-separated checks to run, of {', '.join(CHECKS)} (default: all)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="change nothing in the database: no migration, no bench accounts or grants",
    )
    parser.add_argument("--officer", default="", help="username of a complaints officer")
    parser.add_argument("--manager", default="", help="username of a manager")
    args = parser.parse_args(argv)
    chosen = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = sorted(set(chosen) - set(CHECKS))
    if unknown:
        parser.error(f"--only: no such check {', '.join(unknown)}; choose from {', '.join(CHECKS)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.read_only and (args.generate or args.replicate_to):
        parser.error("--read-only cannot be combined with --generate or --replicate-to")
    args.only = chosen
    return args


def timed(
    runs: int, action: Callable[[], object], before: Callable[[], object] | None = None
) -> list[float]:
    """Seconds of each of ``runs`` runs after one warm-up run; ``before`` runs untimed
    before each."""
    action()
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def percentile(times: list[float], share: float) -> float:
    """The nearest-rank percentile: with few runs, p95 is the slowest."""
    ranked = sorted(times)
    return ranked[max(math.ceil(share * len(ranked)) - 1, 0)]


def load_average() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    django_for(args.database_url)
    from django.core.management import call_command

    from redress.cases.models import Case

    if args.read_only:
        return run(args.runs, args.only, _existing_users(args.officer, args.manager))
    call_command("migrate", verbosity=0)
    if args.generate and Case.objects.count() < args.generate:
        from bench import generate

        missing = args.generate - Case.objects.count()
        generate.main(
            ["--cases", str(missing)]
            + (["--database-url", args.database_url] if args.database_url else [])
        )
    if args.replicate_to:
        replicate_to(args.replicate_to)
    return run(args.runs, args.only, _users())


def replicate_to(target: int) -> None:
    """Copy every case and stage with shifted ids until there are ``target`` cases.

    The copies keep the originals' dates, kinds, services and outcomes, so the figures are the
    originals' multiplied; only the volume, which is what the timings depend on, changes.
    """
    from django.db import connection, transaction
    from django.db.models import Max

    from redress.cases.models import Case, CaseStage

    original = Case.objects.count()
    if not original or original >= target:
        return
    max_case = Case.objects.aggregate(m=Max("id"))["m"]
    max_stage = CaseStage.objects.aggregate(m=Max("id"))["m"]
    copies = -(-target // original) - 1
    # Columns whose values move by k times an offset in copy k, so ids never collide.
    case_offsets = {"id": max_case, "current_stage_id": max_stage}
    stage_offsets = {"id": max_stage, "case_id": max_case}
    for k in range(1, copies + 1):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_copy_sql(Case, case_offsets, max_case, k))
            cursor.execute(_copy_sql(CaseStage, stage_offsets, max_stage, k))
        print(f"  copy {k} of {copies} written", flush=True)
    from bench.generate import rebuild_report_figures

    print(f"report figures rebuilt in {rebuild_report_figures():.0f} s")
    # Fresh statistics so the planner knows the tables' new size.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _copy_sql(model, offsets: dict[str, int], max_id: int, k: int) -> str:  # type: ignore[no-untyped-def]
    def value(column: str) -> str:
        if column in offsets:
            return f"{column} + {k * offsets[column]}"
        if column == "reference":
            return f"reference || '-{k}'"
        return column

    columns = [f.column for f in model._meta.concrete_fields]
    table = model._meta.db_table
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT {', '.join(value(c) for c in columns)} FROM {table} WHERE id <= {max_id}"
    )


def _request(user, path: str, params: dict[str, str]):  # type: ignore[no-untyped-def]
    from django.test import RequestFactory

    request = RequestFactory().get(path, params)
    request.user = user
    return request


def _users() -> tuple[User, User]:
    from redress.accounts.models import Role, User
    from redress.cases.models import Case, Service

    officer, _ = User.objects.get_or_create(
        username="bench-reports-officer", defaults={"role": Role.COMPLAINTS_OFFICER}
    )
    manager, created = User.objects.get_or_create(
        username="bench-reports-manager", defaults={"role": Role.MANAGER}
    )
    if created:
        first = Case.objects.order_by("id").values_list("service_id", flat=True).first()
        # With no cases, pk=None matches nothing; the stubs do not allow None here.
        manager.services.set(Service.objects.filter(pk=first))  # type: ignore[misc]
    # Restricted cases are counted live for each reader: give the officer some to count.
    from redress.cases.models import CaseAccessGrant

    restricted = Case.objects.filter(restricted=True).order_by("id")[:100]
    CaseAccessGrant.objects.bulk_create(
        [CaseAccessGrant(case=case, user=officer) for case in restricted], ignore_conflicts=True
    )
    return officer, manager


def _existing_users(officer: str, manager: str) -> tuple[User, User]:
    """Accounts already in the database, by username or else the first of their role."""
    from redress.accounts.models import Role, User

    def found(username: str, role: str, option: str) -> User:
        users = (
            User.objects.filter(username=username)
            if username
            else User.objects.filter(role=role).order_by("id")
        )
        user = users.first()
        if user is None:
            wanted = f"no user {username!r}" if username else f"no {role} in the database"
            raise SystemExit(f"{option}: {wanted}")
        return user

    return (
        found(officer, Role.COMPLAINTS_OFFICER, "--officer"),
        found(manager, Role.MANAGER, "--manager"),
    )


def run(runs: int, only: list[str], users: tuple[User, User]) -> int:
    from django.db import connection
    from django.utils import timezone

    from redress.cases.models import Case
    from redress.reporting import plots, views
    from redress.reporting.periods import financial_year_of

    officer, manager = users
    # The financial year and quarter holding the latest case: where the data is.
    latest = Case.objects.order_by("-received_on").values_list("received_on", flat=True).first()
    latest = latest or timezone.localdate()
    year = financial_year_of(latest)
    quarter = str((latest.month - 4) % 12 // 3 + 1)
    in_year = Case.objects.filter(
        received_on__gte=f"{year}-04-01", received_on__lte=f"{year + 1}-03-31"
    )
    print(
        f"{connection.vendor}: {Case.objects.count():,} cases, {in_year.count():,} received in "
        f"financial year {year}/{year + 1 - 2000}"
    )

    def dashboard(user, **params: str):  # type: ignore[no-untyped-def]
        return lambda: views.dashboard(_request(user, "/reports/", params))

    def annual(**params: str):  # type: ignore[no-untyped-def]
        return lambda: views.annual(_request(officer, "/reports/annual/", params))

    def fresh_charts() -> None:
        # A version that keeps no charts (before they were kept) draws them afresh anyway.
        getattr(plots, "forget_charts", lambda: None)()

    year_only = {"year": str(year)}
    checks: list[tuple[str, str, float | None, Callable[[], Any], Callable[[], object] | None]]
    checks = [
        (
            "dashboard",
            "dashboard, complaints officer, financial year",
            DASHBOARD_TARGET_S,
            dashboard(officer, year=str(year)),
            None,
        ),
        (
            "dashboard",
            f"dashboard, complaints officer, quarter {quarter}",
            DASHBOARD_TARGET_S,
            dashboard(officer, period="quarter", year=str(year), quarter=quarter),
            None,
        ),
        (
            "dashboard",
            "dashboard, manager of one service, financial year",
            DASHBOARD_TARGET_S,
            dashboard(manager, year=str(year)),
            None,
        ),
        ("page", "annual report, page", PAGE_TARGET_S, annual(**year_only), None),
        (
            "docx",
            "annual report, DOCX, charts already drawn",
            DOCX_TARGET_S,
            annual(**year_only, format="docx"),
            None,
        ),
        (
            "docx",
            "annual report, DOCX, charts drawn afresh",
            DOCX_TARGET_S,
            annual(**year_only, format="docx"),
            fresh_charts,
        ),
        (
            "pdf",
            "annual report, PDF, charts already drawn",
            None,
            annual(**year_only, format="pdf"),
            None,
        ),
        (
            "pdf",
            "annual report, PDF, charts drawn afresh",
            None,
            annual(**year_only, format="pdf"),
            fresh_charts,
        ),
    ]
    failed = 0
    for check, name, target, action, before in checks:
        if check not in only:
            continue
        response = action()
        assert response.status_code == 200, (name, response.status_code)
        loaded = load_average()
        times = timed(runs, action, before)
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        verdict = ""
        if target is not None:
            verdict = f" (target {target * 1000:,.0f} ms) " + ("ok" if p50 < target else "TOO SLOW")
            failed += p50 >= target
        print(
            f"  {name}: p50 {p50 * 1000:,.0f} ms, p95 {p95 * 1000:,.0f} ms over {runs} runs"
            f"{verdict}; load average {loaded} before, {load_average()} after",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
