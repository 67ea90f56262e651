import os

from django.core.management.base import BaseCommand

from redress.demo.organisation import DEMO_PASSWORD, STAFF


class Command(BaseCommand):
    help = "Print where to sign in to the demo, the demo usernames and their shared password."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        host = os.environ.get("HOST") or "127.0.0.1"
        port = os.environ.get("PORT") or "8000"
        width = max(len(member.username) for member in STAFF)
        self.stdout.write(f"Sign in at http://{host}:{port}/casework/")
        self.stdout.write(f"Demo password for every account below: {DEMO_PASSWORD}")
        for member in STAFF:
            name = f"{member.first_name} {member.last_name}"
            self.stdout.write(f"  {member.username:<{width}}  {name}, {member.description}")
        self.stdout.write(
            "Administrators and the governance group set up two-factor sign-in with an "
            "authenticator app the first time "
            "they sign in (REDRESS_TWO_FACTOR_ROLES lists the roles that must)."
        )
