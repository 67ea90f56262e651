"""The case page asks once which sections have rows, and reads only those."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.cases.adjustment_models import AdjustmentType
from redress.cases.models import Case
from redress.cases.related_rows import may_have_rows, note_related_rows
from redress.cases.services import remedy_add
from redress.cases.services.adjustments import adjustment_record
from redress.staff.views.case import SECTION_RELATIONS

pytestmark = pytest.mark.django_db
DUE = timezone.localdate() + dt.timedelta(days=10)


def test_only_the_relations_with_rows_are_noted(case, officer):
    remedy_add(
        case=case, by=officer, type="apology", description="Sorry", due_on=DUE, owner=officer
    )
    adjustment_record(
        case=case,
        by=officer,
        type=AdjustmentType.objects.get(name="Easy read"),
        agreed_on=timezone.localdate(),
        review_on=timezone.localdate() + dt.timedelta(days=30),
    )
    fresh = Case.objects.get(pk=case.pk)
    note_related_rows(fresh, SECTION_RELATIONS)
    with_rows = {name for name in SECTION_RELATIONS if may_have_rows(fresh, name)}
    assert with_rows == {"remedies", "person.adjustments"}


def test_a_case_not_noted_reads_every_section(case):
    fresh = Case.objects.get(pk=case.pk)
    assert all(may_have_rows(fresh, name) for name in SECTION_RELATIONS)


def test_the_page_of_a_case_with_nothing_attached_reads_no_empty_section(
    client, case, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    url = f"/casework/cases/{case.reference}/"
    client.get(url)
    # Session, user, governance group; the case, its stages, its procedure; the one probe;
    # closure days, timeline, register warnings: none of the eleven empty sections.
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_a_section_with_rows_is_still_shown(client, case, officer):
    remedy_add(
        case=case,
        by=officer,
        type="apology",
        description="A written apology",
        due_on=DUE,
        owner=officer,
    )
    client.force_login(officer)
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert "A written apology" in page
