"""The demo council: its service areas, categories and staff.

Shared by ``redress load_demo`` and the benchmark data generator, so both describe the same
organisation. Everything is created with get-or-create, keyed on names that never change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from redress.accounts.models import Role, User
from redress.cases.kinds import Kind
from redress.cases.models import Category, Directorate, Service
from redress.procedures.models import Procedure, ProcedureRoute
from redress.register.models import GovernanceMember

# Demo data only: printed by ``redress demo_credentials`` and used nowhere else.
DEMO_PASSWORD = "demo-redress-2026"  # noqa: S105 - published demo sign-in, not a secret
DEMO_EMAIL_DOMAIN = "example-council.gov.uk"

# Complaints about these go to the Housing Ombudsman rather than the LGSCO.
HOUSING_SERVICES = frozenset({"Housing"})

SERVICES: dict[str, list[str]] = {
    "Housing": [
        "Repairs and maintenance",
        "Damp and mould",
        "Anti-social behaviour",
        "Allocations and lettings",
        "Homelessness advice",
        "Rent and service charges",
    ],
    "Waste and recycling": [
        "Missed collection",
        "Bins and containers",
        "Bulky waste",
        "Garden waste",
        "Fly-tipping",
        "Crew behaviour",
    ],
    "Council tax": [
        "Bills and instalments",
        "Discounts and exemptions",
        "Recovery and enforcement",
    ],
    "Planning": ["Planning applications", "Enforcement", "Building control", "Tree preservation"],
    "Highways": ["Potholes", "Street lighting", "Pavements", "Gritting", "Roadworks"],
    "Parking": ["Penalty charge notices", "Resident permits", "Car parks", "Enforcement officers"],
    "Adult social care": [
        "Assessments",
        "Home care",
        "Care homes",
        "Charging and financial assessment",
        "Safeguarding process",
    ],
    "Children's services": [
        "Children in care",
        "Child protection process",
        "Special educational needs",
        "Early help",
        "Fostering and adoption",
    ],
    "Environmental health": ["Noise", "Food safety", "Pest control", "Air quality"],
    "Libraries and leisure": ["Library services", "Leisure centres", "Parks and open spaces"],
    "Customer services": ["Contact centre", "Website and online forms", "Reception"],
}

# Each service area's directorate, for the reports that group by directorate.
DIRECTORATES: dict[str, tuple[str, ...]] = {
    "Place": ("Waste and recycling", "Planning", "Highways", "Parking", "Environmental health"),
    "People": ("Adult social care", "Children's services", "Libraries and leisure"),
    "Housing and communities": ("Housing",),
    "Resources": ("Council tax", "Customer services"),
}

# The service areas whose statutory procedures replace the Complaint Handling Code.
CHILDRENS_SERVICE = "Children's services"
ADULT_SERVICE = "Adult social care"


@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    role: str
    services: tuple[str, ...] = ()
    superuser: bool = False
    # In the governance group: the only people who see the register of contact restrictions.
    governance: bool = False

    @property
    def description(self) -> str:
        label = Role(self.role).label
        if self.superuser:
            label = "Administrator (can use the admin site)"
        if self.governance:
            label += " in the governance group (the register of contact restrictions)"
        return f"{label}" + (f" for {', '.join(self.services)}" if self.services else "")


# The first eight are the ones to try; the named staff make the lists look like a real office.
STAFF: tuple[StaffMember, ...] = (
    StaffMember("officer", "Olivia", "Okafor", Role.COMPLAINTS_OFFICER),
    StaffMember(
        "responder", "Rhys", "Roberts", Role.SERVICE_RESPONDER, ("Housing", "Waste and recycling")
    ),
    StaffMember("investigator", "Imran", "Iqbal", Role.INVESTIGATOR),
    StaffMember(
        "manager",
        "Megan",
        "Morris",
        Role.MANAGER,
        ("Housing", "Waste and recycling", "Council tax"),
    ),
    StaffMember("admin", "Adebayo", "Adeyemi", Role.ADMINISTRATOR, superuser=True),
    StaffMember("governance", "Grace", "Gordon", Role.COMPLAINTS_OFFICER, governance=True),
    # Oversight of satisfaction: the reports' figures and survey results, never a case.
    StaffMember("member", "Morwenna", "Pryce", Role.MEMBER),
    StaffMember("c.walsh", "Ciara", "Walsh", Role.COMPLAINTS_OFFICER),
    StaffMember("d.patel", "Dev", "Patel", Role.COMPLAINTS_OFFICER),
    StaffMember("h.begum", "Halima", "Begum", Role.SERVICE_RESPONDER, ("Housing",)),
    StaffMember("t.evans", "Tom", "Evans", Role.SERVICE_RESPONDER, ("Housing",)),
    StaffMember("s.nowak", "Sylwia", "Nowak", Role.SERVICE_RESPONDER, ("Waste and recycling",)),
    StaffMember("g.clarke", "Gareth", "Clarke", Role.SERVICE_RESPONDER, ("Council tax",)),
    StaffMember("a.murphy", "Aoife", "Murphy", Role.SERVICE_RESPONDER, ("Planning",)),
    StaffMember("k.mensah", "Kwame", "Mensah", Role.SERVICE_RESPONDER, ("Highways", "Parking")),
    StaffMember("l.hughes", "Lowri", "Hughes", Role.SERVICE_RESPONDER, ("Parking",)),
    StaffMember("b.campbell", "Bethan", "Campbell", Role.SERVICE_RESPONDER, ("Adult social care",)),
    StaffMember("f.ali", "Farah", "Ali", Role.SERVICE_RESPONDER, ("Children's services",)),
    StaffMember("j.wright", "James", "Wright", Role.SERVICE_RESPONDER, ("Environmental health",)),
    StaffMember(
        "n.singh",
        "Nikhil",
        "Singh",
        Role.SERVICE_RESPONDER,
        ("Libraries and leisure", "Customer services"),
    ),
    StaffMember("r.osei", "Ruth", "Osei", Role.INVESTIGATOR),
    StaffMember("p.kowalski", "Piotr", "Kowalski", Role.INVESTIGATOR),
    StaffMember(
        "e.jones",
        "Eleri",
        "Jones",
        Role.MANAGER,
        ("Adult social care", "Children's services"),
    ),
    StaffMember(
        "m.fraser",
        "Malcolm",
        "Fraser",
        Role.MANAGER,
        ("Planning", "Highways", "Parking", "Environmental health"),
    ),
)


def service_slug(name: str) -> str:
    return (
        name.lower().replace("'", "").replace(" and ", "-and-").replace(" ", "-").replace(",", "")
    )


def ensure_services() -> dict[str, Service]:
    services = {}
    for name, categories in SERVICES.items():
        service, _ = Service.objects.get_or_create(
            name=name,
            defaults={"slug": service_slug(name), "is_housing": name in HOUSING_SERVICES},
        )
        services[name] = service
        existing = set(service.categories.values_list("name", flat=True))
        Category.objects.bulk_create(
            [Category(name=c, service=service) for c in categories if c not in existing]
        )
    return services


def ensure_directorates(services: dict[str, Service]) -> None:
    for name, members in DIRECTORATES.items():
        directorate, _ = Directorate.objects.get_or_create(
            name=name, defaults={"slug": service_slug(name)}
        )
        Service.objects.filter(pk__in=[services[m].pk for m in members], directorate=None).update(
            directorate=directorate
        )


def ensure_staff(services: dict[str, Service]) -> dict[str, User]:
    staff = {}
    # Hashed once: every demo account shares the password, and hashing is slow by design.
    password = make_password(DEMO_PASSWORD)
    for member in STAFF:
        user = User.objects.filter(username=member.username).first()
        if user is None:
            user = User(
                username=member.username,
                first_name=member.first_name,
                last_name=member.last_name,
                email=f"{member.username}@{DEMO_EMAIL_DOMAIN}",
                role=member.role,
                is_staff=member.superuser,
                is_superuser=member.superuser,
            )
            user.password = password
            user.save()
            user.services.set([services[name] for name in member.services])
            if member.governance:
                GovernanceMember.objects.create(user=user)
        staff[member.username] = user
    return staff


# Complaints about these service areas go to their statutory procedures (the routing table an
# administrator edits under Admin → Procedures → Procedure routes).
ROUTES: tuple[tuple[str, str, str], ...] = (
    (Kind.COMPLAINT, CHILDRENS_SERVICE, "childrens-social-care"),
    (Kind.COMPLAINT, ADULT_SERVICE, "adult-social-care"),
)


def ensure_routes(services: dict[str, Service]) -> None:
    procedures = {p.slug: p for p in Procedure.objects.filter(slug__in=[r[2] for r in ROUTES])}
    for kind, service, slug in ROUTES:
        if slug in procedures:
            ProcedureRoute.objects.get_or_create(
                kind=kind,
                service=services[service],
                category=None,
                defaults={"procedure": procedures[slug]},
            )


def head_of(service_name: str) -> str:
    """The demo's head of a service area: the manager who oversees it, else its first
    responder, so a missed deadline or a case nobody picks up always reaches someone."""
    for role in (Role.MANAGER, Role.SERVICE_RESPONDER):
        for member in STAFF:
            if member.role == role and service_name in member.services:
                return member.username
    return STAFF[0].username


def ensure_heads(services: dict[str, Service], staff: dict[str, User]) -> None:
    for name, service in services.items():
        if service.head_id is None:
            service.head = staff[head_of(name)]
            service.save(update_fields=["head"])


def ensure_organisation() -> tuple[dict[str, Service], dict[str, User]]:
    services = ensure_services()
    ensure_directorates(services)
    ensure_routes(services)
    staff = ensure_staff(services)
    ensure_heads(services, staff)
    return services, staff
