"""The representative's contact details and who correspondence goes to.

Plain ``ALTER TABLE ... ADD COLUMN`` on both databases: on SQLite, Django's ``AddField`` would
rebuild ``cases_case`` for a NOT NULL column, and a rebuild drops the search triggers."""

from django.db import migrations, models

COLUMNS = [
    ("representative_email", "varchar(254) NOT NULL DEFAULT ''"),
    ("representative_phone", "varchar(40) NOT NULL DEFAULT ''"),
    ("representative_address", "text NOT NULL DEFAULT ''"),
    ("correspondence_to", "varchar(14) NOT NULL DEFAULT 'person'"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_shipped_adjustment_types"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE cases_case ADD COLUMN {name} {definition}",
                    f"ALTER TABLE cases_case DROP COLUMN {name}",
                )
                for name, definition in COLUMNS
            ],
            state_operations=[
                migrations.AddField(
                    model_name="case",
                    name="representative_email",
                    field=models.EmailField(blank=True, max_length=254),
                ),
                migrations.AddField(
                    model_name="case",
                    name="representative_phone",
                    field=models.CharField(blank=True, max_length=40),
                ),
                migrations.AddField(
                    model_name="case",
                    name="representative_address",
                    field=models.TextField(blank=True),
                ),
                migrations.AddField(
                    model_name="case",
                    name="correspondence_to",
                    field=models.CharField(
                        choices=[
                            ("person", "The person only"),
                            ("representative", "The representative only"),
                            ("both", "Both the person and the representative"),
                        ],
                        default="person",
                        max_length=14,
                    ),
                ),
            ],
        ),
    ]
