from django.db import models

from redress.core.stamps import StampedAt


class RateCounter(models.Model):
    """Requests from one client address in one time window, shared by every web process."""

    scope = models.CharField(max_length=20)
    client = models.CharField(max_length=64)
    window_start = models.BigIntegerField(help_text="Start of the window, in Unix seconds.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "client", "window_start"], name="rate_once")
        ]
        indexes = [models.Index(fields=["window_start"], name="rate_window")]

    def __str__(self) -> str:
        return f"{self.scope} {self.client} {self.window_start}: {self.count}"


def pending_upload_path(instance: "PendingUpload", filename: str) -> str:
    # Never the uploaded name: no text from the public reaches the file system.
    return f"portal-pending/{instance.token}"


class PendingUpload(models.Model):
    """A file chosen on the attachments page, kept until the feedback is sent (then it becomes
    a case attachment) or abandoned (then housekeeping removes it)."""

    token = models.CharField(max_length=32, unique=True)
    owner = models.CharField(max_length=64, db_index=True, help_text="The form session's key.")
    file = models.FileField(upload_to=pending_upload_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = StampedAt(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.original_name


class ProgressLink(models.Model):
    """A one-time link to a case's progress page. Only the token's hash is stored."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = StampedAt(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"progress link for case {self.case_id}"


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 5, "Very satisfied"
    SATISFIED = 4, "Fairly satisfied"
    NEITHER = 3, "Neither satisfied nor dissatisfied"
    DISSATISFIED = 2, "Fairly dissatisfied"
    VERY_DISSATISFIED = 1, "Very dissatisfied"


class SurveyResponse(models.Model):
    """The after-closure satisfaction survey: one answer per case, ever."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="survey")
    handling = models.PositiveSmallIntegerField(
        choices=Satisfaction.choices, help_text="Satisfaction with how the case was handled."
    )
    outcome = models.PositiveSmallIntegerField(
        choices=Satisfaction.choices, help_text="Satisfaction with the outcome."
    )
    easy_to_contact = models.BooleanField(help_text="Found it easy to contact the council.")
    comments = models.TextField(blank=True)
    answered_at = StampedAt(auto_now_add=True)

    def __str__(self) -> str:
        return f"survey for case {self.case_id}"


class SurveyInvitation(models.Model):
    """The invitation to the survey, sent once when a case closes: the row is made in the same
    transaction as the messages, and one case can have only one, however often the job runs
    and however many workers run it. Only the hash of the link's token is kept."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="survey_invitation"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"survey invitation for case {self.case_id}"
