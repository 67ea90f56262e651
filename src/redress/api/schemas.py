"""Request and response shapes of API v1. Requests refuse unknown fields, so a misspelt
field name is reported instead of silently ignored."""

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, Field, WithJsonSchema

from redress.api.errors import ErrorOut  # noqa: F401  (re-exported for the routers)
from redress.api.fields import (
    Address,
    Day,
    Email,
    Line,
    LongText,
    Note,
    Phone,
    Reason,
    ReceivedAt,
    Request,
    RequiredReason,
    Slug,
    StageKey,
    Summary,
    Username,
    Version,
    WholeNumber,
    storable,
)
from redress.api.records import AdjustmentOut, OutstandingActionOut, RemedyOut
from redress.calendars.clock import Unit
from redress.cases.kinds import (
    Channel,
    CorrespondenceTo,
    Kind,
    NotAcceptedReason,
    Outcome,
    Status,
)
from redress.cases.representatives import Representative
from redress.elsewhere.models import Destination
from redress.procedures.definitions import HandledBy, RespondFrom

# The longest an extension or target may be in any unit; far beyond any real procedure, and
# it keeps working-day arithmetic bounded.
MAX_DURATION = 366


# --- shared ---------------------------------------------------------------------------------


class DurationOut(Schema):
    amount: int
    unit: Unit


class DurationIn(Request):
    amount: WholeNumber = Field(ge=1, le=MAX_DURATION)
    unit: Unit


# --- procedures -----------------------------------------------------------------------------


class ProcedureStageOut(Schema):
    key: str
    name: str
    acknowledge_within: DurationOut | None
    respond_within: DurationOut | None
    max_extension: DurationOut | None
    respond_from: RespondFrom
    handled_by: HandledBy


class ProcedureOut(Schema):
    slug: str
    name: str
    version: int
    calendar: str
    stages: list[ProcedureStageOut]


# --- cases ----------------------------------------------------------------------------------


class PersonIn(Request):
    name: Line
    email: Email = ""
    phone: Phone = ""
    address: Address = ""


class RepresentativeIn(Request):
    name: Line = Field(description="Required: who acts for the person.")
    relationship: Line = Field(default="", max_length=120, description="Such as daughter.")
    consent_on: Day | None = Field(
        default=None,
        description="Required: the date the person consented to being represented; not in the "
        "future and not before the earliest receipt date.",
    )
    email: Email = ""
    phone: Phone = ""
    address: Address = ""
    correspondence_to: CorrespondenceTo = Field(
        default=CorrespondenceTo.PERSON,
        description="Who letters and emails go to: person, representative or both. The last "
        "two need the representative's email or address.",
    )

    def to_representative(self) -> Representative:
        return Representative(**self.model_dump())


MAX_ID = 2**63 - 1


def _category_is_name_or_id(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON's 12.0 is the whole number 12, as the schema says
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        if value is None or 1 <= value <= MAX_ID:
            return value
    elif isinstance(value, str) and 0 < len(value) <= 120:
        return storable(value)
    raise ValueError("must be a category id or a category name of up to 120 characters")


# One validator says what a category may be, so an error names ``category`` itself rather
# than one arm of a union; the schema states the same rule for clients.
CategoryRef = Annotated[
    int | str | None,
    BeforeValidator(_category_is_name_or_id),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                {"type": "string", "minLength": 1, "maxLength": 120},
                {"type": "null"},
            ]
        }
    ),
]


class CaseIn(Request):
    kind: Kind
    procedure: Slug | None = Field(
        default=None, description="Without it, the procedure the routing table gives."
    )
    procedure_reason: Reason | None = Field(
        default=None, description="Why, when naming a procedure other than the routed one."
    )
    received_at: ReceivedAt = Field(
        description="ISO 8601. A time without an offset is read as UK time (Europe/London)."
    )
    channel: Channel
    service: Slug
    category: CategoryRef = Field(
        default=None, description="A category's id, or its name within the service."
    )
    summary: Summary
    description: LongText = ""
    outcome_sought: LongText = ""
    person: PersonIn
    representative: RepresentativeIn | None = Field(
        default=None, description="Someone acting for the person, with their consent."
    )


class ProcedureRefOut(Schema):
    slug: str
    name: str
    version: int


class ServiceOut(Schema):
    slug: str
    name: str


class CategoryOut(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int = Field(description="The person's id, for the /people/{id} operations.")
    name: str
    email: str
    phone: str
    address: str


class RepresentativeOut(Schema):
    name: str
    relationship: str
    consent_on: dt.date | None
    email: str
    phone: str
    address: str
    correspondence_to: CorrespondenceTo


class CaseStageOut(Schema):
    key: str
    name: str
    opened_on: dt.date
    acknowledge_due: dt.date | None
    acknowledged_on: dt.date | None
    response_due: dt.date | None
    response_due_provisional: bool = Field(
        description="True while response_due counts from an acknowledgement not yet made."
    )
    extended_to: dt.date | None
    responded_on: dt.date | None
    outcome: str | None
    handler: str | None


class CaseSummaryOut(Schema):
    reference: str
    kind: str
    status: str
    service: str = Field(description="The service area's slug.")
    current_stage: str | None
    summary: str
    received_at: dt.datetime
    next_due_on: dt.date | None
    overdue: bool


class ContactRestrictionOut(Schema):
    kind: str
    detail: str
    contact: str = Field(description="The named contact's username.")


class RoutedElsewhereOut(Schema):
    destination: Destination = Field(
        description="The procedure it went to: monitoring_officer (a complaint about an "
        "elected Member, under the standards regime), human_resources (about an individual "
        "senior officer), other_organisation or statutory_procedure."
    )
    destination_name: str = Field(description="The destination in words.")
    to_name: str = Field(description="Who it went to: a name or an organisation.")
    to_email: str = Field(description="Their email address; empty if none was given.")
    routed_on: dt.date = Field(description="The date it was passed on.")
    reason: str = Field(description="Why it is handled elsewhere, as the person was told.")
    routed_by: str | None = Field(
        description="Username of who routed it; null if the account has since been removed."
    )
    recorded_at: dt.datetime = Field(description="When the routing was recorded.")


class CaseOut(Schema):
    reference: str
    kind: str
    status: str
    procedure: ProcedureRefOut
    current_stage: str | None
    stages: list[CaseStageOut]
    outcome: str | None
    not_accepted_reason: str | None
    service: ServiceOut
    category: CategoryOut | None
    channel: str
    received_at: dt.datetime
    next_due_on: dt.date | None
    overdue: bool
    closed_on: dt.date | None
    handler: str | None = Field(description="Username of the current stage's handler.")
    summary: str
    description: str
    outcome_sought: str
    person: PersonOut
    representative: RepresentativeOut | None = Field(
        description="Who acts for the person, and who letters and emails go to; null if nobody."
    )
    routed_elsewhere: RoutedElsewhereOut | None = Field(
        description="Where and when the complaint was passed to the procedure or body it "
        "belongs to (the route_elsewhere action, which closes it as not accepted); null if it "
        "never was. Kept if the case is reopened; routing it again replaces it."
    )
    version: int = Field(description="Send as expected_version to refuse a stale change.")
    restricted: bool = Field(description="Only the people granted access see the case.")
    adjustments: list[AdjustmentOut]
    remedies: list[RemedyOut]
    actions: list[OutstandingActionOut]
    contact_restrictions: list[ContactRestrictionOut] = Field(
        default_factory=list,
        description="Restrictions on contacting the person (the register's, never its reasons).",
    )
    available_actions: list[str] = Field(
        default_factory=list,
        description="The actions you may take on the case now (acknowledge, assign, extend, "
        "respond, escalate, withdraw, refuse, close, reopen, route_elsewhere).",
    )
    unavailable_actions: dict[str, str] = Field(
        default_factory=dict,
        description="Each other action with the reason you cannot take it now, in plain words.",
    )


class CasePageOut(Schema):
    items: list[CaseSummaryOut]
    next_cursor: str | None = Field(
        description="Pass as cursor for the next page; null on the last page."
    )


class CaseFilters(Request):
    kind: Kind | None = None
    status: Status | None = None
    stage: StageKey | None = Field(default=None, description="The current stage's key.")
    service: Slug | None = Field(default=None, description="A service area's slug.")
    overdue: bool | None = None
    due_before: Day | None = Field(default=None, description="Next due strictly before this date.")
    text: Line | None = Field(default=None, description="Reference, name, email or words.")
    cursor: Line | None = None
    limit: WholeNumber = Field(default=25, ge=1, le=100)


# --- actions --------------------------------------------------------------------------------


class Action(Request):
    expected_version: Version | None = Field(
        default=None, description="Refuse with 409 if the case has changed since."
    )


class AcknowledgeIn(Action):
    on: Day
    definition_summary: Note = ""


class ExtendIn(Action):
    by: DurationIn | None = None
    until: Day | None = None
    reason: RequiredReason


class RespondIn(Action):
    on: Day
    outcome: Outcome


class EscalateIn(Action):
    requested_on: Day


class WithdrawIn(Action):
    reason: Reason = ""


class RefuseIn(Action):
    reason: NotAcceptedReason
    detail: Note = ""


class RouteElsewhereIn(Action):
    destination: Destination = Field(
        description="monitoring_officer (a complaint about an elected Member, under the "
        "standards regime), human_resources (about an individual senior officer), "
        "other_organisation or statutory_procedure."
    )
    to_name: Summary = Field(description="Who it goes to: a name or an organisation.")
    to_email: Email = ""
    on: Day = Field(description="The date it was passed on.")
    reason: RequiredReason = Field(description="Why; the person is told it.")


class CloseIn(Action):
    confirm: bool = Field(
        default=False,
        description="Close even though actions, remedies, Ombudsman requests or approved "
        "responses are still open; without it such a close is refused with 422 listing them.",
    )


class ReopenIn(Action):
    reason: RequiredReason


class AssignIn(Action):
    handler: Username = Field(description="The username of the new handler.")


class RepresentativeChangeIn(Action):
    representative: RepresentativeIn | None = Field(
        description="Who now acts for the person; null removes the representative."
    )
    reason: RequiredReason = Field(description="Why it changes; kept on the timeline.")
