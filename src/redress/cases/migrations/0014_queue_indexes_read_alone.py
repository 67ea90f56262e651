"""The queue indexes end with ``restricted``, so a list's ids and its count are read from the
index alone (the visibility rule asks ``restricted`` of every row), and a (next_due_on, id)
index serves the unfiltered list and text searches walking in due order. Plain
``CREATE INDEX``: no table is rebuilt, so the search and reporting triggers stay."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_case_legacy_reference"),
        ("procedures", "0003_statutory_steps_people_agreed_response"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="case_queue",
        ),
        migrations.RemoveIndex(
            model_name="case",
            name="case_service_queue",
        ),
        migrations.RemoveIndex(
            model_name="case",
            name="case_handler_queue",
        ),
        migrations.RemoveIndex(
            model_name="case",
            name="case_kind_queue",
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["status", "next_due_on", "id", "restricted"], name="case_queue"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["service", "status", "next_due_on", "id", "restricted"],
                name="case_service_queue",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["current_handler", "status", "next_due_on", "id", "restricted"],
                name="case_handler_queue",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["kind", "status", "next_due_on", "id", "restricted"], name="case_kind_queue"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["next_due_on", "id", "restricted"], name="case_due"),
        ),
    ]
