"""The report figures after an import are those counted live over the imported cases."""

import datetime as dt
import random

import pytest

from redress.accounts.models import Role
from redress.reporting.models import ChangedSlice
from redress.reporting.periods import financial_year
from tests.factories import UserFactory
from tests.imports.helpers import row, run, write_csv
from tests.reporting.test_figures import assert_same

pytestmark = pytest.mark.django_db


def _rows(count: int) -> list[dict[str, str]]:
    rng = random.Random(5)
    rows = []
    for number in range(count):
        received = dt.date(2021, 4, 1) + dt.timedelta(days=rng.randrange(2 * 365))
        closed = rng.random() < 0.7
        answered = received + dt.timedelta(days=rng.randrange(2, 30))
        values = {
            "received_on": received.isoformat(),
            "service": rng.choice(["Housing", "Waste and recycling"]),
            "channel": rng.choice(["Email", "Phone", "Letter"]),
            "stage": rng.choice(["Stage 1", "Stage 2"]),
            "acknowledged_on": (received + dt.timedelta(days=rng.randrange(1, 6))).isoformat(),
            "responded_on": answered.isoformat() if closed else "",
            "outcome": rng.choice(["Upheld", "Not upheld", "Partly upheld"]) if closed else "",
            "closed_on": (answered + dt.timedelta(days=1)).isoformat() if closed else "",
        }
        rows.append(row(f"FIG/{number}", **values))
    return rows


def test_the_figures_after_an_import_match_the_cases(tmp_path, housing, waste):
    assert run(str(write_csv(tmp_path / "cases.csv", _rows(60))))[0] == 0
    assert not ChangedSlice.objects.exists()
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    today = dt.date(2023, 6, 1)
    for year in (2021, 2022):
        assert_same(officer, financial_year(year), today)
        assert_same(officer, financial_year(year), today, service=waste)
