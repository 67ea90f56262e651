from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from redress.cases.kinds import (
    Channel,
    ContactPreference,
    CorrespondenceKind,
    CorrespondenceTo,
    Kind,
    NotAcceptedReason,
    Outcome,
    RemedyType,
    Status,
)
from redress.core.stamps import StampedAt

USER = settings.AUTH_USER_MODEL


class Directorate(models.Model):
    """A group of service areas under one director; reports and learning group by it."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    is_active = models.BooleanField(default=True)
    is_housing = models.BooleanField(
        "Housing service",
        default=False,
        help_text="Complaints about a housing service go to the Housing Ombudsman, not the LGSCO.",
    )
    head = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services_headed",
        help_text="Head of service: hears of missed deadlines and of cases nobody has picked up.",
    )
    directorate = models.ForeignKey(
        Directorate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        help_text="The directorate the service area belongs to, for reports.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """What a case is about. A category with no service applies to every service."""

    name = models.CharField(max_length=120)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="categories"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="category_name_per_service")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who complains, compliments or asks: the subject of a case."""

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    # Derived from the address (``cases.areas.postcode_district``) wherever it is written.
    postcode_district = models.CharField(max_length=8, blank=True, default="", editable=False)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    communication_needs = models.TextField(
        blank=True, help_text="Language, format or support needed to take part."
    )
    created_at = StampedAt(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["email"]),
            models.Index(fields=["name"]),
            # Text search looks a whole email address up case-insensitively.
            models.Index(Lower("email"), name="person_email_lower"),
        ]

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """Issues references without races: one row per prefix and year, bumped in place."""

    key = models.CharField(max_length=20, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class Case(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    # The case's reference in the system it was imported from; what makes a re-run of the
    # same import file add nothing (redress.imports).
    legacy_reference = models.CharField(max_length=60, null=True, blank=True, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="cases"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField()
    received_on = models.DateField(help_text="The UK date of receipt, for reports.")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    representative_name = models.CharField(max_length=200, blank=True)
    representative_relationship = models.CharField(max_length=120, blank=True)
    representative_consent_on = models.DateField(
        null=True, blank=True, help_text="When the person's consent to be represented was given."
    )
    representative_email = models.EmailField(blank=True)
    representative_phone = models.CharField(max_length=40, blank=True)
    representative_address = models.TextField(blank=True)
    correspondence_to = models.CharField(
        max_length=14, choices=CorrespondenceTo.choices, default=CorrespondenceTo.PERSON
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="cases")
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    summary = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    outcome_sought = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    not_accepted_reason = models.CharField(
        max_length=30, choices=NotAcceptedReason.choices, blank=True
    )
    not_accepted_detail = models.TextField(blank=True)
    current_stage = models.ForeignKey(
        "CaseStage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_handler = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The next date something is due on the open stage, kept in step by every service function
    # so that queues and "overdue" are an index range scan, never a computation per row.
    next_due_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    restricted = models.BooleanField(
        default=False, help_text="Only the people granted access may see this case."
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every change.")
    created_at = StampedAt(auto_now_add=True)
    updated_at = StampedAt(auto_now=True)

    class Meta:
        # The queue indexes end with ``restricted``: every list asks it of every row (the
        # visibility rule), and with it in the index a page's ids and its count are read
        # from the index alone, without visiting each case's row.
        indexes = [
            models.Index(fields=["status", "next_due_on", "id", "restricted"], name="case_queue"),
            models.Index(
                fields=["service", "status", "next_due_on", "id", "restricted"],
                name="case_service_queue",
            ),
            models.Index(
                fields=["current_handler", "status", "next_due_on", "id", "restricted"],
                name="case_handler_queue",
            ),
            models.Index(
                fields=["kind", "status", "next_due_on", "id", "restricted"], name="case_kind_queue"
            ),
            # My work's "Waiting for someone to pick up": open cases nobody handles yet.
            models.Index(
                fields=["status", "next_due_on", "id", "restricted"],
                condition=Q(current_handler__isnull=True),
                name="case_unassigned_queue",
            ),
            # A period's cases. On PostgreSQL the included columns let a report's probe of
            # them (remedies, actions, learning by the case's date) read the index alone:
            # the heap of a year's 337,000 cases took 120 ms a figure at a million cases.
            models.Index(
                fields=["received_on", "id"], include=["restricted", "kind"], name="case_received"
            ),
            # Find cases with no status filter, and text searches walking in due order
            # (cases.search.walk_matches), read cases soonest due first from this.
            models.Index(fields=["next_due_on", "id", "restricted"], name="case_due"),
            models.Index(fields=["service", "received_on"], name="case_service_received"),
            # Retention finds closed cases of a kind by when they closed (privacy.retention).
            models.Index(fields=["kind", "closed_on", "id"], name="case_kind_closed"),
            # Reports count restricted cases live, for each reader; there are few of them.
            models.Index(
                fields=["received_on"], condition=Q(restricted=True), name="case_restricted"
            ),
            # The self-assessment counts the year's complaints made through a representative:
            # few, and without this a scan of the year's cases (150 ms on SQLite at 1,000,000).
            models.Index(
                fields=["received_on"],
                condition=~Q(representative_name=""),
                name="case_represented",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


# Stages still waiting to be acknowledged or answered, with a target to do it by. Whether they
# are late depends on today's date, so reports count them live rather than storing them.
AWAITING_STAGE = (
    Q(acknowledged_on__isnull=True, acknowledge_due__isnull=False)
    | Q(responded_on__isnull=True, response_due__isnull=False)
) & ~Q(outcome__in=(Outcome.WITHDRAWN, Outcome.NOT_ACCEPTED))


class CaseStage(models.Model):
    """One stage of a case with every date it has; deadlines are stored, not recomputed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=40)
    name = models.CharField(max_length=120)
    handled_by = models.CharField(max_length=20)
    opened_at = models.DateTimeField()
    opened_on = models.DateField()
    acknowledge_due = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    response_due = models.DateField(null=True, blank=True)
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    reopened_on = models.DateField(null=True, blank=True)
    handler = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="handled_stages"
    )
    definition_summary = models.TextField(
        blank=True, help_text="Our understanding of the complaint and the outcomes sought."
    )

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="stage_number_once_per_case")
        ]
        indexes = [
            models.Index(fields=["handler", "case"], name="stage_handler"),
            # The only stage figures a report counts live: see AWAITING_STAGE.
            models.Index(fields=["case"], condition=AWAITING_STAGE, name="stage_awaiting"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.name}"

    @property
    def effective_response_due(self):  # type: ignore[no-untyped-def]
        return self.extended_to or self.response_due


class CaseAccessGrant(models.Model):
    """Who may see a restricted case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="case_grants")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="grant_once")]
        indexes = [models.Index(fields=["user", "case"], name="grant_user")]

    def __str__(self) -> str:
        return f"{self.user_id} may see case {self.case_id}"


class TimelineEvent(models.Model):
    """The audit trail: append-only, one row per change, never edited through the product."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = StampedAt(auto_now_add=True)
    actor = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["case", "at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="timeline_case")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"


class Correspondence(models.Model):
    """A note, call, email, letter or meeting on a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="correspondence")
    kind = models.CharField(max_length=10, choices=CorrespondenceKind.choices)
    direction = models.CharField(
        max_length=10,
        choices=[("in", "From the person"), ("out", "To the person"), ("internal", "Internal")],
        default="internal",
    )
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    happened_at = models.DateTimeField()
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = StampedAt(auto_now_add=True)

    class Meta:
        ordering = ["case", "happened_at", "id"]
        verbose_name_plural = "correspondence"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject or self.body[:60]}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is not the uploaded one: no user text reaches the file system.
    return f"cases/{instance.case_id}/{instance.token}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = StampedAt(auto_now_add=True)

    class Meta:
        ordering = ["case", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Remedy(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remedies")
    stage = models.ForeignKey(CaseStage, null=True, blank=True, on_delete=models.SET_NULL)
    type = models.CharField(max_length=20, choices=RemedyType.choices)
    description = models.TextField()
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    owner = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    done_note = models.TextField(blank=True, help_text="The evidence that it was done.")

    class Meta:
        ordering = ["case", "id"]
        verbose_name_plural = "remedies"
        # Reminders and My work read what is still to do by due date.
        indexes = [
            models.Index(fields=["due_on"], condition=Q(done_on=None), name="remedy_open_due")
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.description[:60]}"


class OutstandingAction(models.Model):
    """Something promised in a response that is still to be done."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    done_note = models.TextField(blank=True, help_text="The evidence that it was done.")

    class Meta:
        ordering = ["case", "due_on", "id"]
        indexes = [
            models.Index(fields=["due_on"], condition=Q(done_on=None), name="action_open_due")
        ]

    def __str__(self) -> str:
        return self.description[:80]


class CaseLink(models.Model):
    """Two related cases; stored once, read from either end."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    note = models.CharField(max_length=200, blank=True)
    created_at = StampedAt(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case"], name="link_once"),
            models.CheckConstraint(
                condition=~models.Q(from_case=models.F("to_case")), name="link_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_case_id} ↔ {self.to_case_id}"


# Reasonable adjustments live in their own module to keep this one small; importing them here
# registers them with the app and lets callers import them from here as before.
from redress.cases.adjustment_models import (  # noqa: E402
    AdjustmentType as AdjustmentType,
)
from redress.cases.adjustment_models import (  # noqa: E402
    ReasonableAdjustment as ReasonableAdjustment,
)

# The statutory procedures' steps and named people, likewise.
from redress.cases.statutory_models import StagePerson as StagePerson  # noqa: E402
from redress.cases.statutory_models import StageStep as StageStep  # noqa: E402
