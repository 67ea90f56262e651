"""Restricting a case to named people, and granting or removing their access.

One function, ``case_set_access``, serves the case page and the API: it checks every name
before it writes anything, so a typo leaves the case as it was. Whoever restricts a case, and
whoever handles its current stage, keeps access: nobody can lock themselves or the handler out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from redress.accounts.models import User
from redress.cases.models import Case, CaseAccessGrant
from redress.cases.permissions import Action, require, role_of
from redress.cases.services.timeline import record_event
from redress.core.errors import InvalidInput


@dataclass(frozen=True)
class AccessChange:
    case: Case
    granted: list[User]
    revoked: list[User]


def people_named(usernames: Sequence[str], field: str) -> list[User]:
    """The active staff with these usernames, or InvalidInput naming each one not found."""
    wanted = list(dict.fromkeys(name.strip() for name in usernames if name.strip()))
    found = {u.username: u for u in User.objects.filter(username__in=wanted, is_active=True)}
    unknown = [name for name in wanted if name not in found]
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        raise InvalidInput.for_field(field, f"There is no active member of staff {names}.")
    no_role = [u.username for u in found.values() if not role_of(u)]
    if no_role:
        raise InvalidInput.for_field(
            field, f"{', '.join(no_role)} has no role, so could not see the case anyway."
        )
    return [found[name] for name in wanted]


def _check(
    case: Case,
    by: User | None,
    restricted: bool,
    grant: list[User],
    revoke: list[User],
    reason: str,
) -> None:
    both = {u.username for u in grant} & {u.username for u in revoke}
    if both:
        raise InvalidInput.for_field(
            "revoke", f"{', '.join(sorted(both))} cannot be both granted and removed."
        )
    if restricted != case.restricted and not reason.strip():
        raise InvalidInput.for_field("reason", "Say why the case is being restricted or opened up.")
    if restricted == case.restricted and not grant and not revoke:
        raise InvalidInput.for_field(
            "restricted", "Nothing to change: restrict or open up the case, or name someone."
        )
    for person in revoke:
        if by is not None and person.pk == by.pk:
            raise InvalidInput.for_field(
                "revoke", "You cannot remove your own access: ask another officer to."
            )
        if person.pk == case.current_handler_id:
            raise InvalidInput.for_field(
                "revoke",
                f"{person.display_name} handles this case: assign it to someone else first.",
            )


@transaction.atomic
def case_set_access(
    *,
    case: Case,
    by: User | None,
    restricted: bool | None = None,
    grant: Sequence[str] = (),
    revoke: Sequence[str] = (),
    reason: str = "",
) -> AccessChange:
    """Restrict or open up ``case`` (``restricted``; None leaves it as it is) and grant or
    remove named people's access to it, as one change on the timeline."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    require(by, Action.RESTRICT, case)
    granted = people_named(grant, "grant")
    revoked = people_named(revoke, "revoke")
    restricted = case.restricted if restricted is None else restricted
    _check(case, by, restricted, granted, revoked, reason)
    # Who restricts, and who handles the stage, keep access: nobody is locked out by this.
    keepers = [u for u in (by, case.current_handler) if u is not None] if restricted else []
    for person in [*granted, *keepers]:
        CaseAccessGrant.objects.get_or_create(case=case, user=person)
    CaseAccessGrant.objects.filter(case=case, user__in=revoked).delete()
    before = {"restricted": case.restricted}
    changed_flag = restricted != case.restricted
    if changed_flag:
        case.restricted = restricted
        case.save(update_fields=["restricted", "updated_at"])
    record_event(
        case=case,
        actor=by,
        kind="access_changed",
        summary=_summary(changed_flag, restricted, granted, revoked, reason),
        before=before,
        after={
            "restricted": restricted,
            "granted": [u.pk for u in granted],
            "revoked": [u.pk for u in revoked],
        },
    )
    return AccessChange(case, granted, revoked)


def _summary(
    changed_flag: bool, restricted: bool, granted: list[User], revoked: list[User], reason: str
) -> str:
    parts = []
    if changed_flag:
        parts.append("Case restricted" if restricted else "Restriction removed")
    if granted:
        parts.append("access granted to " + ", ".join(u.display_name for u in granted))
    if revoked:
        parts.append("access removed from " + ", ".join(u.display_name for u in revoked))
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:]
    if reason.strip():
        text += f" ({reason.strip()})"
    return text[:300]


def people_with_access(case: Case) -> list[User]:
    """Who is granted access to ``case``, by name."""
    return list(
        User.objects.filter(case_grants__case=case).order_by("first_name", "last_name", "username")
    )
