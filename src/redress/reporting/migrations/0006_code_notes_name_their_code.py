"""Self-assessment notes were kept as ``code:<number>`` while both Codes were thought to share
one numbering. They do not (the LGSCO's 5.6 is the Housing Ombudsman's 5.10), so a note's key
now names its Code, ``code:<code>:<number>``. A note written before this was written against
the Code the organisation had chosen, so it takes that Code's name."""

from django.db import migrations

OLD_PREFIX = "code:"


def _chosen_code(apps):
    settings = apps.get_model("core", "OrganisationSettings")
    code = settings.objects.filter(pk=1).values_list("complaint_code", flat=True).first()
    return code or "lgsco"


def name_the_code(apps, schema_editor):
    notes = apps.get_model("reporting", "ReportNote")
    code = _chosen_code(apps)
    for note in notes.objects.filter(key__startswith=OLD_PREFIX):
        number = note.key[len(OLD_PREFIX) :]
        if ":" not in number:  # not already named
            note.key = f"{OLD_PREFIX}{code}:{number}"
            note.save(update_fields=["key"])


def drop_the_code(apps, schema_editor):
    # Only the chosen Code's notes go back: the other Code's would share their numbers (and
    # the unique key); left as they are, the older code simply does not read them.
    notes = apps.get_model("reporting", "ReportNote")
    named = f"{OLD_PREFIX}{_chosen_code(apps)}:"
    for note in notes.objects.filter(key__startswith=named):
        note.key = OLD_PREFIX + note.key[len(named) :]
        note.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0005_homes_counts_and_benchmarks"),
        ("core", "0002_complaint_code_and_ombudsman_name"),
    ]

    operations = [migrations.RunPython(name_the_code, drop_the_code)]
