"""Roles from the identity provider: the values of one claim (``OIDC_ROLE_CLAIM``, such as
``groups`` or ``roles``) mapped to Redress roles by ``OIDC_ROLE_MAP``.

Values are compared without regard to case (Entra ID sends group ids, others send names). A
person with several mapped values gets the role that allows most, in the order of ``RANK``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from redress.accounts.models import Role

RANK = (
    Role.ADMINISTRATOR,
    Role.COMPLAINTS_OFFICER,
    Role.MANAGER,
    Role.INVESTIGATOR,
    Role.SERVICE_RESPONDER,
)


def unknown_roles() -> list[str]:
    """Entries of OIDC_ROLE_MAP naming no role (the system check reports them)."""
    return [f"{v}={r}" for v, r in settings.OIDC_ROLE_MAP.items() if r not in Role.values]


def claim_values(claims: dict[str, Any]) -> list[str]:
    """The role claim's values: a list, or one string; a dotted name reaches into objects."""
    value: Any = claims
    for part in settings.OIDC_ROLE_CLAIM.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value if isinstance(item, str | int)]
    return []


def mapped_role(claims: dict[str, Any]) -> str:
    """The role the claim gives, or "" when it gives none (or no claim is set)."""
    if not settings.OIDC_ROLE_CLAIM:
        return ""
    mapping = {value.casefold(): role for value, role in settings.OIDC_ROLE_MAP.items()}
    given = {mapping.get(value.casefold()) for value in claim_values(claims)}
    return next((role.value for role in RANK if role.value in given), "")
