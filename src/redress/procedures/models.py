from django.conf import settings
from django.db import models

from redress.calendars.clock import Unit
from redress.calendars.registry import CALENDAR_CHOICES
from redress.cases.kinds import Kind
from redress.core.stamps import StampedAt
from redress.procedures.definitions import HandledBy, RespondFrom

UNIT_CHOICES = [(u.value, u.value.replace("_", " ")) for u in Unit]


class Procedure(models.Model):
    """The editable definition. Cases never point here directly but at a frozen version."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    calendar = models.CharField(max_length=32, choices=CALENDAR_CHOICES)
    default_for_kind = models.CharField(
        max_length=32,
        choices=Kind.choices,
        blank=True,
        help_text="New cases of this kind use this procedure unless another is chosen.",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["default_for_kind"],
                condition=~models.Q(default_for_kind=""),
                name="one_default_procedure_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProcedureStage(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    acknowledge_amount = models.PositiveIntegerField(null=True, blank=True)
    acknowledge_unit = models.CharField(max_length=20, choices=UNIT_CHOICES, blank=True)
    respond_amount = models.PositiveIntegerField(null=True, blank=True)
    respond_unit = models.CharField(max_length=20, choices=UNIT_CHOICES, blank=True)
    respond_from = models.CharField(
        max_length=20,
        choices=[(r.value, r.value) for r in RespondFrom],
        default=RespondFrom.RECEIPT.value,
    )
    max_extension_amount = models.PositiveIntegerField(null=True, blank=True)
    max_extension_unit = models.CharField(max_length=20, choices=UNIT_CHOICES, blank=True)
    handled_by = models.CharField(
        max_length=20,
        choices=[(h.value, h.value) for h in HandledBy],
        default=HandledBy.SERVICE.value,
    )
    escalation_window_amount = models.PositiveIntegerField(
        null=True, blank=True, help_text="How long the person has to ask for the next stage."
    )
    escalation_window_unit = models.CharField(max_length=20, choices=UNIT_CHOICES, blank=True)
    people = models.JSONField(
        default=list,
        blank=True,
        help_text="People the stage names, from: investigating_officer, independent_person.",
    )
    steps = models.JSONField(
        default=list,
        blank=True,
        help_text='Dated steps within the stage, in order, each {"key", "name", "within": '
        '{"amount", "unit"}, "after": "opening" or an earlier step\'s key, "answers": true for '
        "the step that is the stage's response}.",
    )
    agreed_response = models.BooleanField(
        default=False,
        help_text="The response date is agreed with the person; once it passes unanswered, "
        "staff are prompted to write and explain why.",
    )

    class Meta:
        ordering = ["procedure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "key"], name="stage_key_once"),
            models.UniqueConstraint(fields=["procedure", "position"], name="stage_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.slug}: {self.name}"


class ProcedureVersion(models.Model):
    """An immutable snapshot of a procedure, made each time its definition changes."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    created_at = StampedAt(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.name} v{self.number}"


class ProcedureRoute(models.Model):
    """Which procedure a new case gets: kind and service area, and optionally a category.

    The most specific route wins (one with the case's category over one without); with no
    route the kind's default procedure applies. ``procedures.routing.procedure_for`` is the
    one place this is decided.
    """

    kind = models.CharField(max_length=32, choices=Kind.choices)
    service = models.ForeignKey(
        "cases.Service", on_delete=models.CASCADE, related_name="procedure_routes"
    )
    category = models.ForeignKey(
        "cases.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="procedure_routes",
        help_text="Leave blank for every case of this kind about the service area.",
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="routes")

    class Meta:
        ordering = ["service__name", "kind", "category__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "service"],
                condition=models.Q(category__isnull=True),
                name="route_once_per_kind_and_service",
            ),
            models.UniqueConstraint(
                fields=["kind", "service", "category"],
                condition=models.Q(category__isnull=False),
                name="route_once_per_kind_service_and_category",
            ),
        ]

    def __str__(self) -> str:
        about = f"{self.service}" + (f", {self.category}" if self.category_id else "")
        return f"{self.get_kind_display()} about {about} → {self.procedure}"
