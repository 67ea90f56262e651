"""The reasonable adjustments a council usually offers; administrators edit the list."""

from django.db import migrations

SHIPPED = [
    ("Large print", True),
    ("Easy read", False),
    ("Phone instead of writing", False),
    ("BSL or other interpreter", False),
    ("Single point of contact", False),
    ("Extra time", False),
    ("Other", False),
]


def add_types(apps, schema_editor):  # type: ignore[no-untyped-def]
    AdjustmentType = apps.get_model("cases", "AdjustmentType")
    for position, (name, large_print) in enumerate(SHIPPED, start=1):
        AdjustmentType.objects.get_or_create(
            name=name, defaults={"position": position, "large_print_letters": large_print}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_records_owners_adjustments_heads")]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
