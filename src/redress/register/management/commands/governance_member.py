from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.accounts.models import User
from redress.core.errors import RedressError
from redress.register.models import GovernanceMember
from redress.register.services import member_add, member_remove


class Command(BaseCommand):
    help = (
        "Add a member of staff to the governance group (the only people who see the register "
        "of contact restrictions), or remove one with --remove. Members can then add others "
        "on the register's Governance group page; this is for the first one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']!r}.")
        try:
            if options["remove"]:
                member = GovernanceMember.objects.filter(user=user).first()
                if member is None:
                    raise CommandError(f"{user.username} is not in the governance group.")
                member_remove(by=None, member=member)
            else:
                member_add(by=None, user=user)
        except RedressError as error:
            raise CommandError(error.message) from None
        group = GovernanceMember.objects.order_by("user__username")
        members = ", ".join(group.values_list("user__username", flat=True))
        self.stdout.write(f"The governance group: {members or 'nobody'}")
