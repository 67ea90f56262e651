"""The register's part of the staff pages, as tags so the staff views need not know of it:
the navigation link for the governance group, and the case page's warnings."""

from __future__ import annotations

from typing import Any

from django import template

from redress.cases.models import Case, Person
from redress.register.selectors import concerning, entries_for, is_member
from redress.register.warnings import case_warnings

register = template.Library()


@register.filter
def in_governance_group(user: Any) -> bool:
    return is_member(user)


@register.inclusion_tag("register/includes/case_warnings.html", takes_context=True)
def register_warnings(context: Any, case: Case) -> dict[str, Any]:
    """ "Contact restrictions apply" with the restrictions and the named contact, and a warning
    before visiting an address on the register: never the behaviour or the reasons. Shown to
    everyone who can see the case, which the case page has already checked."""
    user = context["request"].user
    member = is_member(user)
    warnings, visits = case_warnings(case.person)
    return {
        "case": case,
        "warnings": warnings,
        "visits": visits,
        "member": member,
        # A member may go from the case to the entry, or start one from the case's person.
        "entry_ids": (
            list(
                entries_for(user)
                .filter(concerning(case.person))
                .distinct()
                .values_list("pk", flat=True)
            )
            if member
            else []
        ),
    }


@register.inclusion_tag("register/includes/case_warnings.html")
def person_register_warnings(person: Person) -> dict[str, Any]:
    """The same warnings on a page about a person (the subject access page), for anyone who
    may open it; the register's own links are left to the case page."""
    warnings, visits = case_warnings(person)
    return {"warnings": warnings, "visits": visits, "member": False}
