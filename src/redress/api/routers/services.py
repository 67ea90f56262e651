"""GET /services: the service areas a case can be about, with their categories."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router, Schema

from redress.api.errors import ERRORS
from redress.cases.models import Category, Service

router = Router(tags=["services"])


class ServiceCategoryOut(Schema):
    id: int
    name: str


class ServiceAreaOut(Schema):
    slug: str
    name: str
    categories: list[ServiceCategoryOut]


def services_with_categories() -> list[dict[str, Any]]:
    """Each active service area with its active categories, its own and the shared ones (a
    category with no service applies to every service, as on the log form): two queries."""
    shared = list(Category.objects.filter(service=None, is_active=True).order_by("name", "id"))
    services = Service.objects.filter(is_active=True).prefetch_related(
        Prefetch(
            "categories",
            queryset=Category.objects.filter(is_active=True).order_by("name", "id"),
            to_attr="own_categories",
        )
    )
    return [
        {
            "slug": service.slug,
            "name": service.name,
            "categories": [
                {"id": c.pk, "name": c.name}
                for c in sorted([*service.own_categories, *shared], key=lambda c: (c.name, c.pk))
            ],
        }
        for service in services.order_by("name")
    ]


@router.get("/services", response={200: list[ServiceAreaOut], **ERRORS})
def list_services(request: HttpRequest) -> list[dict[str, Any]]:
    return services_with_categories()
