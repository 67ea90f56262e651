"""The person's postcode district, derived from their address, for counting cases by area.

A plain ``ALTER TABLE ... ADD COLUMN``: on SQLite, Django's ``AddField`` would rebuild
``cases_person`` for a NOT NULL column, and a rebuild drops its search trigger. The existing
people are then filled in from their addresses, a batch at a time."""

from django.db import migrations, models

from redress.cases.areas import postcode_district

BATCH = 2000


def fill_districts(apps, schema_editor):  # type: ignore[no-untyped-def]
    person_model = apps.get_model("cases", "Person")
    last = 0
    while True:
        batch = list(
            person_model.objects.filter(pk__gt=last).exclude(address="").order_by("pk")[:BATCH]
        )
        if not batch:
            return
        for person in batch:
            person.postcode_district = postcode_district(person.address)
        person_model.objects.bulk_update(batch, ["postcode_district"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_representative_contact"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE cases_person ADD COLUMN postcode_district varchar(8) "
                    "NOT NULL DEFAULT ''",
                    "ALTER TABLE cases_person DROP COLUMN postcode_district",
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="person",
                    name="postcode_district",
                    field=models.CharField(blank=True, default="", editable=False, max_length=8),
                )
            ],
        ),
        migrations.RunPython(fill_districts, migrations.RunPython.noop),
    ]
