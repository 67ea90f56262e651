"""The text search index over cases: reference, the person's name and email, summary and
description, kept in step by triggers so that every write path (services, admin, bulk loads)
updates it without any Python code remembering to.

PostgreSQL: a side table of tsvector documents with a GIN index. SQLite: an FTS5 table.
Both split text on anything that is not a letter or digit, so the two databases find the
same cases for the same words.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE TABLE cases_case_search (
        case_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX cases_case_search_document ON cases_case_search USING gin (document)",
    """
    CREATE FUNCTION cases_search_document(
        reference text, name text, email text, summary text, description text
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
        SELECT to_tsvector('simple', regexp_replace(
            concat_ws(' ', reference, name, email, summary, description),
            '[^[:alnum:]]+', ' ', 'g'))
    $$
    """,
    """
    CREATE FUNCTION cases_case_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO cases_case_search (case_id, document)
        SELECT NEW.id, cases_search_document(
            NEW.reference, p.name, p.email, NEW.summary, NEW.description)
        FROM cases_person p WHERE p.id = NEW.person_id
        ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER cases_case_search_insert AFTER INSERT ON cases_case
    FOR EACH ROW EXECUTE FUNCTION cases_case_search_refresh()
    """,
    """
    CREATE TRIGGER cases_case_search_update
    AFTER UPDATE OF reference, person_id, summary, description ON cases_case
    FOR EACH ROW WHEN (
        OLD.reference IS DISTINCT FROM NEW.reference
        OR OLD.person_id IS DISTINCT FROM NEW.person_id
        OR OLD.summary IS DISTINCT FROM NEW.summary
        OR OLD.description IS DISTINCT FROM NEW.description
    ) EXECUTE FUNCTION cases_case_search_refresh()
    """,
    """
    CREATE FUNCTION cases_case_search_forget() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM cases_case_search WHERE case_id = OLD.id;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER cases_case_search_delete AFTER DELETE ON cases_case
    FOR EACH ROW EXECUTE FUNCTION cases_case_search_forget()
    """,
    # Django's test flush empties tables with TRUNCATE, which fires no row triggers.
    """
    CREATE FUNCTION cases_case_search_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE cases_case_search;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER cases_case_search_truncate AFTER TRUNCATE ON cases_case
    FOR EACH STATEMENT EXECUTE FUNCTION cases_case_search_clear()
    """,
    """
    CREATE FUNCTION cases_person_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE cases_case_search s
        SET document = cases_search_document(
            c.reference, NEW.name, NEW.email, c.summary, c.description)
        FROM cases_case c
        WHERE c.person_id = NEW.id AND s.case_id = c.id;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER cases_person_search_update AFTER UPDATE OF name, email ON cases_person
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
    EXECUTE FUNCTION cases_person_search_refresh()
    """,
    # Cases that existed before this migration.
    """
    INSERT INTO cases_case_search (case_id, document)
    SELECT c.id, cases_search_document(c.reference, p.name, p.email, c.summary, c.description)
    FROM cases_case c JOIN cases_person p ON p.id = c.person_id
    """,
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS cases_person_search_update ON cases_person",
    "DROP TRIGGER IF EXISTS cases_case_search_truncate ON cases_case",
    "DROP TRIGGER IF EXISTS cases_case_search_delete ON cases_case",
    "DROP TRIGGER IF EXISTS cases_case_search_update ON cases_case",
    "DROP TRIGGER IF EXISTS cases_case_search_insert ON cases_case",
    "DROP FUNCTION IF EXISTS cases_person_search_refresh()",
    "DROP FUNCTION IF EXISTS cases_case_search_clear()",
    "DROP FUNCTION IF EXISTS cases_case_search_forget()",
    "DROP FUNCTION IF EXISTS cases_case_search_refresh()",
    "DROP FUNCTION IF EXISTS cases_search_document(text, text, text, text, text)",
    "DROP TABLE IF EXISTS cases_case_search",
]

# FTS5 keeps its own copy of the text (SQLite 3.40 has no contentless deletes); the rowid is
# the case id. remove_diacritics 0 matches PostgreSQL's 'simple' configuration.
SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE cases_case_search USING fts5(
        reference, name, email, summary, description,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
    )
    """,
    """
    CREATE TRIGGER cases_case_search_insert AFTER INSERT ON cases_case BEGIN
        INSERT INTO cases_case_search (rowid, reference, name, email, summary, description)
        SELECT new.id, new.reference, p.name, p.email, new.summary, new.description
        FROM cases_person p WHERE p.id = new.person_id;
    END
    """,
    """
    CREATE TRIGGER cases_case_search_update
    AFTER UPDATE OF reference, person_id, summary, description ON cases_case
    WHEN old.reference IS NOT new.reference OR old.person_id IS NOT new.person_id
        OR old.summary IS NOT new.summary OR old.description IS NOT new.description
    BEGIN
        DELETE FROM cases_case_search WHERE rowid = old.id;
        INSERT INTO cases_case_search (rowid, reference, name, email, summary, description)
        SELECT new.id, new.reference, p.name, p.email, new.summary, new.description
        FROM cases_person p WHERE p.id = new.person_id;
    END
    """,
    """
    CREATE TRIGGER cases_case_search_delete AFTER DELETE ON cases_case BEGIN
        DELETE FROM cases_case_search WHERE rowid = old.id;
    END
    """,
    """
    CREATE TRIGGER cases_person_search_update AFTER UPDATE OF name, email ON cases_person
    WHEN old.name IS NOT new.name OR old.email IS NOT new.email
    BEGIN
        DELETE FROM cases_case_search
        WHERE rowid IN (SELECT id FROM cases_case WHERE person_id = new.id);
        INSERT INTO cases_case_search (rowid, reference, name, email, summary, description)
        SELECT c.id, c.reference, new.name, new.email, c.summary, c.description
        FROM cases_case c WHERE c.person_id = new.id;
    END
    """,
    """
    INSERT INTO cases_case_search (rowid, reference, name, email, summary, description)
    SELECT c.id, c.reference, p.name, p.email, c.summary, c.description
    FROM cases_case c JOIN cases_person p ON p.id = c.person_id
    """,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS cases_person_search_update",
    "DROP TRIGGER IF EXISTS cases_case_search_delete",
    "DROP TRIGGER IF EXISTS cases_case_search_update",
    "DROP TRIGGER IF EXISTS cases_case_search_insert",
    "DROP TABLE IF EXISTS cases_case_search",
]

STATEMENTS = {
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, forward: bool) -> None:
    # Other databases get no index; search there falls back to plain LIKE matching.
    pair = STATEMENTS.get(schema_editor.connection.vendor)
    if pair is None:
        return
    for statement in pair[0] if forward else pair[1]:
        schema_editor.execute(statement, params=None)


def create_search_index(apps, schema_editor) -> None:
    _run(schema_editor, forward=True)


def drop_search_index(apps, schema_editor) -> None:
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(create_search_index, drop_search_index, elidable=False)]
