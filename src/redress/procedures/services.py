"""Writes for procedures: loading the shipped presets and freezing edits into new versions."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from redress.calendars.clock import Duration, Unit
from redress.procedures.definitions import (
    HandledBy,
    ProcedureDefinition,
    RespondFrom,
    StageDefinition,
    people_from_json,
    steps_from_json,
)
from redress.procedures.models import Procedure, ProcedureStage, ProcedureVersion

PRESETS_DIR = Path(__file__).resolve().parent / "presets"


def _duration(amount: int | None, unit: str) -> Duration | None:
    return None if amount is None or not unit else Duration(amount, Unit(unit))


def _split(duration: dict[str, Any] | None) -> tuple[int | None, str]:
    if duration is None:
        return None, ""
    return int(duration["amount"]), str(duration["unit"])


def definition_from_rows(procedure: Procedure) -> ProcedureDefinition:
    stages = tuple(
        StageDefinition(
            key=row.key,
            name=row.name,
            description=row.description,
            acknowledge_within=_duration(row.acknowledge_amount, row.acknowledge_unit),
            respond_within=_duration(row.respond_amount, row.respond_unit),
            respond_from=RespondFrom(row.respond_from),
            max_extension=_duration(row.max_extension_amount, row.max_extension_unit),
            handled_by=HandledBy(row.handled_by),
            escalation_window=_duration(row.escalation_window_amount, row.escalation_window_unit),
            people=people_from_json(row.people),
            steps=steps_from_json(row.steps),
            agreed_response=row.agreed_response,
        )
        for row in procedure.stages.order_by("position")
    )
    return ProcedureDefinition(
        slug=procedure.slug,
        name=procedure.name,
        calendar=procedure.calendar,
        description=procedure.description,
        stages=stages,
    )


@transaction.atomic
def procedure_publish_version(*, procedure: Procedure, by: Any = None) -> ProcedureVersion:
    """Freeze the procedure's current definition as a new version, unless nothing changed."""
    definition = definition_from_rows(procedure).to_json()
    latest = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=procedure)
        .order_by("-number")
        .first()
    )
    if latest is not None and latest.definition == definition:
        return latest
    return ProcedureVersion.objects.create(
        procedure=procedure,
        number=(latest.number + 1) if latest else 1,
        definition=definition,
        created_by=by,
    )


_parsed_cache: dict[tuple[int, object], ProcedureDefinition] = {}


def definition_of(version: ProcedureVersion) -> ProcedureDefinition:
    """The parsed definition of a version; versions are immutable, so parsing is cached.

    The key includes the creation time as well as the id, so that a database rebuilt with
    the same ids (as tests do) never meets a stale entry; lists call this once per row, so the
    key must be cheap to make.
    """
    key = (version.pk, version.created_at)
    parsed = _parsed_cache.get(key)
    if parsed is None:
        if len(_parsed_cache) > 1024:
            _parsed_cache.clear()
        parsed = _parsed_cache[key] = ProcedureDefinition.from_json(version.definition)
    return parsed


def current_version(procedure: Procedure) -> ProcedureVersion:
    # Without the definition: definition_of parses it once per version and process, so
    # reading and decoding the JSON on every case logged would be wasted.
    version = procedure.versions.defer("definition").order_by("-number").first()
    if version is None:
        version = procedure_publish_version(procedure=procedure)
    return version


@transaction.atomic
def procedure_create_from_preset(data: dict[str, Any]) -> Procedure:
    procedure = Procedure.objects.create(
        slug=data["slug"],
        name=data["name"],
        description=data.get("description", ""),
        calendar=data["calendar"],
        default_for_kind=data.get("default_for_kind", ""),
    )
    for position, stage in enumerate(data["stages"], start=1):
        ack = _split(stage.get("acknowledge_within"))
        respond = _split(stage.get("respond_within"))
        extension = _split(stage.get("max_extension"))
        window = _split(stage.get("escalation_window"))
        ProcedureStage.objects.create(
            procedure=procedure,
            position=position,
            key=stage["key"],
            name=stage["name"],
            description=stage.get("description", ""),
            acknowledge_amount=ack[0],
            acknowledge_unit=ack[1],
            respond_amount=respond[0],
            respond_unit=respond[1],
            respond_from=stage.get("respond_from", "receipt"),
            max_extension_amount=extension[0],
            max_extension_unit=extension[1],
            handled_by=stage.get("handled_by", HandledBy.SERVICE),
            escalation_window_amount=window[0],
            escalation_window_unit=window[1],
            people=list(stage.get("people", [])),
            steps=list(stage.get("steps", [])),
            agreed_response=bool(stage.get("agreed_response", False)),
        )
    procedure_publish_version(procedure=procedure)
    return procedure


@lru_cache(maxsize=1)
def shipped_presets() -> tuple[dict[str, Any], ...]:
    """The preset files, read once per process."""
    return tuple(
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(PRESETS_DIR.glob("*.json"))
    )


def load_presets() -> list[str]:
    """Create each shipped preset that is not in the database yet; never overwrite edits.

    One query when every preset is already there, so it is cheap to call often.
    """
    existing = set(Procedure.objects.values_list("slug", flat=True))
    created = []
    for data in shipped_presets():
        if data["slug"] not in existing:
            procedure_create_from_preset(copy.deepcopy(data))
            created.append(data["slug"])
    return created
