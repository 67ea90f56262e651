"""The reference a case had in the system it was imported from, and the search index made to
find it.

The column is added with plain ``ALTER TABLE ... ADD COLUMN``: on SQLite, Django's ``AddField``
rebuilds ``cases_case`` for a unique column, and a rebuild drops the search and reporting
triggers. The search triggers of 0002_case_search are then made again so that the reference
column of the index holds the legacy reference too ("CMP-2026-000001 R/2019/0042"); the index
tables themselves are unchanged, and no case has a legacy reference yet, so nothing is
re-indexed.
"""

import importlib

from django.db import migrations, models

ORIGINAL = importlib.import_module("redress.cases.migrations.0002_case_search")

POSTGRES_CASE_REFRESH = """
CREATE OR REPLACE FUNCTION cases_case_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO cases_case_search (case_id, document)
    SELECT NEW.id, cases_search_document(
        concat_ws(' ', NEW.reference, NEW.legacy_reference), p.name, p.email, NEW.summary,
        NEW.description)
    FROM cases_person p WHERE p.id = NEW.person_id
    ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END $$
"""

POSTGRES_PERSON_REFRESH = """
CREATE OR REPLACE FUNCTION cases_person_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases_case_search s
    SET document = cases_search_document(
        concat_ws(' ', c.reference, c.legacy_reference), NEW.name, NEW.email, c.summary,
        c.description)
    FROM cases_case c
    WHERE c.person_id = NEW.id AND s.case_id = c.id;
    RETURN NULL;
END $$
"""

POSTGRES_CASE_UPDATE = """
CREATE TRIGGER cases_case_search_update
AFTER UPDATE OF reference, legacy_reference, person_id, summary, description ON cases_case
FOR EACH ROW WHEN (
    OLD.reference IS DISTINCT FROM NEW.reference
    OR OLD.legacy_reference IS DISTINCT FROM NEW.legacy_reference
    OR OLD.person_id IS DISTINCT FROM NEW.person_id
    OR OLD.summary IS DISTINCT FROM NEW.summary
    OR OLD.description IS DISTINCT FROM NEW.description
) EXECUTE FUNCTION cases_case_search_refresh()
"""

POSTGRES_FORWARD = [
    "ALTER TABLE cases_case ADD COLUMN legacy_reference varchar(60) NULL UNIQUE",
    POSTGRES_CASE_REFRESH,
    POSTGRES_PERSON_REFRESH,
    "DROP TRIGGER cases_case_search_update ON cases_case",
    POSTGRES_CASE_UPDATE,
]


def _replacing(statement: str) -> str:
    return statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


# 0002's statements by position: its case refresh function (3), update trigger (5) and person
# refresh function (10).
POSTGRES_BACKWARD = [
    "DROP TRIGGER cases_case_search_update ON cases_case",
    _replacing(ORIGINAL.POSTGRES_FORWARD[3]),
    _replacing(ORIGINAL.POSTGRES_FORWARD[10]),
    ORIGINAL.POSTGRES_FORWARD[5],
    "ALTER TABLE cases_case DROP COLUMN legacy_reference",
]

SQLITE_REFERENCE = "{row}.reference || coalesce(' ' || {row}.legacy_reference, '')"

SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER cases_case_search_insert AFTER INSERT ON cases_case BEGIN
        INSERT INTO cases_case_search (rowid, reference, name, email, summary, description)
        SELECT new.id, {SQLITE_REFERENCE.format(row="new")}, p.name, p.email, new.summary,
            new.description
        FROM cases_person p WHERE p.id = new.person_id;
    END
    """,
    f"""
    CREATE TRIGGER cases_case_search_update
    AFTER UPDATE OF reference, legacy_reference, person_id, summary, description ON cases_case
    WHEN old.reference IS NOT new.reference
        OR old.legacy_reference IS NOT new.legacy_reference
        OR old.person_id IS NOT new.person_id
        OR old.summary IS NOT new.summary OR old.description IS NOT new.description
    BEGIN
        DELETE FROM cases_case_search WHERE rowid = old.id;
        INSERT INTO cases_case_search (rowid, reference, name, email, summary, description)
        SELECT new.id, {SQLITE_REFERENCE.format(row="new")}, p.name, p.email, new.summary,
            new.description
        FROM cases_person p WHERE p.id = new.person_id;
    END
    """,
    f"""
    CREATE TRIGGER cases_person_search_update AFTER UPDATE OF name, email ON cases_person
    WHEN old.name IS NOT new.name OR old.email IS NOT new.email
    BEGIN
        DELETE FROM cases_case_search
        WHERE rowid IN (SELECT id FROM cases_case WHERE person_id = new.id);
        INSERT INTO cases_case_search (rowid, reference, name, email, summary, description)
        SELECT c.id, {SQLITE_REFERENCE.format(row="c")}, new.name, new.email, c.summary,
            c.description
        FROM cases_case c WHERE c.person_id = new.id;
    END
    """,
]

SQLITE_DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS cases_case_search_insert",
    "DROP TRIGGER IF EXISTS cases_case_search_update",
    "DROP TRIGGER IF EXISTS cases_person_search_update",
]

SQLITE_FORWARD = [
    "ALTER TABLE cases_case ADD COLUMN legacy_reference varchar(60) NULL",
    "CREATE UNIQUE INDEX cases_case_legacy_reference_key ON cases_case (legacy_reference)",
    *SQLITE_DROP_TRIGGERS,
    *SQLITE_TRIGGERS,
]

SQLITE_BACKWARD = [
    *SQLITE_DROP_TRIGGERS,
    # 0002's insert, update and person triggers, by position.
    ORIGINAL.SQLITE_FORWARD[1],
    ORIGINAL.SQLITE_FORWARD[2],
    ORIGINAL.SQLITE_FORWARD[4],
    "DROP INDEX cases_case_legacy_reference_key",
    "ALTER TABLE cases_case DROP COLUMN legacy_reference",
]

STATEMENTS = {
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, forward: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        # Databases without the search index: the plain column.
        sql = "ALTER TABLE cases_case ADD COLUMN legacy_reference varchar(60) NULL UNIQUE"
        schema_editor.execute(sql if forward else "ALTER TABLE cases_case DROP COLUMN legacy_reference")
        return
    forward_statements, backward_statements = STATEMENTS[vendor]
    for statement in forward_statements if forward else backward_statements:
        schema_editor.execute(statement, params=None)


def add_legacy_reference(apps, schema_editor) -> None:
    _run(schema_editor, forward=True)


def remove_legacy_reference(apps, schema_editor) -> None:
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_case_kind_closed_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunPython(
                    add_legacy_reference, remove_legacy_reference, elidable=False
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="case",
                    name="legacy_reference",
                    field=models.CharField(blank=True, max_length=60, null=True, unique=True),
                ),
            ],
        ),
    ]
