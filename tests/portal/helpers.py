"""Walk the portal's question pages with Django's test client."""

from __future__ import annotations

from typing import Any

ANSWERS: dict[str, dict[str, Any]] = {
    "what-would-you-like-to-do": {"kind": "complaint"},
    "who-is-it-for": {"for_whom": "myself"},
    "what-happened": {
        "details": "The bin on my street was missed three weeks running.",
        "happened_on_0": "2",
        "happened_on_1": "11",
        "happened_on_2": "2026",
    },
    "what-would-put-it-right": {"outcome": "Collect the bin and say sorry."},
    "your-contact-details": {
        "name": "Sam Public",
        "email": "sam@example.com",
        "phone": "",
        "address": "",
        "preference": "email",
    },
    "support-you-need": {"needs_support": "no"},
}


def fill_in(client, service, **overrides: dict[str, Any]) -> None:
    """Answer every question page; ``overrides`` replaces a page's answers by slug."""
    pages = dict(ANSWERS)
    pages["which-service"] = {"service": str(service.pk)}
    pages.update({k.replace("_", "-"): v for k, v in overrides.items()})
    order = [
        "what-would-you-like-to-do",
        "which-service",
        "who-is-it-for",
        "what-happened",
        "what-would-put-it-right",
        "your-contact-details",
        "support-you-need",
    ]
    for slug in order:
        if slug == "what-would-put-it-right" and pages["what-would-you-like-to-do"]["kind"] != (
            "complaint"
        ):
            continue
        response = client.post(f"/feedback/{slug}/", pages[slug])
        assert response.status_code == 302, (slug, response.content[:3000])
    response = client.post("/feedback/documents-and-photos/", {"action": "continue"})
    assert response.status_code == 302
