"""Start-up checks of the single sign-on settings that settings.py cannot make itself (the
roles are the accounts app's). ``manage.py check`` and every management command run them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def role_map_names_roles(app_configs: Any, **kwargs: Any) -> list[Error]:
    from redress.accounts.models import Role
    from redress.accounts.oidc.roles import unknown_roles

    errors = [
        Error(
            f"OIDC_ROLE_MAP: {entry!r} names no role; the roles are {', '.join(Role.values)}",
            id="redress.E001",
        )
        for entry in unknown_roles()
    ]
    if settings.OIDC_ROLE_MAP and not settings.OIDC_ROLE_CLAIM:
        errors.append(Error("OIDC_ROLE_MAP is set but OIDC_ROLE_CLAIM is not", id="redress.E002"))
    return errors
