"""What the staff app keeps beside the case record: response drafts and their reviews, the
jargon list and the letter and email templates."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.stamps import StampedAt

USER = settings.AUTH_USER_MODEL


class DraftState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    RETURNED = "returned", "Returned with comments"
    APPROVED = "approved", "Approved"
    SENT = "sent", "Sent"


class ResponseDraft(models.Model):
    """A response to one stage of a case, written in the parts the Code asks every response
    to contain, read by the complaints team before it is sent."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="drafts")
    stage = models.ForeignKey("cases.CaseStage", on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=10, choices=DraftState.choices, default=DraftState.DRAFT)
    outcome = models.CharField(max_length=20, blank=True)
    definition = models.TextField("Our understanding of the complaint", blank=True)
    decision = models.TextField("Our decision", blank=True)
    reasons = models.TextField("The reasons for our decision", blank=True)
    remedy = models.TextField("What we will do to put things right", blank=True)
    outstanding_actions = models.TextField("Actions still to be done", blank=True)
    escalation = models.TextField("If you are not happy with this response", blank=True)
    created_at = StampedAt(auto_now_add=True)
    updated_at = StampedAt(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "-created_at", "-id"]
        indexes = [models.Index(fields=["state", "updated_at"], name="draft_state")]

    SECTIONS = (
        "definition",
        "decision",
        "reasons",
        "remedy",
        "outstanding_actions",
        "escalation",
    )

    def __str__(self) -> str:
        return f"Draft {self.pk} for {self.case_id}"


class DraftReview(models.Model):
    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned with comments"

    draft = models.ForeignKey(ResponseDraft, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comments = models.TextField(blank=True)
    at = StampedAt(auto_now_add=True)

    class Meta:
        ordering = ["draft", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} draft {self.draft_id}"


class JargonTerm(models.Model):
    """A word or phrase that responses should avoid, with the plain words to use instead."""

    term = models.CharField(max_length=80, unique=True)
    instead = models.CharField("Use instead", max_length=200, blank=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term


class TemplatePurpose(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    EXTENSION = "extension", "Extension"
    RESPONSE = "response", "Response"
    REFUSAL = "refusal", "Not accepted"
    ROUTED = "routed", "Handled under another procedure"


class MessageTemplate(models.Model):
    """The wording of a letter or email. The most specific row wins: kind and stage, then
    kind, then any kind; with no row the built-in wording is used."""

    purpose = models.CharField(max_length=20, choices=TemplatePurpose.choices)
    kind = models.CharField(max_length=20, blank=True)
    stage_key = models.CharField(max_length=40, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = StampedAt(auto_now=True)
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["purpose", "kind", "stage_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "kind", "stage_key"], name="one_template_per_purpose_kind_stage"
            )
        ]

    def __str__(self) -> str:
        kind, stage = self.kind or "any kind", self.stage_key or "any stage"
        return f"{self.get_purpose_display()} {kind} {stage}"
