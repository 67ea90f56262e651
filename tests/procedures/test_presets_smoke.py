import datetime as dt

import pytest

from redress.calendars.clock import LONDON
from redress.procedures.models import Procedure
from tests.factories import make_case


@pytest.mark.django_db
def test_every_preset_is_loaded_with_a_first_version():
    slugs = set(Procedure.objects.values_list("slug", flat=True))
    assert {
        "complaint-handling-code-2024",
        "childrens-social-care",
        "adult-social-care",
        "foi",
    } <= slugs
    assert all(p.versions.count() == 1 for p in Procedure.objects.all())


@pytest.mark.django_db
def test_a_code_complaint_received_before_christmas_is_acknowledged_by_new_years_eve():
    case = make_case(received_at=dt.datetime(2024, 12, 20, 15, 0, tzinfo=LONDON))
    assert case.reference.startswith("CMP-2024-")
    assert case.current_stage.acknowledge_due == dt.date(2024, 12, 31)
