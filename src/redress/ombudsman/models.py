"""A complaint taken to the Ombudsman after its final stage: the Ombudsman's enquiries, its
decision and the recommendations the organisation must evidence it has carried out."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from redress.core.stamps import StampedAt


class Body(models.TextChoices):
    LGSCO = "lgsco", "Local Government and Social Care Ombudsman"
    HOUSING = "housing", "Housing Ombudsman"


class Decision(models.TextChoices):
    # The LGSCO's decision categories.
    ADVICE_GIVEN = "advice_given", "Advice given"
    CLOSED_AFTER_INITIAL_ENQUIRIES = (
        "closed_after_initial_enquiries",
        "Closed after initial enquiries",
    )
    INCOMPLETE_OR_INVALID = "incomplete_or_invalid", "Incomplete or invalid"
    REFERRED_BACK = "referred_back", "Referred back for local resolution (premature)"
    UPHELD = "upheld", "Investigated: upheld"
    NOT_UPHELD = "not_upheld", "Investigated: not upheld"
    # The Housing Ombudsman's findings.
    NO_MALADMINISTRATION = "no_maladministration", "No maladministration"
    SERVICE_FAILURE = "service_failure", "Service failure"
    MALADMINISTRATION = "maladministration", "Maladministration"
    SEVERE_MALADMINISTRATION = "severe_maladministration", "Severe maladministration"
    MEDIATION = "mediation", "Mediation"
    REASONABLE_REDRESS = "reasonable_redress", "Reasonable redress"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    WITHDRAWN = "withdrawn", "Withdrawn"


DECISIONS_BY_BODY: dict[str, tuple[Decision, ...]] = {
    Body.LGSCO: (
        Decision.ADVICE_GIVEN,
        Decision.CLOSED_AFTER_INITIAL_ENQUIRIES,
        Decision.INCOMPLETE_OR_INVALID,
        Decision.REFERRED_BACK,
        Decision.UPHELD,
        Decision.NOT_UPHELD,
    ),
    Body.HOUSING: (
        Decision.NO_MALADMINISTRATION,
        Decision.SERVICE_FAILURE,
        Decision.MALADMINISTRATION,
        Decision.SEVERE_MALADMINISTRATION,
        Decision.MEDIATION,
        Decision.REASONABLE_REDRESS,
        Decision.OUTSIDE_JURISDICTION,
        Decision.WITHDRAWN,
    ),
}

# The LGSCO's upheld rate is of detailed investigations only.
LGSCO_INVESTIGATED = (Decision.UPHELD, Decision.NOT_UPHELD)
# The Housing Ombudsman's maladministration rate counts these findings.
HOUSING_MALADMINISTRATION = (
    Decision.SEVERE_MALADMINISTRATION,
    Decision.MALADMINISTRATION,
    Decision.SERVICE_FAILURE,
)


class RequestKind(models.TextChoices):
    ENQUIRY = "enquiry", "Enquiry"
    INFORMATION = "information", "Request for information"
    DRAFT_DECISION = "draft_decision", "Draft decision to comment on"


class RecommendationKind(models.TextChoices):
    PERSONAL = "personal", "Personal remedy for the complainant"
    SERVICE_IMPROVEMENT = "service_improvement", "Service improvement"


class OmbudsmanCase(models.Model):
    """One case's complaint to the Ombudsman. A case goes to the Ombudsman once, after its
    final stage, so this is one-to-one with the case."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="ombudsman_case"
    )
    body = models.CharField(max_length=10, choices=Body.choices)
    reference = models.CharField(max_length=40, help_text="The Ombudsman's own reference.")
    notified_on = models.DateField(help_text="When the Ombudsman told us of the complaint.")
    decision = models.CharField(max_length=32, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    remedy_already_provided = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether we had already offered a satisfactory remedy before the Ombudsman "
        "decided (the LGSCO publishes this share of upheld complaints).",
    )
    created_at = StampedAt(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="", decided_on__isnull=True)
                | (~Q(decision="") & Q(decided_on__isnull=False)),
                name="ombudsman_decided_with_date",
            )
        ]
        # The annual report reads a financial year's decisions.
        indexes = [models.Index(fields=["decided_on"], name="ombudsman_decided")]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.reference}"

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)


class OmbudsmanRequest(models.Model):
    """An enquiry, request for information or draft decision, with the Ombudsman's deadline:
    missing one is itself recorded against the organisation."""

    ombudsman_case = models.ForeignKey(
        OmbudsmanCase, on_delete=models.CASCADE, related_name="requests"
    )
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    description = models.CharField(max_length=300, blank=True)
    received_on = models.DateField()
    due_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        # The queue lists unanswered requests by due date.
        indexes = [
            models.Index(
                fields=["due_on", "id"],
                condition=Q(answered_on__isnull=True),
                name="ombudsman_request_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"


class OmbudsmanRecommendation(models.Model):
    """Something the Ombudsman asked us to do by a date, and the evidence that it was done."""

    ombudsman_case = models.ForeignKey(
        OmbudsmanCase, on_delete=models.CASCADE, related_name="recommendations"
    )
    kind = models.CharField(max_length=20, choices=RecommendationKind.choices)
    description = models.TextField()
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True, help_text="What shows it was done.")

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"
