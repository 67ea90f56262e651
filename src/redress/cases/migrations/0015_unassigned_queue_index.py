from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_queue_indexes_read_alone"),
        ("procedures", "0003_statutory_steps_people_agreed_response"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("current_handler__isnull", True)),
                fields=["status", "next_due_on", "id", "restricted"],
                name="case_unassigned_queue",
            ),
        ),
    ]
