"""Who is asking: the client's address, read one way for every throttle (the portal's rate
limits, sign-in and API token throttling)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str:
    """The client's IP address.

    ``CLIENT_ADDRESS_HEADER`` names the ``request.META`` key to read; the default,
    ``REMOTE_ADDR``, is the socket's peer and right when nothing stands in front of Redress.
    Behind a reverse proxy set it to the header the proxy overwrites (``HTTP_X_REAL_IP``), or
    to ``HTTP_X_FORWARDED_FOR`` with ``PORTAL_TRUSTED_PROXIES`` proxies: the Nth address from
    the right is used, since the leftmost entries are whatever the client chose to send.
    Anything that is not an IP address falls back to the socket's, so a forged header can
    neither break a throttle's records nor pick someone else's address at random.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", "REMOTE_ADDR") or "REMOTE_ADDR"
    proxies = int(getattr(settings, "PORTAL_TRUSTED_PROXIES", 0))
    if header == "REMOTE_ADDR" and proxies > 0:
        header = "HTTP_X_FORWARDED_FOR"  # what PORTAL_TRUSTED_PROXIES alone has always meant
    entries = [e.strip() for e in str(request.META.get(header, "")).split(",") if e.strip()]
    position = max(proxies, 1)
    if len(entries) >= position and _is_address(entries[-position]):
        return entries[-position]
    return remote if _is_address(remote) else "0.0.0.0"  # noqa: S104 - a record, not a bind
