"""The Code's provisions as data: each Code's own numbering, whole and in order; the evidence
each provision names is a figure the data gives; notes kept per Code; what is not confirmed
against the Code says so on the page."""

import importlib
import json
import re

import pytest
from django.apps import apps

from redress.cases.models import Case
from redress.core.models import OrganisationSettings
from redress.learning.models import LearningAction
from redress.reporting import assessment, code_evidence
from redress.reporting.code_evidence import evidence
from redress.reporting.models import ReportNote
from redress.reporting.periods import financial_year
from redress.reporting.scope import received_in
from tests.reporting.conftest import d

NUMBER = re.compile(r"^([1-9])\.([1-9][0-9]?)$")
# The Housing Ombudsman's self-assessment form starts at 1.2: its 1.1 introduces the section.
FIRST = {("housing", "1"): 2}


def _data():
    return json.loads(assessment.PROVISIONS_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", list(assessment.CODES))
def test_each_codes_numbering_is_contiguous_within_each_section_without_duplicates(code):
    numbers = [p.number for p in assessment.provisions(code)]
    assert all(NUMBER.match(n) for n in numbers), [n for n in numbers if not NUMBER.match(n)]
    assert len(set(numbers)) == len(numbers), "a number appears twice"
    by_section: dict[str, list[int]] = {}
    for n in numbers:
        section, item = NUMBER.match(n).groups()  # type: ignore[union-attr]
        by_section.setdefault(section, []).append(int(item))
    assert list(by_section) == [str(s) for s in range(1, 10)], "sections 1-9, in order"
    for section, items in by_section.items():
        first = FIRST.get((code, section), 1)
        assert items == list(range(first, first + len(items))), f"section {section}: {items}"


def test_every_provision_is_confirmed_against_a_named_source_or_says_it_is_not():
    data = _data()
    for code, body in data["codes"].items():
        assert set(body["sections"]) == {str(s) for s in range(1, 10)}
        for p in body["provisions"]:
            assert p.get("checked") in data["sources"] or p.get("note"), (code, p["number"])
            assert p["summary"].strip() and len(p["summary"]) < 400, (code, p["number"])


def test_the_codes_number_differently_and_each_has_its_own_wording():
    housing = {p.number: p for p in assessment.provisions("housing")}
    lgsco = {p.number: p for p in assessment.provisions("lgsco")}
    # Reasonable adjustments: the Housing Ombudsman's 5.10, the LGSCO's 5.6.
    assert housing["5.10"].evidence == lgsco["5.6"].evidence == "adjustments"
    assert housing["5.6"].evidence == "definitions"
    assert housing["6.13"].evidence == lgsco["6.12"].evidence == "stage2_independent"
    assert housing["1.2"].section == "Definition of a complaint"
    assert lgsco["1.2"].section == "Definition of a service request and complaint"
    assert "8.5" in housing and "8.5" not in lgsco
    assert housing["5.6"].key == "code:housing:5.6" != lgsco["5.6"].key


def test_every_evidence_key_is_a_figure_the_data_gives_and_every_figure_is_used(dataset, today):
    cases = received_in(Case.objects.all(), financial_year(2026))
    given = set(evidence(cases, today))
    named = {p.evidence for code in assessment.CODES for p in assessment.provisions(code)}
    named.discard("")
    assert named - given == set(), "named in the data but not computed"
    assert given - named == set(), "computed but attached to no provision"


def test_representatives_and_learning_are_counted(dataset, today, officer):
    b, i = dataset.cases["B"], dataset.cases["I"]  # B not upheld at stage 2, I upheld
    Case.objects.filter(pk=b.pk).update(representative_name="A. Friend")
    for case in (b, i):
        LearningAction.objects.create(
            case=case,
            service=dataset.housing,
            owner=officer,
            lesson="Lesson",
            change="Change",
            due_on=d("2026-12-31"),
            raised_on=d("2026-10-01"),
        )
    found = evidence(received_in(Case.objects.all(), financial_year(2026)), today)
    assert found["representatives"].startswith("1 of 7 complaints was made or pursued")
    assert found["learning"] == (
        "2 learning actions raised from these complaints, 1 from complaints not upheld."
    )


def test_a_note_belongs_to_its_code(client, dataset, officer):
    ReportNote.objects.create(year=2026, key="code:housing:5.6", compliance="yes", text="Ours.")
    client.force_login(officer)
    lgsco_page = client.get("/reports/annual/2026/assessment/5.6/").content.decode()
    assert "Ours." not in lgsco_page  # the LGSCO's 5.6 is another provision
    row = OrganisationSettings.current()
    row.complaint_code = "housing"
    row.save()
    assert "Ours." in client.get("/reports/annual/2026/assessment/5.6/").content.decode()


def test_a_provision_not_confirmed_says_what_to_check(client, dataset, officer):
    unconfirmed = next(p for p in assessment.provisions("lgsco") if p.note)
    confirmed = next(p for p in assessment.provisions("lgsco") if not p.note)
    client.force_login(officer)
    page = client.get(f"/reports/annual/2026/assessment/{unconfirmed.number}/").content.decode()
    assert "To check against the Code" in page and unconfirmed.note.replace("'", "&#x27;") in page
    page = client.get(f"/reports/annual/2026/assessment/{confirmed.number}/").content.decode()
    assert "To check against the Code" not in page
    listing = client.get("/reports/annual/2026/assessment/").content.decode()
    assert "Section 4: Complaint handling resources" in listing
    count = len(assessment.provisions("lgsco"))
    assert f"{count} of {count} provisions are not yet assessed" in listing


def test_notes_kept_before_the_codes_were_told_apart_take_the_chosen_codes_name(db):
    migration = importlib.import_module(
        "redress.reporting.migrations.0006_code_notes_name_their_code"
    )
    row = OrganisationSettings.current()
    row.complaint_code = "housing"
    row.save()
    ReportNote.objects.create(year=2025, key="code:6.2", compliance="partly")
    ReportNote.objects.create(year=2025, key="qualitative", text="Not a provision's.")
    migration.name_the_code(apps, None)
    assert set(ReportNote.objects.values_list("key", flat=True)) == {
        "code:housing:6.2",
        "qualitative",
    }
    migration.name_the_code(apps, None)  # run twice, changed once
    assert ReportNote.objects.filter(key="code:housing:6.2").exists()
    migration.drop_the_code(apps, None)
    assert ReportNote.objects.filter(key="code:6.2").exists()


def test_with_nothing_to_count_the_evidence_says_so_as_a_fact(db, today):
    found = evidence(Case.objects.none(), today)
    for key, sentence in found.items():
        assert sentence and sentence != code_evidence.NO_DATA, key
        assert " yet" not in sentence and "–" not in sentence, (key, sentence)
    assert found["channels"] == "No complaints were received."
    assert found["stage2_answered"] == "No complaint received in the year reached stage 2."
    assert found["remedies_completed"] == "No remedies were given."


def test_a_document_leaves_blank_the_evidence_the_data_cannot_give():
    # The page tells the team to write it in the commentary; the document prints nothing.
    assert code_evidence.in_a_document(code_evidence.NO_DATA) == ""
    assert code_evidence.in_a_document("2 remedies given.") == "2 remedies given."
