"""How fast the reports are at scale: the dashboard and the annual report.

    python -m bench.bench_reports --database-url postgres://postgres@127.0.0.1:5432/redress_x \
        [--generate 1000000] [--runs 5]

With ``--generate N`` the database is first filled by ``bench.generate`` unless it already
holds N cases or more. Targets: a dashboard under 500 ms, the annual report under 10 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from bench.environment import django_for

if TYPE_CHECKING:
    # Only for annotations: the models load after django_for has configured Django.
    from redress.accounts.models import User

DASHBOARD_TARGET_S = 0.5
ANNUAL_TARGET_S = 10.0


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
    return parser.parse_args(argv)


def timed(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """(median, slowest) seconds over ``runs`` runs after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    django_for(args.database_url)
    from django.core.management import call_command

    from redress.cases.models import Case

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
    return run(args.runs)


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


def run(runs: int) -> int:
    from django.db import connection
    from django.utils import timezone

    from redress.cases.models import Case
    from redress.reporting import views
    from redress.reporting.periods import financial_year_of

    officer, manager = _users()
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

    checks = [
        (
            "dashboard, complaints officer, financial year",
            DASHBOARD_TARGET_S,
            dashboard(officer, year=str(year)),
        ),
        (
            f"dashboard, complaints officer, quarter {quarter}",
            DASHBOARD_TARGET_S,
            dashboard(officer, period="quarter", year=str(year), quarter=quarter),
        ),
        (
            "dashboard, manager of one service, financial year",
            DASHBOARD_TARGET_S,
            dashboard(manager, year=str(year)),
        ),
        ("annual report, page", ANNUAL_TARGET_S, annual(year=str(year))),
        ("annual report, DOCX", ANNUAL_TARGET_S, annual(year=str(year), format="docx")),
    ]
    failed = 0
    for name, target, action in checks:
        response = action()
        assert response.status_code == 200, (name, response.status_code)
        median, slowest = timed(runs, action)
        verdict = "ok" if median < target else "TOO SLOW"
        failed += median >= target
        print(
            f"  {name}: median {median * 1000:,.0f} ms, slowest {slowest * 1000:,.0f} ms "
            f"(target {target * 1000:,.0f} ms) {verdict}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
