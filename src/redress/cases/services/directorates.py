"""Directorates: groups of service areas for reports. Administrators keep them, on a
settings page or in the admin."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from redress.accounts.models import User
from redress.cases.models import Directorate, Service
from redress.cases.services.heads import may_set_heads
from redress.core.errors import InvalidInput, NotPermitted

may_edit_directorates = may_set_heads  # the same people: administrators


@transaction.atomic
def directorate_save(
    *,
    by: User | None,
    name: str,
    services: Iterable[Service],
    directorate: Directorate | None = None,
) -> Directorate:
    """Create ``directorate`` (None) or rename it, and make ``services`` its service areas:
    a service area chosen here leaves its old directorate; one left out leaves this one."""
    if by is not None and not may_edit_directorates(by):
        raise NotPermitted("Only administrators can change directorates.")
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput.for_field("name", "Enter the name of the directorate.")
    if len(name) > 120:
        raise InvalidInput.for_field("name", "The name must be 120 characters or fewer.")
    slug = slugify(name)[:60]
    clash = Directorate.objects.filter(slug=slug) | Directorate.objects.filter(name=name)
    if directorate is not None:
        clash = clash.exclude(pk=directorate.pk)
    if not slug or clash.exists():
        raise InvalidInput.for_field("name", "There is already a directorate with that name.")
    directorate = directorate or Directorate()
    directorate.name, directorate.slug = name, slug
    directorate.save()
    chosen = [s.pk for s in services]
    Service.objects.filter(directorate=directorate).exclude(pk__in=chosen).update(directorate=None)
    Service.objects.filter(pk__in=chosen).update(directorate=directorate)
    return directorate
