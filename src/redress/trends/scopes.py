"""The kinds of scope the alerts compare, as one list: each says what to group cases by and
how to name what it finds. A new kind is one more entry in ``SCOPE_KINDS``.

The key is the value grouped by, as text (an id, or a postcode district); a case without one
(no category, no postcode in the address) is not counted for that kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from redress.cases.models import Category, Directorate, Service


@dataclass(frozen=True)
class Described:
    name: str
    slug: str = ""
    service_id: int | None = None  # the service area it belongs to, if one
    find_filters: dict[str, Any] | None = None  # Find cases filters for its cases, if it can


@dataclass(frozen=True)
class ScopeKind:
    kind: str  # as the API names it
    label: str  # as a page names it
    group_by: str  # the path from a case to the key
    describe: Callable[[Iterable[str]], dict[str, Described]]
    # Whether the head of the scope's service area hears of its alerts (the complaints team
    # always does).
    tells_head: bool = True
    text_key: bool = False  # a text key, where "" means none, rather than an id


def _services(keys: Iterable[str]) -> dict[str, Described]:
    rows = Service.objects.filter(pk__in=[int(k) for k in keys])
    return {str(s.pk): Described(s.name, s.slug, s.pk, {"service": s}) for s in rows.order_by("pk")}


def _categories(keys: Iterable[str]) -> dict[str, Described]:
    rows = Category.objects.filter(pk__in=[int(k) for k in keys]).select_related("service")
    found = {}
    for category in rows:
        where = category.service.name if category.service else "all service areas"
        found[str(category.pk)] = Described(
            f"{category.name} ({where})",
            service_id=category.service_id,
            find_filters={"category": category},
        )
    return found


def _directorates(keys: Iterable[str]) -> dict[str, Described]:
    # Find cases has no filter by directorate, so these link nowhere.
    rows = Directorate.objects.filter(pk__in=[int(k) for k in keys])
    return {str(d.pk): Described(d.name, d.slug) for d in rows.order_by("pk")}


def _areas(keys: Iterable[str]) -> dict[str, Described]:
    # Find cases has no filter by area, so these link nowhere.
    return {key: Described(key) for key in keys}


SCOPE_KINDS: list[ScopeKind] = [
    ScopeKind("service", "Service area", "service_id", _services),
    ScopeKind("category", "Category", "category_id", _categories),
    # A directorate's head is not a service's: the complaints team hears of its alerts.
    ScopeKind(
        "directorate",
        "Directorate",
        "service__directorate_id",
        _directorates,
        tells_head=False,
    ),
    # Redress records no ward, so the area is the postcode district of the person's address.
    ScopeKind(
        "area",
        "Area (postcode district)",
        "person__postcode_district",
        _areas,
        tells_head=False,
        text_key=True,
    ),
]

BY_KIND = {kind.kind: kind for kind in SCOPE_KINDS}


def kind_label(kind: str) -> str:
    found = BY_KIND.get(kind)
    return found.label if found else kind
