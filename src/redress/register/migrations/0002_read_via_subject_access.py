from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="entryread",
            name="via",
            field=models.CharField(
                choices=[
                    ("page", "Entry page"),
                    ("list", "Register list"),
                    ("access_log", "Access log"),
                    ("api", "API"),
                    ("admin", "Admin site"),
                    ("export", "Subject access export"),
                ],
                max_length=12,
            ),
        ),
    ]
