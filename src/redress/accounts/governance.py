"""Whether someone is an active member of the governance group, who keep the register of
contact restrictions: the one rule, asked by two-factor sign-in (``accounts.two_factor``) and
by the register itself (``register.selectors.is_member``).

The answer is kept on the user object for the request: the middleware, the navigation and the
case page's warnings all ask it on one page. The register's table is read through the app
registry by name, because the register app sits above accounts.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

_CACHE = "_redress_governance_member"


def in_governance_group(user: Any) -> bool:
    """Whether ``user`` is signed in, active and a member of the governance group."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        member = apps.get_model("register", "GovernanceMember")
        cached = member.objects.filter(user_id=user.pk).exists()
        setattr(user, _CACHE, cached)
    return bool(cached)


def forget_membership(user: Any) -> None:
    """Drop the kept answer, after the user joined or left the group."""
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)
