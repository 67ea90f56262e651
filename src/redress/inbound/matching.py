"""Which case an email belongs to: our reference in its subject, or a reply to a message we
sent (its In-Reply-To or References naming our Message-ID); for the Ombudsman mailbox, the
Ombudsman's own reference in its subject or body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

from redress.cases.kinds import REFERENCE_PREFIX
from redress.cases.models import Case
from redress.inbound.parsing import ParsedEmail
from redress.notifications.delivery import message_id_for
from redress.notifications.models import OutboundMessage
from redress.ombudsman.models import OmbudsmanCase

_PREFIXES = "|".join(sorted(REFERENCE_PREFIX.values()))
CASE_REFERENCE = re.compile(rf"\b(?:{_PREFIXES})-\d{{4}}-\d{{6}}\b", re.IGNORECASE)
# What an Ombudsman's reference looks like: the LGSCO's "23 001 234" or "23/001/234", the
# Housing Ombudsman's "202312345" or letters and digits such as "HOS-2024-0042".
OMBUDSMAN_REFERENCE = re.compile(
    r"\b\d{2}[ /]\d{3}[ /]\d{3}\b|\b[A-Z0-9][A-Z0-9/-]{2,38}\d\b", re.IGNORECASE
)
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class Match:
    case: Case
    how: str


def our_messages(message_ids: list[str]) -> list[OutboundMessage]:
    """The messages we sent that these Message-IDs name (ours are ``<key@our domain>``)."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "redress.invalid"
    keys = {}
    for message_id in message_ids:
        local, _, host = message_id.strip("<>").rpartition("@")
        if host.lower() == domain.lower() and local:
            keys[local] = message_id
    found = OutboundMessage.objects.filter(idempotency_key__in=list(keys)[:MAX_CANDIDATES])
    return [m for m in found.select_related("case") if message_id_for(m) in keys.values()]


def case_for(parsed: ParsedEmail) -> Match | None:
    references = [r.upper() for r in CASE_REFERENCE.findall(parsed.subject)]
    if references:
        case = Case.objects.filter(reference__in=references[:MAX_CANDIDATES]).first()
        if case is not None:
            return Match(case, "its reference in the subject")
    for message in our_messages(parsed.replies_to):
        if message.case is not None:
            return Match(message.case, "a reply to our email")
    return None


def ombudsman_case_for(parsed: ParsedEmail) -> Match | None:
    """The Ombudsman case whose own reference the email quotes, read in the subject first."""
    for text in (parsed.subject, parsed.body[:20_000]):
        found = [m.group(0) for m in OMBUDSMAN_REFERENCE.finditer(text)][:MAX_CANDIDATES]
        if not found:
            continue
        variants = set(found) | {f.upper() for f in found} | {f.replace("/", " ") for f in found}
        hit = OmbudsmanCase.objects.filter(reference__in=variants).select_related("case").first()
        if hit is not None:
            return Match(hit.case, f"the Ombudsman's reference {hit.reference}")
    return case_for(parsed)
