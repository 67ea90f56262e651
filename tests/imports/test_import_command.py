"""``redress import_cases``: dry runs, all or nothing, skipping invalid rows with a report,
duplicates, re-runs, and what an imported case looks like."""

import datetime as dt

import pytest

from redress.cases.kinds import Outcome, Status
from redress.cases.models import Case, CaseStage, Person, TimelineEvent
from redress.reporting.models import CaseCount, ChangedSlice
from tests.imports.helpers import read_report, row, run, write_csv

pytestmark = pytest.mark.django_db


def test_a_valid_file_imports_every_case_keeping_its_recorded_history(tmp_path, housing, waste):
    path = write_csv(
        tmp_path / "cases.csv",
        [
            row("R/2021/0001"),
            row(
                "R/2021/0002",
                kind="compliment",
                service="waste",
                stage="",
                acknowledged_on="",
                responded_on="",
                outcome="",
                closed_on="",
            ),
            row("R/2021/0003", stage="Stage 2", outcome="Partially Upheld", category="repairs"),
        ],
    )
    status, out, err = run(str(path))
    assert status == 0, err
    assert "3 cases imported" in out
    closed = Case.objects.get(legacy_reference="R/2021/0001")
    assert closed.reference.startswith("CMP-2021-")
    assert (closed.status, closed.outcome, closed.closed_on) == (
        Status.CLOSED,
        Outcome.UPHELD,
        dt.date(2021, 4, 21),
    )
    assert closed.received_on == dt.date(2021, 4, 6)
    assert closed.next_due_on is None
    stage = closed.current_stage
    assert stage is not None and stage.key == "stage1"
    assert stage.acknowledged_on == dt.date(2021, 4, 8)
    assert stage.responded_on == dt.date(2021, 4, 20)
    # Deadlines worked out under the Complaint Handling Code from the date received.
    assert stage.acknowledge_due is not None and stage.acknowledge_due > dt.date(2021, 4, 6)
    assert stage.response_due is not None and stage.response_due > stage.acknowledge_due
    event = TimelineEvent.objects.get(case=closed)
    assert event.kind == "imported"
    assert event.summary.startswith("Imported from legacy system")
    assert closed.person.name == "Pat Legacy"

    open_one = Case.objects.get(legacy_reference="R/2021/0002")
    assert open_one.status == Status.OPEN
    assert open_one.reference.startswith("CPL-2021-")
    assert open_one.next_due_on is not None  # in the queues, with its deadline

    second = Case.objects.get(legacy_reference="R/2021/0003")
    assert second.current_stage.key == "stage2" and second.current_stage.number == 2
    assert second.outcome == Outcome.PARTLY_UPHELD
    assert second.category.name == "Repairs"


def test_references_continue_the_counters_the_services_use(tmp_path, housing):
    from tests.factories import make_case

    logged = make_case(service=housing, received_at=dt.datetime(2021, 4, 6, 10, tzinfo=dt.UTC))
    write_csv(tmp_path / "cases.csv", [row("A1"), row("A2")])
    assert run(str(tmp_path / "cases.csv"))[0] == 0
    imported = sorted(Case.objects.exclude(pk=logged.pk).values_list("reference", flat=True))
    number = int(logged.reference.rsplit("-", 1)[1])
    assert imported == [f"CMP-2021-{number + 1:06d}", f"CMP-2021-{number + 2:06d}"]
    after = make_case(service=housing, received_at=dt.datetime(2021, 5, 6, 10, tzinfo=dt.UTC))
    assert after.reference == f"CMP-2021-{number + 3:06d}"


def test_a_dry_run_writes_nothing_and_says_what_would_be_imported(tmp_path, housing):
    path = write_csv(tmp_path / "cases.csv", [row("A1"), row("A2", received_on="31/02/2021")])
    status, out, err = run(str(path), "--dry-run")
    assert status == 1
    assert "1 case would be imported" in out
    assert "Row 3, received_on: 31/02/2021 is not a real date." in err
    assert "dry run" in out
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not ChangedSlice.objects.exists()


def test_a_clean_dry_run_succeeds_and_still_writes_nothing(tmp_path, housing):
    path = write_csv(tmp_path / "cases.csv", [row("A1"), row("A2")])
    status, out, _err = run(str(path), "--dry-run")
    assert status == 0
    assert "2 cases would be imported: 2 complaints." in out
    assert not Case.objects.exists()


def test_one_invalid_row_means_nothing_is_written(tmp_path, housing):
    rows = [row(f"A{n}") for n in range(1, 6)] + [row("A6", service="Parks")]
    path = write_csv(tmp_path / "cases.csv", rows)
    status, _out, err = run(str(path))
    assert status == 1
    assert "Row 7, service: There is no service area 'Parks'" in err
    assert "Nothing was imported" in err
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not CaseStage.objects.exists() and not TimelineEvent.objects.exists()


def test_skip_invalid_imports_the_rest_and_reports_every_rejected_row(tmp_path, housing):
    rows = [
        row("A1"),
        row("A2", received_on="next week", person_name=""),
        row("A3"),
        row("A4", outcome="Sort of", closed_on=""),
        row("A1"),
    ]
    path = write_csv(tmp_path / "cases.csv", rows)
    report = tmp_path / "report.csv"
    status, out, err = run(str(path), "--skip-invalid", "--report", str(report))
    assert status == 0, err
    assert sorted(Case.objects.values_list("legacy_reference", flat=True)) == ["A1", "A3"]
    problems = {(p["row"], p["column"]) for p in read_report(report)}
    assert problems == {
        ("3", "received_on"),
        ("3", "person_name"),
        ("5", "outcome"),
        ("6", "legacy_reference"),
    }
    assert "Row 6, legacy_reference: A1 is also on row 2." in err
    assert "2 cases imported" in out and "in 3 rows, which were skipped" in out


def test_duplicate_references_in_one_file_are_errors(tmp_path, housing):
    path = write_csv(tmp_path / "cases.csv", [row("DUP"), row("OTHER"), row("DUP")])
    status, _out, err = run(str(path))
    assert status == 1
    assert "Row 4, legacy_reference: DUP is also on row 2." in err
    assert not Case.objects.exists()


def test_running_the_same_file_again_imports_nothing_new(tmp_path, housing):
    path = write_csv(tmp_path / "cases.csv", [row("A1"), row("A2")])
    assert run(str(path))[0] == 0
    status, out, _err = run(str(path))
    assert status == 0
    assert "0 cases imported" in out
    assert "2 rows already imported before" in out
    assert Case.objects.count() == 2 and Person.objects.count() == 2
    # A corrected file with one more row adds only that one.
    write_csv(path, [row("A1"), row("A2"), row("A3")])
    assert run(str(path))[0] == 0
    assert Case.objects.count() == 3


def test_report_figures_are_brought_up_to_date(tmp_path, housing):
    path = write_csv(tmp_path / "cases.csv", [row("A1"), row("A2", received_on="2021-04-07")])
    assert run(str(path))[0] == 0
    assert not ChangedSlice.objects.exists()
    closed = CaseCount.objects.filter(grain="day", facet="status", value=Status.CLOSED)
    assert sorted(closed.values_list("starts_on", "cases")) == [
        (dt.date(2021, 4, 6), 1),
        (dt.date(2021, 4, 7), 1),
    ]


def test_a_missing_required_column_is_named_and_nothing_imported(tmp_path, housing):
    header = ["legacy_reference", "kind", "received_on", "person_name", "summary"]
    path = write_csv(tmp_path / "cases.csv", [row("A1")], header=header)
    status, _out, err = run(str(path))
    assert status == 1
    assert "Row 1, service: The file has no such column" in err
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"kind": "grumble"}, "kind", "is not a kind of case Redress knows"),
        ({"received_on": "2099-01-01"}, "received_on", "is in the future"),
        ({"received_on": "1/1/1990"}, "received_on", "cannot be before"),
        ({"closed_on": "1/1/2021"}, "closed_on", "before the date received"),
        ({"email": "not-an-address"}, "email", "is not an email address"),
        ({"summary": "x" * 201}, "summary", "200 characters or fewer"),
        ({"stage": "Stage 9"}, "stage", "has no such stage"),
        ({"category": "Potholes"}, "category", "has no category 'Potholes'"),
        ({"outcome": "Withdrawn", "closed_on": ""}, "closed_on", "a case withdrawn is closed"),
        ({"outcome": "Resolved"}, "outcome", "A complaint cannot be resolved"),
        (
            {"closed_on": "", "email": "", "phone": "", "address": ""},
            "email",
            "An open case needs",
        ),
    ],
)
def test_each_rule_is_reported_on_its_column(tmp_path, housing, values, column, reason):
    path = write_csv(tmp_path / "cases.csv", [row("A1", **values)])
    status, _out, err = run(str(path))
    assert status == 1
    assert f"Row 2, {column}: " in err and reason in err
    assert not Case.objects.exists()


def test_an_import_leaves_one_change_note_per_slice_for_the_figures(tmp_path, housing):
    import datetime as dt

    from redress.reporting import rollup

    day = dt.date(2021, 4, 6)
    for _ in range(3):
        ChangedSlice.objects.create(received_on=day, service_id=housing.pk)
    ChangedSlice.objects.create(received_on=day, service_id=housing.pk + 1)
    assert rollup.collapse_notes() == 2
    assert sorted(ChangedSlice.objects.values_list("service_id", flat=True)) == [
        housing.pk,
        housing.pk + 1,
    ]


def test_the_progress_bar_counts_the_rows_and_says_what_follows(tmp_path, housing, monkeypatch):
    import io

    from django.core.management import call_command

    from redress.imports.management.commands import import_cases

    bars = []

    class Bar:
        """Stands in for tqdm, keeping what the command tells it."""

        def __init__(self, **options):
            self.total, self.rows, self.notes = None, 0, []
            bars.append(self)

        def __enter__(self):
            return self

        def __exit__(self, *exception):
            return False

        def update(self, rows):
            self.rows += rows

        def set_description_str(self, note):
            self.notes.append(note)

    monkeypatch.setattr(import_cases, "tqdm", Bar)
    path = write_csv(tmp_path / "cases.csv", [row("A1"), row("A2"), row("A3")])
    call_command("import_cases", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    [bar] = bars
    assert (bar.total, bar.rows) == (3, 3)
    assert bar.notes == ["saving the cases", "recounting the report figures", "done"]


def test_a_persons_postcode_district_is_kept_as_logging_keeps_it(tmp_path, housing):
    rows = [row("A1", address="Flat B1, 4 Rye Lane\nLondon se15 4qt"), row("A2", address="")]
    assert run(str(write_csv(tmp_path / "cases.csv", rows)))[0] == 0
    districts = dict(Case.objects.values_list("legacy_reference", "person__postcode_district"))
    assert districts == {"A1": "SE15", "A2": ""}
