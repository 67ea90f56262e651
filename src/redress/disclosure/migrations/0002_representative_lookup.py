"""Indexes for finding the cases a subject acted on as the representative
(``disclosure.subjects.acted_for_others``): the representative's email and name, trimmed and
in lower case, on the cases that have a representative. They are on ``cases_case`` but belong
to this lookup, so they are made here, in SQL both databases take; without them a subject
access page reads the whole case table (1.6 s at a million cases)."""

from django.db import migrations

INDEXES = {
    "case_rep_email_lower": "lower(trim(representative_email))",
    "case_rep_name_lower": "lower(trim(representative_name))",
}


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_initial"),
        ("cases", "0009_representative_contact"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON cases_case ({expression}) WHERE representative_name <> ''",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, expression in INDEXES.items()
    ]
