"""Point Django at the database named on the command line, before anything imports models."""

from __future__ import annotations

import os


def django_for(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    import django

    django.setup()
