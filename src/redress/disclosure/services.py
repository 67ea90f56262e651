"""Recording and removing exemptions, and making an export: each one transaction, each
checked against the subject access rule and the visibility of the case first."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from redress.cases.models import Case, Person
from redress.cases.permissions import can_disclose
from redress.cases.selectors import cases_visible_to
from redress.cases.services.timeline import record_event
from redress.core.errors import InvalidInput, NotPermitted
from redress.disclosure import archive
from redress.disclosure.gather import gather, person_data
from redress.disclosure.items import find_item, withholdable_items
from redress.disclosure.models import Exemption, SubjectAccessExport
from redress.disclosure.register_part import register_part
from redress.disclosure.subjects import subject_cases, subject_records

MAX_REASON = 500


def require_discloser(user: Any) -> None:
    if not can_disclose(user):
        raise NotPermitted("Only complaints officers and administrators answer subject access.")


def _require_visible(user: Any, case: Case) -> None:
    if not cases_visible_to(user).filter(pk=case.pk).exists():
        raise NotPermitted("You do not have access to that case.")


@transaction.atomic
def exemption_add(*, case: Case, by: Any, item: str, reason: str) -> Exemption:
    """Withhold ``item`` ("kind:id", or the case itself) of ``case`` from exports, and why."""
    require_discloser(by)
    _require_visible(by, case)
    chosen = find_item(withholdable_items(case), item)
    errors: dict[str, list[str]] = {}
    if chosen is None:
        errors["item"] = ["Choose what to withhold."]
    elif Exemption.objects.filter(case=case, item_kind=chosen.kind, item_id=chosen.row.pk):
        errors["item"] = ["That is already withheld."]
    if not reason.strip():
        errors["reason"] = ["Enter why it is withheld, for example the exemption that applies."]
    elif len(reason.strip()) > MAX_REASON:
        errors["reason"] = [f"The reason must be {MAX_REASON} characters or fewer."]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors)
    assert chosen is not None
    exemption = Exemption.objects.create(
        case=case,
        item_kind=chosen.kind,
        item_id=chosen.row.pk,
        item_label=chosen.label[:300],
        reason=reason.strip(),
        recorded_by=by,
    )
    record_event(
        case=case,
        actor=by,
        kind="exemption_added",
        summary=f"Withheld from subject access exports: {exemption.item_label}",
        changes_case=False,
        exemption=exemption.pk,
    )
    return exemption


@transaction.atomic
def exemption_remove(*, exemption: Exemption, by: Any) -> None:
    require_discloser(by)
    case = exemption.case
    _require_visible(by, case)
    record_event(
        case=case,
        actor=by,
        kind="exemption_removed",
        summary=f"No longer withheld from subject access exports: {exemption.item_label}",
        changes_case=False,
    )
    exemption.delete()


@transaction.atomic
def export_make(*, person: Person, by: Any, via: str = "page") -> tuple[bytes, str]:
    """The ZIP of everything held about the person that ``by`` may see, and its file name;
    the export is logged with what was withheld."""
    require_discloser(by)
    people = subject_records(by, person)
    cases = list(subject_cases(by, people))
    if not cases:
        raise NotPermitted("You do not have access to that person.")
    gathered = gather(by, cases, people)
    log = SubjectAccessExport.objects.create(
        person=person,
        person_ids=[p.pk for p in people],
        made_by=by,
        via=via,
        case_count=len(gathered.cases),
        exemptions=gathered.withheld,
    )
    register = register_part(by, people)
    log.register_included = register["included"]
    log.save(update_fields=["register_included"])
    data = {
        "produced_at": log.made_at.isoformat(timespec="seconds"),
        "produced_by": by.display_name,
        "people": [person_data(p) for p in people],
        "cases": gathered.cases,
        "withheld": gathered.withheld,
        "register": register,
        "not_included": archive.NOT_INCLUDED,
    }
    return archive.build(data, gathered.files), archive.file_name(person, log)
