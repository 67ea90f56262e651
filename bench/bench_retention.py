"""Retention at scale: how long preparing a report takes, what the report page's queries cost,
the plan of the due query, the first batch of people applying takes, and the cost of applying
it per case.

    python -m bench.bench_retention --database-url postgres://… --years 1 --apply 200

It adds (or changes) a rule for complaints on the database it is pointed at, prepares a real
report, and anonymises the cases of the first ``--apply`` people in it: use a bench database.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import groupby, islice

from bench.environment import django_for


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--years", type=int, default=1, help="the complaints rule's years")
    parser.add_argument("--apply", type=int, default=200, help="people to anonymise")
    return parser.parse_args(argv)


def timed(label: str, run):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    result = run()
    print(f"{label}: {(time.monotonic() - started) * 1000:,.0f} ms")
    return result


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    django_for(args.database_url)
    from django.db.models import Count
    from django.test import RequestFactory

    from redress.accounts.models import Role, User
    from redress.cases.models import Case
    from redress.core import clock
    from redress.privacy import retention
    from redress.privacy.models import ItemState, RetentionItem, RetentionRule
    from redress.privacy.views import retention as views

    print(f"{Case.objects.count():,} cases")
    rule, _ = RetentionRule.objects.update_or_create(
        kind="complaint", outcome="", defaults={"years": args.years}
    )
    due = retention.due_for(rule, clock.today())
    print("plan of the due query:")
    print("  " + due.values("pk").explain().replace("\n", "\n  "))
    report = timed("prepare the report", lambda: retention.report_prepare(by=None))
    items = RetentionItem.objects.filter(report=report)
    print(f"{items.count():,} cases due, by state and scope:")
    for row in items.values("state", "scope").annotate(n=Count("pk")).order_by("state", "scope"):
        print(f"  {row['state']} {row['scope']}: {row['n']:,}")
    admin = User.objects.filter(role=Role.ADMINISTRATOR).first() or User.objects.create(
        username="bench-admin", role=Role.ADMINISTRATOR
    )
    request = RequestFactory().get("/")
    request.user = admin
    visible = views._visible_items(request, report)
    timed("report page: counts by rule", lambda: views._counts(visible))
    timed("report page: first page", lambda: list(visible.select_related("case")[:51]))
    timed("report page: others", lambda: report.items.count() - visible.count())
    timed("CSV, first 10,000 rows", lambda: list(islice(views._csv_rows(visible), 10_000)))
    timed("sample: first 5 due under each rule", lambda: retention.report_sample(report, 5))
    due_items = items.filter(state=ItemState.DUE)
    timed(
        "applying: the first batch of people",
        lambda: next(retention._people_in_batches(due_items), []),
    )
    rows = (
        items.filter(state=ItemState.DUE)
        .select_related("case", "rule")
        .order_by("case__person_id", "case_id")
    )
    groups = [
        list(g) for _, g in islice(groupby(rows[:5000], lambda i: i.case.person_id), args.apply)
    ]
    cases = sum(len(g) for g in groups)
    started = time.monotonic()
    for group in groups:
        retention._apply_person(report, group)
    spent = time.monotonic() - started
    each = spent * 1000 / max(cases, 1)
    print(f"applied {cases:,} cases of {len(groups):,} people: {each:,.1f} ms a case")


if __name__ == "__main__":
    main()
