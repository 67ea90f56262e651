"""What demo cases are about and who raised them: the mix of kinds, services and channels,
people's names and contact details, and the words of each case.

Names and addresses come from a seeded Faker (en_GB) drawn once into pools, then combined
with ``random.Random``: the same seed always gives the same council, and a million cases cost
no more than a thousand Faker calls.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from faker import Faker

from redress.cases.kinds import Channel, Kind
from redress.demo.organisation import ADULT_SERVICE, CHILDRENS_SERVICE, SERVICES

KIND_WEIGHTS = {
    Kind.COMPLAINT: 46,
    Kind.SERVICE_REQUEST: 16,
    Kind.COMPLIMENT: 11,
    Kind.COMMENT: 5,
    Kind.MEMBER_ENQUIRY: 10,
    Kind.FOI_REQUEST: 12,
}
SERVICE_WEIGHTS = {
    "Housing": 25,
    "Waste and recycling": 15,
    "Council tax": 10,
    "Planning": 6,
    "Highways": 9,
    "Parking": 8,
    ADULT_SERVICE: 5,
    CHILDRENS_SERVICE: 4,
    "Environmental health": 5,
    "Libraries and leisure": 4,
    "Customer services": 9,
}
CHANNEL_WEIGHTS = {
    Channel.WEB: 42,
    Channel.EMAIL: 28,
    Channel.PHONE: 20,
    Channel.LETTER: 5,
    Channel.IN_PERSON: 3,
    Channel.SOCIAL_MEDIA: 2,
}
# Environmental information goes under the EIR rather than FOI.
EIR_SERVICES = {"Planning", "Environmental health", "Highways"}

STREET_WORDS = ["Acacia", "Station", "Church", "Mill", "Victoria", "Park", "Queens", "Castle"]
THINGS = {
    "Housing": ["the boiler", "the front door", "damp in the bedroom", "the communal lights"],
    "Waste and recycling": ["the recycling bin", "the food caddy", "garden waste", "the black bin"],
    "Council tax": ["the single person discount", "my direct debit", "a summons", "my bill"],
    "Planning": ["the extension next door", "a planning application", "an enforcement visit"],
    "Highways": ["a pothole", "a broken street light", "the pavement", "the gritting route"],
    "Parking": ["a penalty charge notice", "my resident permit", "the car park machine"],
    ADULT_SERVICE: ["my mother's care package", "the financial assessment", "home care visits"],
    CHILDRENS_SERVICE: ["my son's EHC plan", "the social worker's visits", "a foster placement"],
    "Environmental health": ["noise from a neighbour", "a food hygiene rating", "rats in the yard"],
    "Libraries and leisure": ["the library opening hours", "the swimming lessons", "the park"],
    "Customer services": ["the contact centre", "the online form", "the reception desk"],
}
COMPLAINT_SUMMARIES = [
    "No action on {thing} after repeated reports",
    "Unhappy with how {thing} was handled",
    "Delay in dealing with {thing}",
    "Staff were rude about {thing}",
    "Wrong information given about {thing}",
]
REQUEST_SUMMARIES = ["Please fix {thing}", "Request for a visit about {thing}", "Report of {thing}"]
COMPLIMENT_SUMMARIES = ["Thanks for sorting out {thing}", "Excellent help with {thing}"]
COMMENT_SUMMARIES = ["Suggestion about {thing}", "Feedback on {thing}"]
MEMBER_SUMMARIES = ["Councillor enquiry on behalf of a resident about {thing}"]
FOI_SUMMARIES = [
    "Information request: spending on {thing}",
    "Information request: records about {thing}",
    "Information request: policy on {thing}",
]
SUMMARIES = {
    Kind.COMPLAINT: COMPLAINT_SUMMARIES,
    Kind.SERVICE_REQUEST: REQUEST_SUMMARIES,
    Kind.COMPLIMENT: COMPLIMENT_SUMMARIES,
    Kind.COMMENT: COMMENT_SUMMARIES,
    Kind.MEMBER_ENQUIRY: MEMBER_SUMMARIES,
    Kind.FOI_REQUEST: FOI_SUMMARIES,
}
DESCRIPTIONS = [
    "I first reported {thing} on {street} {weeks} weeks ago and nobody has come back to me.",
    "I have phoned {calls} times about {thing} on {street}; each time I was told someone would "
    "call back.",
    "The problem with {thing} is affecting my family's health and I want it put right.",
    "I was promised a visit about {thing} but nobody turned up and I took the day off work.",
]
OUTCOMES_SOUGHT = [
    "Put it right and explain what went wrong.",
    "An apology and a date when it will be fixed.",
    "Compensation for the time I have lost.",
    "A clear answer and a named contact.",
]


@dataclass(frozen=True)
class CaseContent:
    kind: str
    service: str
    category: str
    channel: str
    procedure: str
    summary: str
    description: str
    outcome_sought: str
    person: dict[str, Any]


class PeoplePool:
    """Names, addresses and phone numbers drawn once from a seeded Faker."""

    def __init__(self, seed: int, size: int = 400) -> None:
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        self.first_names = [fake.first_name() for _ in range(size)]
        self.last_names = sorted({fake.last_name() for _ in range(size * 2)})
        self.streets = [fake.street_name() for _ in range(size)]
        self.towns = [fake.city() for _ in range(20)]
        self.postcodes = [fake.postcode() for _ in range(size)]

    def person(self, rng: random.Random, serial: int) -> dict[str, Any]:
        first, last = rng.choice(self.first_names), rng.choice(self.last_names)
        address = (
            f"{rng.randint(1, 240)} {rng.choice(self.streets)}\n{rng.choice(self.towns)}\n"
            f"{rng.choice(self.postcodes)}"
        )
        handle = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        return {
            "name": f"{first} {last}",
            # Serial-numbered so that emails are unique, like real ones; example.com never
            # delivers, so demo mail can reach no one.
            "email": f"{handle}{serial}@example.com" if rng.random() < 0.85 else "",
            "phone": f"07700 9{rng.randint(0, 99999):05d}",
            "address": address,
        }


def _choose(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), list(weights.values()))[0]


def procedure_for(kind: str, service: str, rng: random.Random) -> str:
    if kind == Kind.COMPLAINT and service == CHILDRENS_SERVICE:
        return "childrens-social-care"
    if kind == Kind.COMPLAINT and service == ADULT_SERVICE:
        return "adult-social-care"
    if kind == Kind.COMPLAINT:
        return "complaint-handling-code-2024"
    if kind == Kind.FOI_REQUEST:
        return "eir" if service in EIR_SERVICES and rng.random() < 0.5 else "foi"
    return {
        Kind.SERVICE_REQUEST: "service-request",
        Kind.COMPLIMENT: "compliments-and-comments",
        Kind.COMMENT: "comments",
        Kind.MEMBER_ENQUIRY: "member-enquiry",
    }[Kind(kind)]


def case_content(rng: random.Random, people: PeoplePool, serial: int) -> CaseContent:
    kind = _choose(rng, KIND_WEIGHTS)
    service = _choose(rng, SERVICE_WEIGHTS)
    channel = Channel.EMAIL if kind == Kind.FOI_REQUEST else _choose(rng, CHANNEL_WEIGHTS)
    thing = rng.choice(THINGS[service])
    street = f"{rng.choice(STREET_WORDS)} {rng.choice(['Road', 'Street', 'Close', 'Avenue'])}"
    description = rng.choice(DESCRIPTIONS).format(
        thing=thing, street=street, weeks=rng.randint(2, 9), calls=rng.randint(2, 6)
    )
    summary = rng.choice(SUMMARIES[Kind(kind)]).format(thing=thing)
    return CaseContent(
        kind=kind,
        service=service,
        category=rng.choice(SERVICES[service]),
        channel=channel,
        procedure=procedure_for(kind, service, rng),
        summary=summary[0].upper() + summary[1:],
        description=description,
        outcome_sought=rng.choice(OUTCOMES_SOUGHT) if kind == Kind.COMPLAINT else "",
        person=people.person(rng, serial),
    )
