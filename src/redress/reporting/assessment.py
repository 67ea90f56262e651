"""The self-assessment against the 2024 Complaint Handling Code: every provision of the Code
the organisation chose (the Housing Ombudsman's or the LGSCO's; ``core.OrganisationSettings``),
what the data shows about it, and the complaints team's assessment and commentary.

The provisions are data (``data/code_provisions.json``), summarised in our own words, each
Code with its own sections and numbering; a provision whose number could not be confirmed
against the Code carries a note saying so."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from redress.cases.models import Case
from redress.reporting.code_evidence import NO_DATA, evidence
from redress.reporting.models import ReportNote

if TYPE_CHECKING:
    from redress.reporting.figures import Figures

PROVISIONS_FILE = Path(__file__).parent / "data" / "code_provisions.json"
CODES = {
    "housing": "The Housing Ombudsman's Complaint Handling Code (2024)",
    "lgsco": "The Local Government and Social Care Ombudsman's Complaint Handling Code (2024)",
}
NOTE_PREFIX = "code:"


@dataclass(frozen=True)
class Provision:
    code: str  # a key of CODES
    number: str  # the Code's own number, "6.2"
    section: str  # the Code's section heading
    summary: str  # what it asks, in our words
    evidence: str = ""  # the key of the figure ``code_evidence`` computes, if any
    note: str = ""  # what about the number or wording is not confirmed, if anything

    @property
    def key(self) -> str:
        """The provision's notes are kept under this key (``ReportNote.key``). The two Codes
        number differently (the LGSCO's 5.6 is the Housing Ombudsman's 5.10), so the key
        names the Code: an assessment never lands on the other Code's provision."""
        return f"{NOTE_PREFIX}{self.code}:{self.number}"

    @property
    def section_number(self) -> str:
        return self.number.split(".")[0]

    @property
    def section_heading(self) -> str:
        return f"Section {self.section_number}: {self.section}"


@cache
def provisions(code: str) -> tuple[Provision, ...]:
    """The chosen Code's provisions in order. Read once per process: the file ships with us."""
    if code not in CODES:
        raise ValueError(f"No such Code: {code!r}")
    chosen = json.loads(PROVISIONS_FILE.read_text(encoding="utf-8"))["codes"][code]
    sections = chosen["sections"]
    return tuple(
        Provision(
            code=code,
            number=p["number"],
            section=sections[p["number"].split(".")[0]],
            summary=p["summary"],
            evidence=p.get("evidence", ""),
            note=p.get("note", ""),
        )
        for p in chosen["provisions"]
    )


def chosen_code() -> str:
    from redress.core.models import OrganisationSettings  # models need the app registry

    code = OrganisationSettings.objects.filter(pk=1).values_list("complaint_code", flat=True)
    return code.first() or "lgsco"


# Sections of the annual report that only officers can write.
NARRATIVE_SECTIONS = {
    "qualitative": "Qualitative analysis",
    "non_compliance": "Findings of non-compliance with the Code",
    "service_improvements": "Service improvements made from learning",
    "ombudsman_letter": "The Ombudsman's annual letter",
    "governing_body_response": "The governing body's response",
}


@dataclass(frozen=True)
class AssessedProvision:
    provision: Provision
    evidence: str
    compliance: str  # "Yes", "Partly", "No", or "" when not yet assessed
    text: str


def self_assessment(
    cases: QuerySet[Case], year: int, today: dt.date, stored: Figures | None = None
) -> list[AssessedProvision]:
    found = evidence(cases, today, stored)
    notes = {n.key: n for n in ReportNote.objects.filter(year=year, key__startswith=NOTE_PREFIX)}
    assessed = []
    for p in provisions(chosen_code()):
        note = notes.get(p.key)
        assessed.append(
            AssessedProvision(
                provision=p,
                evidence=found.get(p.evidence, NO_DATA) if p.evidence else NO_DATA,
                compliance=note.get_compliance_display() if note and note.compliance else "",
                text=note.text if note else "",
            )
        )
    return assessed


def narrative(year: int) -> dict[str, str]:
    notes = dict(
        ReportNote.objects.filter(year=year, key__in=NARRATIVE_SECTIONS).values_list("key", "text")
    )
    return {key: notes.get(key, "") for key in NARRATIVE_SECTIONS}
