"""What a statutory stage records beyond the Code's dates: its dated steps and named people.
Kept apart from models.py to keep that module small; models.py imports these so the app
registers them and callers import them from there as before."""

from django.conf import settings
from django.db import models

from redress.cases.models import CaseStage

USER = settings.AUTH_USER_MODEL


class StageStep(models.Model):
    """A dated step done on a stage: a statutory procedure's step (the children's review panel
    and its report) or the adult procedure's agreement and delay letter. Only what was done is
    stored; when each step is due follows from the procedure version and these dates."""

    stage = models.ForeignKey(CaseStage, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(max_length=40)
    done_on = models.DateField()
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["stage", "done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["stage", "key"], name="step_once")]

    def __str__(self) -> str:
        return f"{self.key} on {self.done_on}"


class StagePerson(models.Model):
    """Someone a statutory stage names: children's stage 2's investigating officer and
    independent person (often from outside the council, so a name rather than an account)."""

    stage = models.ForeignKey(CaseStage, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=40)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["stage", "role"]
        constraints = [models.UniqueConstraint(fields=["stage", "role"], name="stage_role_once")]

    def __str__(self) -> str:
        return f"{self.role}: {self.name}"
