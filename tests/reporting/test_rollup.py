"""The recount of the figures store: many slices recounted together (a year of days for all
their services at once, in grouped INSERT ... SELECT statements) give the rows that recounting
them one at a time gives, and recounting slices that did not change leaves them as they were."""

from __future__ import annotations

import pytest

from redress.cases.models import Case
from redress.reporting import rollup
from redress.reporting.models import CaseCount, Grain, StageCount, WaitingCount
from tests.reporting.conftest import d

pytestmark = pytest.mark.django_db


def _store() -> dict[str, list[tuple]]:
    """Every row of the store, without its id, in a stable order."""
    return {
        model.__name__: sorted(
            tuple(row.values())
            for row in model.objects.values(
                *[field.attname for field in model._meta.concrete_fields if field.name != "id"]
            )
        )
        for model in (CaseCount, StageCount, WaitingCount)
    }


def _every_slice() -> set[rollup.Slice]:
    return set(Case.objects.order_by().values_list("received_on", "service_id").distinct())


def test_slices_recounted_together_match_slices_recounted_one_at_a_time(dataset):
    rollup.refresh()
    together = _store()
    assert all(together.values())  # cases, stages and something waiting
    for model in rollup.STORE:
        model.objects.all().delete()
    for one in sorted(_every_slice()):
        rollup.rebuild({one})
    assert _store() == together


def test_recounting_slices_that_did_not_change_leaves_them_as_they_were(dataset):
    rollup.refresh()
    before = _store()
    # Two slices far apart in two services: each day is recounted for both services, so
    # slices nobody noted are recounted too, and must come out as they were.
    k, c = dataset.cases["K"], dataset.cases["C"]
    assert k.service_id != c.service_id
    rollup.rebuild({(k.received_on, k.service_id), (c.received_on, c.service_id)})
    assert _store() == before
    # A day and service with no cases at all leaves nothing behind.
    rollup.rebuild({(d("2019-01-07"), dataset.parks.pk)})
    assert _store() == before


COLUMNS = ("starts_on", "service_id", "kind", "procedure_id", "value", "cases")


def test_month_rows_are_the_sums_of_their_day_rows(dataset):
    rollup.refresh()
    for facet in ("status", "channel", "outcome"):
        days = CaseCount.objects.filter(grain=Grain.DAY, facet=facet)
        months = CaseCount.objects.filter(grain=Grain.MONTH, facet=facet)
        summed: dict[tuple, int] = {}
        for starts_on, *where, cases in days.values_list(*COLUMNS):
            key = (starts_on.replace(day=1), *where)
            summed[key] = summed.get(key, 0) + cases
        stored = {
            (starts_on, *where): cases for starts_on, *where, cases in months.values_list(*COLUMNS)
        }
        assert stored == summed, facet
        assert sum(stored.values()) == len(dataset.cases)


def test_a_recount_covers_exactly_the_slices_noted_each_service_in_one_go(dataset, monkeypatch):
    recounted: list[tuple[list, set]] = []
    real = rollup._rebuild_days

    def counting(days, services):
        recounted.append((list(days), set(services)))
        real(days, services)

    monkeypatch.setattr(rollup, "_rebuild_days", counting)
    rollup.rebuild_everything()
    covered = [
        (day, service) for days, services in recounted for day in days for service in services
    ]
    # Every slice once, and none that was not noted.
    assert sorted(covered) == sorted(set(_every_slice()))
    # The dataset's cases span 2025 and 2026 over two services: one recount for each.
    assert sorted(len(services) for _, services in recounted) == [1, 1]


def test_scattered_changes_recount_only_their_own_slices(dataset, monkeypatch):
    rollup.refresh()
    slices = sorted(set(_every_slice()))
    # Two slices on different days of different services: recounting both days for both
    # services would recount two slices that did not change.
    first_day, first_service = slices[0]
    last_day, last_service = next(
        (day, service) for day, service in slices if day != first_day and service != first_service
    )
    recounted: list[tuple[int, int]] = []
    real = rollup._rebuild_days

    def counting(days, services):
        recounted.extend((day, service) for day in days for service in services)
        real(days, services)

    monkeypatch.setattr(rollup, "_rebuild_days", counting)
    rollup.rebuild({(first_day, first_service), (last_day, last_service)})
    assert sorted(recounted) == sorted({(first_day, first_service), (last_day, last_service)})
