from __future__ import annotations

from redress.accounts.models import ApiToken, User, hash_token
from redress.core import clock


def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns the row and the secret, which is not kept."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[4:12], key_hash=hash_token(secret)
    )
    return token, secret


def api_token_user(secret: str) -> User | None:
    """The active user a token belongs to, or None; records when it was last used."""
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
    return token.user
