from django.core.management.base import BaseCommand

from redress.procedures.services import load_presets


class Command(BaseCommand):
    help = "Load the shipped procedure presets that are not in the database yet."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        created = load_presets()
        if created:
            self.stdout.write(f"Loaded {len(created)} procedures: {', '.join(created)}")
        else:
            self.stdout.write("All procedure presets already loaded.")
