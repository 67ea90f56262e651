from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_case_legacy_reference"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["next_due_on", "id"], name="case_due"),
        ),
    ]
