"""The search index after an import: what the triggers would have written (on SQLite it is
filled once at the end), with the insert trigger there again for the cases logged after,
whether the import was kept, refused or failed half-way."""

import pytest
from django.db import connection

from redress.cases.models import Case
from redress.cases.search import apply_text_search, rebuild_search_index
from redress.imports import writing
from redress.imports.running import ImportOptions, run_import
from tests.factories import make_case
from tests.imports.helpers import row, run, write_csv

pytestmark = pytest.mark.django_db


def _index() -> list[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, reference, name, email, summary, description "
                "FROM cases_case_search ORDER BY rowid"
            )
        else:
            cursor.execute("SELECT case_id, document::text FROM cases_case_search ORDER BY 1")
        return cursor.fetchall()


def _insert_trigger_exists() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' "
                "AND name = 'cases_case_search_insert'"
            )
        else:
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'cases_case_search_insert'")
        return cursor.fetchone() is not None


def test_the_index_holds_what_the_triggers_would_have_written(tmp_path, housing):
    earlier = make_case(service=housing)  # indexed by the trigger, before the import
    names = ["Ada", "Bram", "Cleo", "Dev", "Esme"]
    rows = [
        row(f"OLD/{n}", person_name=f"{name} Legacy", email=f"{name}@example.com")
        for n, name in enumerate(names)
    ]
    assert run(str(write_csv(tmp_path / "cases.csv", rows)))[0] == 0
    imported = _index()
    assert len(imported) == 6 and imported[0][0] == earlier.pk
    rebuild_search_index()  # every case indexed afresh, as the triggers index it
    assert _index() == imported
    found = apply_text_search(Case.objects.all(), "dev legacy")
    assert list(found.values_list("legacy_reference", flat=True)) == ["OLD/3"]


def test_cases_logged_after_an_import_are_indexed_by_the_trigger(tmp_path, housing):
    assert run(str(write_csv(tmp_path / "cases.csv", [row("A1")])))[0] == 0
    assert _insert_trigger_exists()
    logged = make_case(service=housing, summary="Overflowing recycling bank")
    assert apply_text_search(Case.objects.all(), "overflowing").get() == logged


def test_a_refused_import_leaves_the_trigger_and_no_index_rows(tmp_path, housing):
    rows = [row("A1"), row("A2", kind="grumble")]
    assert run(str(write_csv(tmp_path / "cases.csv", rows)))[0] == 1
    assert _insert_trigger_exists()
    assert _index() == []


def test_an_import_that_fails_half_way_leaves_the_trigger(tmp_path, housing, monkeypatch):
    real = writing.insert_rows

    def fail_on_events(model, rows):
        if model.__name__ == "TimelineEvent":
            raise RuntimeError("disk full")
        real(model, rows)

    monkeypatch.setattr(writing, "insert_rows", fail_on_events)
    path = write_csv(tmp_path / "cases.csv", [row("A1")])
    with pytest.raises(RuntimeError, match="disk full"):
        run_import(path, ImportOptions(source="cases.csv"))
    assert not Case.objects.exists()
    assert _insert_trigger_exists()
    make_case(service=housing, summary="Overflowing recycling bank")
    assert len(_index()) == 1
