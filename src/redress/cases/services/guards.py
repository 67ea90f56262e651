"""The rules that say whether a transition is allowed on a case as it stands now."""

from __future__ import annotations

from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage
from redress.cases.services.stages import _fmt
from redress.core.errors import TransitionNotAllowed


def _require_open(case: Case, stage: CaseStage | None, doing: str) -> CaseStage:
    if case.status == Status.CLOSED:
        raise TransitionNotAllowed(f"You cannot {doing}: the case is closed. Reopen it first.")
    if stage is None:
        raise TransitionNotAllowed(f"You cannot {doing}: the case has no open stage.")
    if case.status == Status.RESPONDED or stage.responded_on:
        raise TransitionNotAllowed(
            f"You cannot {doing}: {stage.name} was answered on {_fmt(stage.responded_on)}."
            if stage.responded_on
            else f"You cannot {doing}: {stage.name} has been answered."
        )
    return stage
