"""Checking one row: every problem with it named by column, or the case it describes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from redress.cases.kinds import Kind, Outcome, Status, response_outcomes_for
from redress.cases.models import Category, Service
from redress.core.dates import long_date
from redress.imports.lookups import Applies, Lookups
from redress.imports.values import CHANNELS, KINDS, OUTCOMES, normal, parse_date
from redress.procedures.definitions import StageDefinition

STAGE_NUMBER = re.compile(r"^(?:stage\s*)?(\d{1,2})$")
CLOSING_OUTCOMES = (Outcome.WITHDRAWN, Outcome.NOT_ACCEPTED)
LIMITS = {
    "legacy_reference": 60,
    "person_name": 200,
    "phone": 40,
    "summary": 200,
    "email": 254,
}
DATES = ("acknowledged_on", "responded_on", "closed_on")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    reason: str


@dataclass
class CaseRow:
    """A row that can be imported, read into the values a case is written from."""

    row: int
    legacy_reference: str
    kind: str
    received_on: dt.date
    channel: str
    service: Service
    category: Category | None
    person: dict[str, str]
    summary: str
    description: str
    outcome_sought: str
    applies: Applies
    stage_number: int
    stage: StageDefinition
    acknowledged_on: dt.date | None
    responded_on: dt.date | None
    outcome: str
    closed_on: dt.date | None

    @property
    def status(self) -> str:
        if self.closed_on:
            return Status.CLOSED
        return Status.RESPONDED if self.responded_on else Status.OPEN


def find_stage(definition: Any, text: str) -> tuple[int, StageDefinition] | None:
    """A stage by key, by name ("Stage 2: investigation" or just "Stage 2") or by number."""
    stages = list(definition.stages)
    if not text.strip():
        return (1, stages[0]) if stages else None
    wanted = normal(text)
    for number, stage in enumerate(stages, start=1):
        names = {normal(stage.key), normal(stage.name), normal(stage.name.split(":")[0])}
        if wanted in names or wanted.replace(" ", "") in {n.replace(" ", "") for n in names}:
            return number, stage
    match = STAGE_NUMBER.match(wanted)
    if match and 1 <= int(match.group(1)) <= len(stages):
        number = int(match.group(1))
        return number, stages[number - 1]
    return None


@dataclass
class RowCheck:
    """Reads one row's cells (already translated by the mapping), collecting problems."""

    number: int
    cells: dict[str, Any]
    columns: dict[str, str]
    lookups: Lookups
    problems: list[Problem] = field(default_factory=list)

    def add(self, name: str, reason: str) -> None:
        self.problems.append(Problem(self.number, self.columns.get(name, name), reason))

    def text(self, name: str) -> str:
        value = self.cells.get(name, "")
        if isinstance(value, dt.date):
            value = value.isoformat()
        text = str(value).strip()
        limit = LIMITS.get(name)
        if limit and len(text) > limit:
            self.add(name, f"Must be {limit} characters or fewer; this is {len(text)}.")
        return text

    def required(self, name: str, what: str) -> str:
        value = self.text(name)
        if not value:
            self.add(name, f"Enter {what}: it is required.")
        return value

    def date(self, name: str, required: bool = False) -> dt.date | None:
        value = self.cells.get(name, "")
        if value in ("", None):
            if required:
                self.add(name, "Enter the date: it is required.")
            return None
        try:
            day = parse_date(value)
        except ValueError as error:
            self.add(name, str(error))
            return None
        if day > self.lookups.today:
            self.add(name, f"{long_date(day)} is in the future.")
            return None
        return day

    def choice(self, name: str, vocabulary: Any, what: str) -> str:
        value = self.text(name)
        if not value:
            return ""
        found = vocabulary.find(value)
        if found is None:
            self.add(name, f"{value!r} is not a {what} Redress knows: use {vocabulary.spoken()}.")
            return ""
        return str(found)


def _check_received(check: RowCheck) -> dt.date | None:
    received = check.date("received_on", required=True)
    if received and received < check.lookups.earliest:
        earliest = long_date(check.lookups.earliest)
        check.add("received_on", f"The date received cannot be before {earliest}.")
        return None
    return received


def _check_person(check: RowCheck) -> dict[str, str]:
    person = {
        "name": check.required("person_name", "the person's name"),
        "email": check.text("email"),
        "phone": check.text("phone"),
        "address": check.text("address"),
    }
    if person["email"]:
        try:
            validate_email(person["email"])
        except ValidationError:
            check.add("email", f"{person['email']!r} is not an email address.")
    return person


def _check_where(check: RowCheck, kind: str) -> tuple[Service | None, Category | None]:
    name = check.required("service", "the service area")
    service = check.lookups.service(name) if name else None
    if name and service is None:
        check.add("service", f"There is no service area {name!r}: use its name or slug.")
    category_name = check.text("category")
    if service is None or not category_name:
        return service, None
    category = check.lookups.category(category_name, service)
    if category is None:
        check.add("category", f"{service.name} has no category {category_name!r}.")
    return service, category


def _check_history(check: RowCheck, kind: str, received: dt.date | None) -> dict[str, Any]:
    """The recorded dates and outcome: each after receipt, and an outcome only once the case
    was answered or closed."""
    dates = {name: check.date(name) for name in DATES}
    if received:
        for name, day in dates.items():
            if day and day < received:
                check.add(name, f"{long_date(day)} is before the date received.")
    outcome = check.choice("outcome", OUTCOMES, "outcome")
    if outcome in CLOSING_OUTCOMES and not dates["closed_on"]:
        label = Outcome(outcome).label.lower()
        check.add("closed_on", f"Enter the date closed: a case {label} is closed.")
    elif outcome and not (dates["responded_on"] or dates["closed_on"]):
        check.add("outcome", "An outcome needs the date responded or closed.")
    allowed = (*response_outcomes_for(kind), *CLOSING_OUTCOMES) if kind else Outcome.values
    if outcome and outcome not in allowed:
        check.add("outcome", f"A {Kind(kind).label.lower()} cannot be {outcome.replace('_', ' ')}.")
    return {**dates, "outcome": outcome}


def check_row(
    number: int, cells: dict[str, Any], columns: dict[str, str], lookups: Lookups
) -> tuple[CaseRow | None, list[Problem]]:
    """The case a row describes, or None and every problem found with it."""
    check = RowCheck(number, cells, columns, lookups)
    reference = check.required("legacy_reference", "the legacy reference")
    kind = check.choice("kind", KINDS, "kind of case")
    if not kind and not check.text("kind"):
        check.add("kind", "Enter the kind of case: it is required.")
    received = _check_received(check)
    channel = check.choice("channel", CHANNELS, "channel") or "email"
    service, category = _check_where(check, kind)
    person = _check_person(check)
    summary = check.required("summary", "a short summary")
    history = _check_history(check, kind, received)
    applies = lookups.procedure(kind, service, category) if kind and service else None
    stage = None
    if kind and service and applies is None:
        check.add("kind", f"No procedure applies to a {Kind(kind).label.lower()}.")
    elif applies is not None:
        stage = find_stage(applies.definition, check.text("stage"))
        if stage is None:
            names = ", ".join(s.name for s in applies.definition.stages)
            check.add("stage", f"{applies.definition.name} has no such stage: use {names}.")
    still_open = not history["closed_on"]
    if still_open and not any(person[k] for k in ("email", "phone", "address")):
        check.add("email", "An open case needs an email address, phone number or address.")
    if check.problems:
        return None, check.problems
    assert received and service and applies and stage  # every None above added a problem
    return (
        CaseRow(
            row=number,
            legacy_reference=reference,
            kind=kind,
            received_on=received,
            channel=channel,
            service=service,
            category=category,
            person=person,
            summary=summary,
            description=check.text("description"),
            outcome_sought=check.text("outcome_sought"),
            applies=applies,
            stage_number=stage[0],
            stage=stage[1],
            **history,
        ),
        [],
    )
