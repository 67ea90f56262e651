from django.core.management.base import BaseCommand, CommandError

from redress.accounts.models import User
from redress.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API bearer token for a user. The token is the last line printed."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument(
            "--read-only", action="store_true", help="The token may read but never change."
        )

    def handle(self, *args, username: str, name: str, read_only: bool, **options):  # type: ignore[no-untyped-def]
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        token, secret = api_token_create(user=user, name=name, read_only=read_only)
        self.stdout.write(
            f"{'Read-only token' if read_only else 'Token'} {token.prefix}… for {user.username}; "
            "keep it safe, it is shown once:"
        )
        self.stdout.write(secret)
