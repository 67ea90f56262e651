"""What rows refer to, read once per import: service areas and categories by slug or name,
and the procedure (current version and definition) each kind, service and category gets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.text import slugify

from redress.cases.models import Category, Service
from redress.core import clock
from redress.core.dates import earliest_receipt_date
from redress.imports.values import normal
from redress.procedures.definitions import ProcedureDefinition
from redress.procedures.models import ProcedureVersion
from redress.procedures.routing import procedure_for
from redress.procedures.services import current_version, definition_of


@dataclass(frozen=True)
class Applies:
    """The procedure a case gets, as it stands now."""

    version: ProcedureVersion
    definition: ProcedureDefinition


class Lookups:
    """Everything a row is checked against; the tables are small, so they are held whole."""

    def __init__(self) -> None:
        self.today: dt.date = clock.today()
        self.earliest: dt.date = earliest_receipt_date()
        self._services: dict[str, Service] = {}
        for service in Service.objects.all():
            self._services[normal(service.slug)] = service
            self._services[normal(service.name)] = service
        self._categories: dict[tuple[int | None, str], Category] = {}
        for category in Category.objects.all():
            for word in (normal(category.name), normal(slugify(category.name))):
                self._categories[(category.service_id, word)] = category
        self._procedures: dict[tuple[str, int, int | None], Applies | None] = {}

    def service(self, text: str) -> Service | None:
        return self._services.get(normal(text))

    def category(self, text: str, service: Service) -> Category | None:
        """The service's own category of that name, else one that applies to every service."""
        word = normal(text)
        return self._categories.get((service.pk, word)) or self._categories.get((None, word))

    def procedure(self, kind: str, service: Service, category: Category | None) -> Applies | None:
        key = (kind, service.pk, category.pk if category else None)
        if key not in self._procedures:
            procedure = procedure_for(kind, service, category)
            applies = None
            if procedure is not None:
                version = current_version(procedure)
                applies = Applies(version=version, definition=definition_of(version))
            self._procedures[key] = applies
        return self._procedures[key]
