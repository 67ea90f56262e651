from __future__ import annotations

from redress.accounts.models import ApiToken, User, hash_token
from redress.core import clock


def api_token_create(
    *, user: User, name: str = "", read_only: bool = False
) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns the row and the secret, which is not kept."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        read_only=read_only,
        prefix=secret[4:12],
        key_hash=hash_token(secret),
    )
    return token, secret


def api_token_revoke(*, token: ApiToken) -> None:
    """Stop a token working from now on; the row stays, so its use is still on record."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])


def api_token_in_use(secret: str) -> ApiToken | None:
    """The live token of an active user, or None; records when it was last used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    # Writing on every call would serialise API reads on SQLite; a minute's precision is plenty.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
