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
        )

    def to_json(self) -> dict[str, Any]:
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
