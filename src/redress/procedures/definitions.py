"""A procedure as plain data: the immutable snapshot a case runs under.

A ``ProcedureVersion`` row stores this as JSON; cases read their deadlines from it, so an
administrator's later edit (a new version) never moves the dates of a case already open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from redress.calendars.clock import Duration, Unit


class RespondFrom(StrEnum):
    RECEIPT = "receipt"
    ACKNOWLEDGEMENT = "acknowledgement"


class HandledBy(StrEnum):
    SERVICE = "service"
    INDEPENDENT = "independent"


def duration_from_json(value: Any) -> Duration | None:
    if value is None:
        return None
    return Duration(int(value["amount"]), Unit(value["unit"]))


def duration_to_json(value: Duration | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"amount": value.amount, "unit": value.unit.value}


# The people a statutory stage names (children's stage 2: an investigating officer and an
# independent person), as the keys the procedure data uses and the words pages show.
STAGE_PEOPLE = {
    "investigating_officer": "Investigating officer",
    "independent_person": "Independent person",
}
# Where a step's time runs from: the day the stage opened, or the day an earlier step was done.
FROM_OPENING = "opening"


@dataclass(frozen=True)
class StepDefinition:
    """One dated step within a stage (children's stage 3: the panel, its report, the council's
    response), due a time after the stage opened or after an earlier step was done. The step
    that ``answers`` the stage is done when the stage is answered; its date is the stage's."""

    key: str
    name: str
    within: Duration
    after: str = FROM_OPENING
    answers: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StepDefinition:
        within = duration_from_json(data["within"])
        if within is None:
            raise ValueError("a step needs the time it is due within")
        return cls(
            key=str(data["key"]),
            name=str(data["name"]),
            within=within,
            after=str(data.get("after", FROM_OPENING)),
            answers=bool(data.get("answers", False)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "within": duration_to_json(self.within),
            "after": self.after,
            "answers": self.answers,
        }


def steps_from_json(value: Any) -> tuple[StepDefinition, ...]:
    """Steps from procedure data, checked: each runs from the opening or an earlier step."""
    steps: list[StepDefinition] = []
    for item in value or ():
        step = StepDefinition.from_json(item)
        if step.after != FROM_OPENING and step.after not in {s.key for s in steps}:
            raise ValueError(f"step {step.key!r} runs from {step.after!r}, which is not before it")
        if step.key in {s.key for s in steps}:
            raise ValueError(f"step {step.key!r} appears twice")
        steps.append(step)
    if sum(s.answers for s in steps) > 1:
        raise ValueError("only one step can be the stage's answer")
    return tuple(steps)


def people_from_json(value: Any) -> tuple[str, ...]:
    people = tuple(str(p) for p in value or ())
    unknown = [p for p in people if p not in STAGE_PEOPLE]
    if unknown:
        raise ValueError(f"unknown people {unknown}: use {', '.join(STAGE_PEOPLE)}")
    return people


@dataclass(frozen=True)
class StageDefinition:
    key: str
    name: str
    acknowledge_within: Duration | None
    respond_within: Duration | None
    respond_from: RespondFrom
    max_extension: Duration | None
    handled_by: HandledBy
    escalation_window: Duration | None = None
    description: str = ""
    people: tuple[str, ...] = ()
    steps: tuple[StepDefinition, ...] = ()
    # The response date is agreed with the person (adult social care); once it passes
    # unanswered, the person must be written to with the reason.
    agreed_response: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StageDefinition:
        return cls(
            key=str(data["key"]),
            name=str(data["name"]),
            acknowledge_within=duration_from_json(data.get("acknowledge_within")),
            respond_within=duration_from_json(data.get("respond_within")),
            respond_from=RespondFrom(data.get("respond_from", RespondFrom.RECEIPT)),
            max_extension=duration_from_json(data.get("max_extension")),
            handled_by=HandledBy(data.get("handled_by", HandledBy.SERVICE)),
            escalation_window=duration_from_json(data.get("escalation_window")),
            description=str(data.get("description", "")),
            people=people_from_json(data.get("people")),
            steps=steps_from_json(data.get("steps")),
            agreed_response=bool(data.get("agreed_response", False)),
        )

    def to_json(self) -> dict[str, Any]:
        data = self._base_json()
        # Only when used, so the versions of procedures without them stay exactly as they were.
        if self.people:
            data["people"] = list(self.people)
        if self.steps:
            data["steps"] = [step.to_json() for step in self.steps]
        if self.agreed_response:
            data["agreed_response"] = True
        return data

    def _base_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "acknowledge_within": duration_to_json(self.acknowledge_within),
            "respond_within": duration_to_json(self.respond_within),
            "respond_from": self.respond_from.value,
            "max_extension": duration_to_json(self.max_extension),
            "handled_by": self.handled_by.value,
            "escalation_window": duration_to_json(self.escalation_window),
            "description": self.description,
        }


@dataclass(frozen=True)
class ProcedureDefinition:
    slug: str
    name: str
    calendar: str
    stages: tuple[StageDefinition, ...] = field(default_factory=tuple)
    description: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProcedureDefinition:
        return cls(
            slug=str(data["slug"]),
            name=str(data["name"]),
            calendar=str(data["calendar"]),
            stages=tuple(StageDefinition.from_json(s) for s in data["stages"]),
            description=str(data.get("description", "")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "calendar": self.calendar,
            "description": self.description,
            "stages": [s.to_json() for s in self.stages],
        }

    def stage(self, key: str) -> StageDefinition:
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise KeyError(f"procedure {self.slug} has no stage {key!r}")

    def stage_after(self, key: str) -> StageDefinition | None:
        keys = [s.key for s in self.stages]
        position = keys.index(key)
        return self.stages[position + 1] if position + 1 < len(self.stages) else None
