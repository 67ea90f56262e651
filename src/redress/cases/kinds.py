"""The fixed vocabularies of a case. Service areas and categories are editable data instead."""

from django.db import models


class Kind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    COMPLIMENT = "compliment", "Compliment"
    COMMENT = "comment", "Comment"
    SERVICE_REQUEST = "service_request", "Service request"
    MEMBER_ENQUIRY = "member_enquiry", "Member enquiry"
    FOI_REQUEST = "foi_request", "FOI or EIR request"


REFERENCE_PREFIX = {
    Kind.COMPLAINT: "CMP",
    Kind.COMPLIMENT: "CPL",
    Kind.COMMENT: "COM",
    Kind.SERVICE_REQUEST: "SRQ",
    Kind.MEMBER_ENQUIRY: "MEM",
    Kind.FOI_REQUEST: "FOI",
}


class Channel(models.TextChoices):
    WEB = "web", "Online form"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    SOCIAL_MEDIA = "social_media", "Social media (redirected)"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    RESPONDED = "responded", "Responded"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    RESOLVED = "resolved", "Resolved"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


# The decision a response records; withdrawal and refusal have their own actions.
RESPONSE_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD, Outcome.RESOLVED)
COMPLAINT_RESPONSE_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD)


def response_outcomes_for(kind: str) -> tuple[Outcome, ...]:
    """The decisions a response may record: a complaint is upheld or not; other kinds may
    also simply be resolved."""
    return COMPLAINT_RESPONSE_OUTCOMES if kind == Kind.COMPLAINT else RESPONSE_OUTCOMES


class NotAcceptedReason(models.TextChoices):
    OVER_12_MONTHS = "over_12_months", "Raised more than 12 months after the matter"
    LEGAL_PROCEEDINGS = "legal_proceedings", "Legal proceedings have been filed at court"
    ALREADY_CONSIDERED = "already_considered", "Already considered under this procedure"
    OTHER_PROCEDURE = (
        "other_procedure",
        "Handled under another procedure (councillor conduct, HR, appeals)",
    )
    OTHER = "other", "Other reason"


class RemedyType(models.TextChoices):
    APOLOGY = "apology", "Apology"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledging what went wrong"
    EXPLANATION = "explanation", "Explanation, assistance or reasons"
    ACTION_ON_DELAY = "action_on_delay", "Taking action if there has been delay"
    RECONSIDER = "reconsider", "Reconsidering or changing a decision"
    AMEND_RECORD = "amend_record", "Amending a record or adding a note"
    FINANCIAL = "financial", "Financial remedy"
    POLICY_CHANGE = "policy_change", "Changing policies, procedures or practices"


class CorrespondenceKind(models.TextChoices):
    NOTE = "note", "Note"
    CALL = "call", "Phone call"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    MEETING = "meeting", "Meeting"


class ContactPreference(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


class CorrespondenceTo(models.TextChoices):
    """Who letters and emails about a case go to when someone represents the person."""

    PERSON = "person", "The person only"
    REPRESENTATIVE = "representative", "The representative only"
    BOTH = "both", "Both the person and the representative"


class AdjustmentState(models.TextChoices):
    PROPOSED = "proposed", "Asked for, to confirm"
    AGREED = "agreed", "In place"
    ENDED = "ended", "Ended"
