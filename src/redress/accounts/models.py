import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models

from redress.core.stamps import StampedAt


class Role(models.TextChoices):
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    SERVICE_RESPONDER = "service_responder", "Service responder"
    INVESTIGATOR = "investigator", "Stage 2 investigator"
    MANAGER = "manager", "Manager"
    ADMINISTRATOR = "administrator", "Administrator"
    # Oversight only: the reports' aggregate figures and survey results, never a case.
    MEMBER = "member", "Elected Member"


class User(AbstractUser):
    """A member of staff. What they may see and do follows from ``role`` and ``services``."""

    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    services = models.ManyToManyField(
        "cases.Service",
        blank=True,
        related_name="staff",
        help_text="Service areas this person answers for (responders) or oversees (managers).",
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    @property
    def display_name(self) -> str:
        return self.name_from(self.first_name, self.last_name, self.username)

    @staticmethod
    def name_from(first_name: str, last_name: str, username: str) -> str:
        """How staff are named on every page: their full name, else their username. Lists
        that read names as values (not models) call this too."""
        return f"{first_name} {last_name}".strip() or username


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    read_only = models.BooleanField(
        default=False, help_text="A read-only token may read what its user sees, never change it."
    )
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = StampedAt(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user.username} {self.prefix}…"

    @staticmethod
    def new_secret() -> str:
        return "rdr_" + secrets.token_urlsafe(32)


class OidcIdentity(models.Model):
    """The identity provider's account a member of staff signs in with (single sign-on).

    Linked on the first sign-in, to the staff account with the same email address or to a new
    one, then found by the provider's subject, so a change of email address at the provider
    keeps the same account. ``mapped_role`` is the role the provider's claim gave at the last
    sign-in: a role given that way is taken away when the claim stops giving it, a role an
    administrator gave by hand is not.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="oidc_identity")
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    mapped_role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    linked_at = StampedAt(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "single sign-on account"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"
