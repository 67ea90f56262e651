"""The case table's rows, written in Python (redress.staff.case_rows): every value from the
database escaped, the same cells the template wrote, on Find cases and My work."""

import pytest
from django.utils.html import escape

from redress.cases.services import case_assign
from tests.factories import make_case
from tests.staff.conftest import recent

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "quotes"'


def _row_of(page: str, reference: str) -> str:
    start = page.index(f"/casework/cases/{reference}/")
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


def test_find_cases_escapes_what_people_typed(signed_in, officer, service):
    case = make_case(
        service=service,
        by=officer,
        received_at=recent(),
        summary=HOSTILE,
        person={"name": "Siân <b>Jones</b>", "email": "sian@example.com"},
    )
    page = signed_in(officer).get("/casework/cases/").content.decode()
    row = _row_of(page, case.reference)
    assert "<script>" not in page and "<b>Jones" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in row
    assert "Siân &lt;b&gt;Jones&lt;/b&gt; · Complaint" in row
    link = f'<a class="govuk-link" href="/casework/cases/{case.reference}/">{case.reference}</a>'
    assert link in row
    assert "Nobody yet" in row


def test_rows_show_the_stage_handler_and_next_deadline(signed_in, officer, responder, service):
    case = make_case(service=service, by=officer, received_at=recent(2))
    case_assign(case=case, by=officer, handler=responder)
    page = signed_in(responder).get("/casework/").content.decode()
    row = _row_of(page, case.reference)
    assert escape(responder.display_name) in row
    case.refresh_from_db()
    assert f'<td class="govuk-table__cell">{case.current_stage.name}</td>' in row
    assert "to acknowledge" in row or "to respond" in row
    assert 'class="govuk-tag govuk-tag--' in row
    assert ("working day" in row) or ("Due today" in row)
    assert 'govuk-tag--grey">Open' not in row


def test_a_closed_case_is_tagged_with_its_status(signed_in, officer, service):
    from redress.cases.models import Case

    case = make_case(service=service, by=officer, received_at=recent())
    Case.objects.filter(pk=case.pk).update(status="closed", next_due_on=None)
    page = signed_in(officer).get("/casework/cases/?status=closed").content.decode()
    row = _row_of(page, case.reference)
    assert '<strong class="govuk-tag govuk-tag--grey">Closed</strong>' in row
    assert row.rstrip().endswith("–</td>")
