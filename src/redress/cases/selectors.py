"""Every read of cases a user makes goes through ``cases_visible_to``: lists, detail pages,
exports, reports that link to cases and the API alike, so they can never disagree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from redress.accounts.models import Role
from redress.cases.models import Case, CaseAccessGrant, CaseStage
from redress.cases.permissions import FIGURES_ONLY_ROLES, OFFICE_ROLES, role_of, service_ids_of
from redress.procedures.definitions import HandledBy
from redress.procedures.models import ProcedureVersion


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """The cases ``user`` may see; an empty queryset for anyone without a role."""
    condition = visible_case_condition(user)
    return Case.objects.none() if condition is None else Case.objects.filter(condition)


def visible_case_condition(user: Any, case_id: str = "pk") -> Q | None:
    """The rule of who sees which case, as a condition on the case whose id is at ``case_id``:
    ``"pk"`` for a case itself, ``"case_id"`` (or a longer path such as
    ``"ombudsman_case__case_id"``) for a row derived from a case. ``None`` when the user may
    see no case at all.

    Rows derived from a case are filtered on their own case's columns, joined, rather than
    by probing a second copy of this selector for each row: the same rule, one subquery fewer
    to build and plan. The "handled a stage" and "granted access" rules are correlated EXISTS
    probes of the (handler, case) and (user, case) indexes. ``IN (subquery)`` would make
    PostgreSQL hash every case the user ever handled, tens of thousands at scale.
    """
    role = role_of(user)
    if not role or role in FIGURES_ONLY_ROLES:
        return None
    column = _columns_of_case_at(case_id)
    this_case = OuterRef(case_id)
    # Each probe is built only for the roles it applies to: a page asks this rule several
    # times, and building a subquery that goes unused took 80 µs each time.
    if role in OFFICE_ROLES:
        visible = Q()
    elif role in (Role.SERVICE_RESPONDER, Role.MANAGER):
        visible = Q(**{column("service_id__in"): service_ids_of(user)}) | _handled(user, this_case)
    elif role == Role.INVESTIGATOR:
        reached_independent = Q(
            Exists(CaseStage.objects.filter(case=this_case, handled_by=HandledBy.INDEPENDENT))
        )
        visible = reached_independent | _handled(user, this_case)
    else:
        return None
    granted = Q(Exists(CaseAccessGrant.objects.filter(case=this_case, user=user)))
    return visible & (Q(**{column("restricted"): False}) | granted)


def _handled(user: Any, this_case: OuterRef) -> Q:
    """The user handled a stage of the case."""
    return Q(Exists(CaseStage.objects.filter(case=this_case, handler=user)))


def _columns_of_case_at(case_id: str) -> Callable[[str], str]:
    """Lookups of the case's own columns, from the path to its id."""
    if case_id == "pk":
        return lambda lookup: lookup
    if not case_id.endswith("_id"):
        raise ValueError(f"not a path to a case's id: {case_id!r}")
    path = case_id.removesuffix("_id")
    return lambda lookup: f"{path}__{lookup}"


def case_detail(user: Any, reference: str) -> Case | None:
    """One case with what its page needs, or None if it does not exist or is not visible."""
    case = with_detail_relations(cases_visible_to(user)).filter(reference=reference).first()
    return with_current_stage(case) if case is not None else None


def with_detail_relations(cases: QuerySet[Case]) -> QuerySet[Case]:
    """``cases`` with what a case's page and its API detail show: four tables joined, and the
    stages and the procedure read in two small queries after. PostgreSQL took 5–10 ms to plan
    the nine-table join (far longer on a busy machine), many times the cost of the extra
    round trips. Pass each case read through ``with_current_stage``, which takes its current
    stage from those stages rather than reading it again."""
    return cases.select_related(
        "person", "service", "category", "current_handler"
    ).prefetch_related(
        Prefetch("stages", queryset=_stages_in_order(), to_attr=STAGES_IN_ORDER),
        # Without the definition: ``definition_of`` parses it once per version and process.
        Prefetch(
            "procedure_version",
            queryset=ProcedureVersion.objects.select_related("procedure").defer("definition"),
        ),
    )


STAGES_IN_ORDER = "stages_in_order"


def _stages_in_order() -> QuerySet[CaseStage]:
    return CaseStage.objects.select_related("handler").order_by("number")


def with_current_stage(case: Case) -> Case:
    """``case`` with its current stage taken from the stages ``with_detail_relations`` read."""
    stages = getattr(case, STAGES_IN_ORDER, None)
    if stages is not None:
        case.current_stage = next((s for s in stages if s.pk == case.current_stage_id), None)
    return case


def stages_of(case: Case) -> list[CaseStage]:
    """The case's stages in order, with their handlers: those already read with the case
    (``with_detail_relations``) or read now."""
    stages = getattr(case, STAGES_IN_ORDER, None)
    if stages is not None:
        return list(stages)
    return list(_stages_in_order().filter(case=case))
