"""Triggers that note which day and service's counts a change to a case or a stage affects.

They write ``reporting_changedslice`` rows in the transaction that makes the change, whatever
makes it (service functions, the admin, bulk loads), so the figures store can never miss one;
``reporting.rollup.refresh`` rebuilds those slices and deletes the rows. A case moved to
another service or date marks both its old and its new slice.

SQLite drops a table's triggers when a migration rebuilds the table (as it does to alter a
column): a migration that alters ``cases_case`` or ``cases_casestage`` must create these
again. tests/reporting/test_rollup.py checks they exist after every migration.
"""

from django.db import migrations

SLICE = "reporting_changedslice (received_on, service_id)"

POSTGRES_FORWARD = [
    f"""
    CREATE FUNCTION reporting_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO {SLICE} VALUES (OLD.received_on, OLD.service_id);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (
            NEW.received_on IS DISTINCT FROM OLD.received_on
            OR NEW.service_id IS DISTINCT FROM OLD.service_id)) THEN
            INSERT INTO {SLICE} VALUES (NEW.received_on, NEW.service_id);
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER reporting_case_changed AFTER INSERT OR UPDATE OR DELETE ON cases_case
    FOR EACH ROW EXECUTE FUNCTION reporting_case_changed()
    """,
    f"""
    CREATE FUNCTION reporting_stage_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        changed_case bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
    BEGIN
        INSERT INTO {SLICE}
        SELECT received_on, service_id FROM cases_case WHERE id = changed_case;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER reporting_stage_changed AFTER INSERT OR UPDATE OR DELETE ON cases_casestage
    FOR EACH ROW EXECUTE FUNCTION reporting_stage_changed()
    """,
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS reporting_stage_changed ON cases_casestage",
    "DROP TRIGGER IF EXISTS reporting_case_changed ON cases_case",
    "DROP FUNCTION IF EXISTS reporting_stage_changed()",
    "DROP FUNCTION IF EXISTS reporting_case_changed()",
]

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER reporting_case_inserted AFTER INSERT ON cases_case BEGIN
        INSERT INTO {SLICE} VALUES (new.received_on, new.service_id);
    END
    """,
    f"""
    CREATE TRIGGER reporting_case_updated AFTER UPDATE ON cases_case BEGIN
        INSERT INTO {SLICE} VALUES (old.received_on, old.service_id);
        INSERT INTO {SLICE} SELECT new.received_on, new.service_id
        WHERE new.received_on IS NOT old.received_on OR new.service_id IS NOT old.service_id;
    END
    """,
    f"""
    CREATE TRIGGER reporting_case_deleted AFTER DELETE ON cases_case BEGIN
        INSERT INTO {SLICE} VALUES (old.received_on, old.service_id);
    END
    """,
    f"""
    CREATE TRIGGER reporting_stage_inserted AFTER INSERT ON cases_casestage BEGIN
        INSERT INTO {SLICE} SELECT received_on, service_id FROM cases_case WHERE id = new.case_id;
    END
    """,
    f"""
    CREATE TRIGGER reporting_stage_updated AFTER UPDATE ON cases_casestage BEGIN
        INSERT INTO {SLICE} SELECT received_on, service_id FROM cases_case WHERE id = new.case_id;
    END
    """,
    f"""
    CREATE TRIGGER reporting_stage_deleted AFTER DELETE ON cases_casestage BEGIN
        INSERT INTO {SLICE} SELECT received_on, service_id FROM cases_case WHERE id = old.case_id;
    END
    """,
]

SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS reporting_{table}_{change}"
    for table in ("case", "stage")
    for change in ("inserted", "updated", "deleted")
]

# Every slice that already holds cases, so the first refresh builds the whole store.
MARK_EXISTING = f"INSERT INTO {SLICE} SELECT DISTINCT received_on, service_id FROM cases_case"

STATEMENTS = {
    "postgresql": (POSTGRES_FORWARD + [MARK_EXISTING], POSTGRES_BACKWARD),
    "sqlite": (SQLITE_FORWARD + [MARK_EXISTING], SQLITE_BACKWARD),
}

TRIGGER_NAMES = {
    "postgresql": ("reporting_case_changed", "reporting_stage_changed"),
    "sqlite": tuple(
        f"reporting_{table}_{change}"
        for table in ("case", "stage")
        for change in ("inserted", "updated", "deleted")
    ),
}


def _run(schema_editor, forward: bool) -> None:
    pair = STATEMENTS.get(schema_editor.connection.vendor)
    if pair is None:
        raise RuntimeError("The figures store needs PostgreSQL or SQLite.")
    for statement in pair[0] if forward else pair[1]:
        schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor) -> None:
    _run(schema_editor, forward=True)


def drop_triggers(apps, schema_editor) -> None:
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_waiting_counts"), ("cases", "0004_pending_and_restricted_indexes")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
