"""Heads of service: who hears when a service area's deadline is missed or its cases wait
for someone to pick them up. Administrators set them, in the admin or on a settings page."""

from __future__ import annotations

from django.db import transaction

from redress.accounts.models import Role, User
from redress.cases.models import Service
from redress.cases.permissions import role_of
from redress.core.errors import InvalidInput, NotPermitted


def may_set_heads(user: User | None) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


@transaction.atomic
def service_set_head(*, service: Service, by: User | None, head: User | None) -> Service:
    """Make ``head`` the head of ``service`` (None: nobody)."""
    if by is not None and not may_set_heads(by):
        raise NotPermitted("Only administrators can set heads of service.")
    if head is not None and (not head.is_active or not role_of(head)):
        raise InvalidInput.for_field(
            "head", f"{head.display_name} has no active account with a role."
        )
    service.head = head
    service.save(update_fields=["head"])
    return service
