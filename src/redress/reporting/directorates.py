"""Figures grouped by directorate: the per-service counts summed over each directorate's
service areas. Service areas in no directorate are counted under "No directorate"."""

from __future__ import annotations

from collections import defaultdict

from redress.cases.kinds import Kind
from redress.cases.models import Service
from redress.reporting.content import Section, Table
from redress.reporting.figures import Figures

NO_DIRECTORATE = "No directorate"


def by_directorate(rows: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """(slug, name, count) per directorate, busiest first, from (slug, name, count) per
    service area as ``Figures.received_by_service`` gives them: one query for the lookup."""
    slugs = [slug for slug, _, _ in rows]
    homes = {
        slug: (d_slug or "", d_name or NO_DIRECTORATE)
        for slug, d_slug, d_name in Service.objects.filter(slug__in=slugs).values_list(
            "slug", "directorate__slug", "directorate__name"
        )
    }
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for slug, _, n in rows:
        totals[homes.get(slug, ("", NO_DIRECTORATE))] += n
    found = [(slug, name, n) for (slug, name), n in totals.items()]
    return sorted(found, key=lambda row: (-row[2], row[1]))


def directorates_section(figures: Figures) -> Section:
    rows = by_directorate(figures.received_by_service(Kind.COMPLAINT))
    return Section(
        heading="Complaints by directorate",
        tables=[
            Table(
                "Complaints by directorate",
                ["Directorate", "Complaints"],
                [[name, str(n)] for _, name, n in rows],
            )
        ],
    )
