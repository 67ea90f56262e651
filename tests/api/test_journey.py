"""A complaint's whole life through the API, each date checked against the Code's targets.

England and Wales has no bank holiday between September and November 2026, so each date
below is counted by hand in weekdays, day 1 being the first working day after the event.
"""

import pytest

from redress.cases.models import TimelineEvent
from tests.api.conftest import log_body
from tests.factories import UserFactory


@pytest.mark.django_db
def test_a_complaint_from_logging_to_closing(officer_api, housing):
    UserFactory(username="ines", role="investigator")
    logged = officer_api.post(
        "/cases",
        log_body(received_at="2026-09-01T14:00:00+01:00"),  # Tuesday
    )
    assert logged.status_code == 201
    ref = logged.json()["reference"]
    stage1 = logged.json()["stages"][0]
    assert stage1["acknowledge_due"] == "2026-09-08"  # 5 WD: 2, 3, 4, 7, 8 September
    # Before acknowledgement the answer is due 10 WD after the last day to acknowledge.
    assert stage1["response_due"] == "2026-09-22"

    acked = officer_api.post(f"/cases/{ref}/acknowledge", {"on": "2026-09-03"}).json()
    # 10 WD from Thursday 3 September: 4, 7-11, 14-17.
    assert acked["stages"][0]["response_due"] == "2026-09-17"
    assert acked["next_due_on"] == "2026-09-17"

    too_long = officer_api.post(
        f"/cases/{ref}/extend", {"by": {"amount": 11, "unit": "working_days"}, "reason": "r"}
    )
    assert too_long.status_code == 422  # the Code allows at most 10 WD more

    extended = officer_api.post(
        f"/cases/{ref}/extend",
        {"by": {"amount": 10, "unit": "working_days"}, "reason": "Waiting for the surveyor"},
    ).json()
    assert extended["stages"][0]["extended_to"] == "2026-10-01"  # 10 WD after the 17th
    assert extended["next_due_on"] == "2026-10-01"

    answered = officer_api.post(
        f"/cases/{ref}/respond", {"on": "2026-09-30", "outcome": "partly_upheld"}
    ).json()
    assert answered["status"] == "responded"
    assert answered["outcome"] == "partly_upheld"
    assert answered["next_due_on"] is None

    escalated = officer_api.post(f"/cases/{ref}/escalate", {"requested_on": "2026-10-05"}).json()
    assert escalated["status"] == "open"
    assert escalated["current_stage"] == "stage2"
    stage2 = escalated["stages"][1]
    assert stage2["opened_on"] == "2026-10-05"
    assert stage2["acknowledge_due"] == "2026-10-12"  # 5 WD: 6-9, 12 October
    assert escalated["stages"][0]["responded_on"] == "2026-09-30"

    assigned = officer_api.post(f"/cases/{ref}/assign", {"handler": "ines"}).json()
    assert assigned["handler"] == "ines"

    acked2 = officer_api.post(f"/cases/{ref}/acknowledge", {"on": "2026-10-07"}).json()
    # 20 WD from Wednesday 7 October: 8, 9, 12-16, 19-23, 26-30 October, 2-4 November.
    assert acked2["stages"][1]["response_due"] == "2026-11-04"

    final = officer_api.post(f"/cases/{ref}/respond", {"on": "2026-11-03", "outcome": "upheld"})
    assert final.json()["outcome"] == "upheld"

    beyond = officer_api.post(f"/cases/{ref}/escalate", {"requested_on": "2026-11-04"})
    assert beyond.status_code == 409
    assert "Ombudsman" in beyond.json()["detail"]

    closed = officer_api.post(f"/cases/{ref}/close").json()
    assert closed["status"] == "closed"
    assert closed["closed_on"] is not None

    kinds = list(
        TimelineEvent.objects.filter(case__reference=ref)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "logged",
        "acknowledged",
        "extended",
        "responded",
        "escalated",
        "assigned",
        "acknowledged",
        "responded",
        "closed",
    ]
    detail = officer_api.get(f"/cases/{ref}").json()
    assert [s["outcome"] for s in detail["stages"]] == ["partly_upheld", "upheld"]
