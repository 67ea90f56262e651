"""A small set of cases with known dates, built through the service functions.

The expected figures in the tests are worked out by hand from the comments below. Working days
are England and Wales: Good Friday 3 April 2026, Easter Monday 6 April, early May bank holiday
4 May, spring bank holiday 25 May, summer bank holiday 31 August 2026.

Code procedure (complaints): acknowledge within 5 WD of receipt, respond within 10 WD of the
acknowledgement, extend by up to 10 WD; stage 2 the same with 20 WD.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from redress.accounts.models import Role
from redress.calendars.clock import LONDON, Duration, Unit
from redress.cases.models import Case
from redress.cases.services import (
    case_acknowledge,
    case_close,
    case_escalate,
    case_extend,
    case_refuse,
    case_reopen,
    case_respond,
    case_withdraw,
)
from tests.factories import ServiceFactory, UserFactory, make_case


def at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10, 0), tzinfo=LONDON)


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


@dataclass
class Dataset:
    housing: object
    parks: object
    cases: dict[str, Case]


def _ack(case: Case, day: str) -> Case:
    return case_acknowledge(case=case, by=None, on=d(day))


def _respond(case: Case, day: str, outcome: str) -> Case:
    return case_respond(case=case, by=None, on=d(day), outcome=outcome)


@pytest.fixture
def dataset(db) -> Dataset:
    housing = ServiceFactory(name="Housing", slug="housing", is_housing=True)
    parks = ServiceFactory(name="Parks", slug="parks")
    cases: dict[str, Case] = {}

    # K: first day of financial year 2025/26; acknowledged in time, answered in time.
    k = make_case(service=housing, received_at=at("2025-04-01"), channel="phone")
    _ack(k, "2025-04-02")
    cases["K"] = _respond(k, "2025-04-10", "not_upheld")

    # A: last day of 2025/26 (and of its Q4). Acknowledgement due 9 April 2026 (Easter);
    # acknowledged 2 April, so response due 10 WD later, 17 April; answered 17 April: in time.
    a = make_case(service=housing, received_at=at("2026-03-31"))
    _ack(a, "2026-04-02")
    cases["A"] = _respond(a, "2026-04-17", "upheld")

    # B: first day of 2026/27 and its Q1. Acknowledgement due 10 April; acknowledged late on
    # 15 April; response due 29 April; extended by 5 WD to 7 May; answered 1 May: late against
    # the original date, in time against the extended one. Escalated on 5 May; stage 2
    # acknowledged 6 May (in time), answered 1 June (due 10 WD + ... well within 20 WD).
    b = make_case(service=housing, received_at=at("2026-04-01"), channel="web")
    _ack(b, "2026-04-15")
    case_extend(
        case=b,
        by=None,
        reason="Waiting for the contractor's report",
        extend_by=Duration(5, Unit.WORKING_DAYS),
    )
    _respond(b, "2026-05-01", "partly_upheld")
    case_escalate(case=b, by=None, requested_on=d("2026-05-05"))
    _ack(b, "2026-05-06")
    cases["B"] = _respond(b, "2026-06-01", "not_upheld")

    # C: last day of Q1 (30 June), parks; acknowledged next day; withdrawn.
    c = make_case(service=parks, received_at=at("2026-06-30"))
    _ack(c, "2026-07-01")
    cases["C"] = case_withdraw(case=c, by=None, reason="Sorted out")

    # D: first day of Q2, housing; not accepted (raised too late).
    d_case = make_case(service=housing, received_at=at("2026-07-01"), channel="letter")
    cases["D"] = case_refuse(case=d_case, by=None, reason="over_12_months")

    # E: housing, answered partly upheld, closed, then reopened: open again with no outcome.
    e = make_case(service=housing, received_at=at("2026-05-11"))
    _ack(e, "2026-05-12")
    _respond(e, "2026-05-20", "partly_upheld")
    case_close(case=e, by=None)
    cases["E"] = case_reopen(case=e, by=None, reason="New evidence about the repair")

    # F: parks, received 3 August, never acknowledged: overdue now.
    cases["F"] = make_case(service=parks, received_at=at("2026-08-03"))

    # G: a compliment (acknowledgement only), housing, acknowledged in time.
    g = make_case(kind="compliment", service=housing, received_at=at("2026-04-10"))
    cases["G"] = _ack(g, "2026-04-13")

    # H: an FOI request received 20 April, answered 5 May: well within 20 WD.
    h = make_case(kind="foi_request", service=housing, received_at=at("2026-04-20"))
    cases["H"] = _respond(h, "2026-05-05", "resolved")

    # I: early-resolution procedure; answered at the early stage and closed: resolved early.
    i = make_case(service=housing, received_at=at("2026-09-01"), procedure="early-resolution")
    _ack(i, "2026-09-01")
    _respond(i, "2026-09-03", "upheld")
    cases["I"] = case_close(case=i, by=None)

    # J: early-resolution procedure; answered early, then escalated to stage 1 (still open).
    j = make_case(service=housing, received_at=at("2026-09-02"), procedure="early-resolution")
    _ack(j, "2026-09-02")
    _respond(j, "2026-09-03", "not_upheld")
    cases["J"] = case_escalate(case=j, by=None, requested_on=d("2026-09-04"))

    for case in cases.values():
        case.refresh_from_db()
    return Dataset(housing=housing, parks=parks, cases=cases)


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def parks_manager(dataset):
    return UserFactory(role=Role.MANAGER, services=[dataset.parks])


@pytest.fixture
def today() -> dt.date:
    return d("2026-11-22")
