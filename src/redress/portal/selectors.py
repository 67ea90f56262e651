"""What the person may read about their own case on the progress page.

Only what is meant for them: the responses we sent them, letters and emails recorded as sent
to them, and what we agreed to do with how far it has got. Never internal notes, drafts that
were not sent, reviewers' comments, who owns a remedy or the evidence it was done. On a
restricted case (one staff may see only by name) what we agreed to do is left to the response
letters themselves, which the person received: a remedy's or action's own wording may say
more than was meant for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from redress.calendars.clock import local_date
from redress.cases.kinds import Outcome, RemedyType
from redress.cases.models import Case, CaseStage, Correspondence, OutstandingAction, Remedy
from redress.core import clock
from redress.core.dates import long_date
from redress.staff.drafts import SECTION_HEADINGS
from redress.staff.models import DraftState, ResponseDraft

MAX_LETTERS = 20


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass(frozen=True)
class SentResponse:
    stage: str
    number: int
    sent_on: dt.date
    outcome: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Promise:
    """A remedy or an outstanding action, in the person's words."""

    what: str
    detail: str
    status: str
    done: bool


# The decision in words a person would use.
OUTCOME_WORDS: dict[str, str] = {
    Outcome.UPHELD: "Upheld: we agree that we got things wrong",
    Outcome.PARTLY_UPHELD: "Partly upheld: we agree that we got some things wrong",
    Outcome.NOT_UPHELD: "Not upheld: we do not think we got things wrong",
    Outcome.RESOLVED: "Resolved",
}


def sent_responses(case: Case, stages: list[CaseStage]) -> list[SentResponse]:
    """Each response sent to the person, stage by stage, in the parts the Code asks for.

    A stage answered without a response written here (recorded through the API, say) is
    listed too, with its date and decision but no text: the page must not say nothing was
    sent when something was."""
    drafts = (
        ResponseDraft.objects.filter(case=case, state=DraftState.SENT, sent_at__isnull=False)
        .select_related("stage")
        .order_by("stage__number", "sent_at", "id")
    )
    sent = [_sent(draft) for draft in drafts]
    with_text = {draft.stage_id for draft in drafts}
    for stage in stages:
        if stage.responded_on and stage.pk not in with_text:
            sent.append(
                SentResponse(
                    stage=stage.name,
                    number=stage.number,
                    sent_on=stage.responded_on,
                    outcome=OUTCOME_WORDS.get(stage.outcome, ""),
                    sections=(),
                )
            )
    return sorted(sent, key=lambda r: (r.number, r.sent_on))


def _sent(draft: ResponseDraft) -> SentResponse:
    sections = tuple(
        Section(SECTION_HEADINGS[name], getattr(draft, name).strip())
        for name in ResponseDraft.SECTIONS
        if getattr(draft, name).strip()
    )
    assert draft.sent_at is not None  # filtered above
    return SentResponse(
        stage=draft.stage.name,
        number=draft.stage.number,
        sent_on=local_date(draft.sent_at),
        outcome=OUTCOME_WORDS.get(draft.outcome, ""),
        sections=sections,
    )


def letters_sent(case: Case) -> list[Correspondence]:
    """Letters, emails and calls staff recorded as going to the person, newest first."""
    return list(
        Correspondence.objects.filter(case=case, direction="out").order_by("-happened_at", "-id")[
            :MAX_LETTERS
        ]
    )


def promises(case: Case, today: dt.date | None = None) -> list[Promise]:
    """The remedies, then the outstanding actions, with where each has got to."""
    if case.restricted:
        return []
    today = today or clock.today()
    remedies = [_remedy(r, today) for r in Remedy.objects.filter(case=case).order_by("id")]
    actions = [
        _action(a, today)
        for a in OutstandingAction.objects.filter(case=case).order_by("due_on", "id")
    ]
    return remedies + actions


def pounds(amount: Decimal) -> str:
    """£150, £1,250 or £12.50: pence only when there are some."""
    whole = amount == amount.to_integral_value()
    return f"£{amount:,.0f}" if whole else f"£{amount:,.2f}"


def status_of(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> str:
    if done_on is not None:
        return f"Done on {long_date(done_on)}"
    if due_on is None:
        return "Not done yet"
    if due_on < today:
        return f"Not done yet: it was due by {long_date(due_on)}"
    return f"Due by {long_date(due_on)}"


def _remedy(remedy: Remedy, today: dt.date) -> Promise:
    if remedy.type == RemedyType.FINANCIAL and remedy.amount:
        what = f"Payment of {pounds(remedy.amount)}"
    else:
        what = remedy.get_type_display()
    return Promise(
        what=what,
        detail=remedy.description,
        status=status_of(remedy.due_on, remedy.done_on, today),
        done=remedy.done_on is not None,
    )


def _action(action: OutstandingAction, today: dt.date) -> Promise:
    return Promise(
        what="Something we will do",
        detail=action.description,
        status=status_of(action.due_on, action.done_on, today),
        done=action.done_on is not None,
    )
