"""The dashboard read at a glance: headline figures with their change, the latest complete
quarter by default, open cases by age, and every linked figure opening a Find cases list of
exactly that many cases."""

import datetime as dt
import html
import re

import pytest
from django.http import QueryDict

from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.cases.services import case_acknowledge
from redress.core import clock
from redress.core.models import OrganisationSettings
from redress.ombudsman.models import Body, Decision, OmbudsmanCase
from redress.reporting.measures import stage_figures_by_key
from redress.reporting.periods import financial_year, quarter
from redress.reporting.scope import received_in, reportable_cases
from redress.staff.forms.work import CaseFilterForm, find_cases_url
from tests.factories import make_case
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db

# A count, not a share: "67%" links to the cases it is taken among, not to 67 of them.
LINK = re.compile(r'<a class="govuk-link" href="(/casework/cases/[^"]*)">([0-9][0-9,]*)(?![0-9.%])')
HEADLINE_LINK = re.compile(
    r'class="redress-headline__value"><a class="govuk-link" href="([^"]*)">([^<]*)'
    r'<span class="govuk-visually-hidden">: ([^<]*)</span>'
)
LIST_TOTAL = re.compile(r'<h2 class="govuk-heading-m">([0-9][0-9,]*) cases?</h2>')


def _linked_figures(page: str) -> list[tuple[str, int]]:
    return [(html.unescape(href), int(n.replace(",", ""))) for href, n in LINK.findall(page)]


def _listed(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200, href
    (total,) = LIST_TOTAL.findall(response.content.decode())
    return int(total.replace(",", ""))


@pytest.mark.parametrize(
    "params",
    [
        {"period": "year", "year": "2026"},
        {"period": "quarter", "year": "2026", "quarter": "1", "kind": "complaint"},
        {"period": "year", "year": "2026", "service": "housing"},
        {"period": "custom", "from": "2026-04-01", "to": "2026-05-15"},
    ],
)
def test_every_linked_figure_opens_a_list_of_that_many_cases(client, dataset, officer, params):
    client.force_login(officer)
    page = client.get("/reports/", params).content.decode()
    figures = _linked_figures(page)
    assert len(figures) >= 10
    for href, expected in figures:
        assert _listed(client, href) == expected, href


def test_a_managers_links_name_their_only_service_and_match(client, dataset, parks_manager):
    client.force_login(parks_manager)
    page = client.get("/reports/", {"period": "year", "year": "2026"}).content.decode()
    figures = _linked_figures(page)
    assert figures and all(f"service={dataset.parks.pk}" in href for href, _ in figures)
    for href, expected in figures:
        assert _listed(client, href) == expected, href


def test_headlines_show_the_figures_and_their_change(client, dataset, officer):
    client.force_login(officer)
    page = client.get("/reports/", {"period": "quarter", "year": "2026", "quarter": "1"})
    text = page.content.decode()
    # Q1 2026/27: B, C, E, G and H received; Q4 2025/26: A only.
    assert re.search(r'id="headline-received".*?>5<span', text, re.S)
    assert "Up 4 from 1 in Q4 2025/26" in text
    assert "Counted today" in text  # overdue now has nothing earlier to compare with
    stage1 = stage_figures_by_key(
        received_in(reportable_cases(officer), quarter(2026, 1)), clock.today()
    )["stage1"]
    late = stage1.respond_measurable - stage1.responded_within_target
    assert late >= 1  # B was answered after its original date
    headline = text[text.index('id="headline-on-time-stage1"') :]
    assert f">{late}</a> of {stage1.respond_measurable} due by now" in headline
    assert "Target 95%: not met" in headline


def test_the_latest_complete_quarter_is_the_default(client, dataset, officer):
    client.force_login(officer)
    with clock.pinned(dt.datetime(2026, 11, 22, 12, 0, tzinfo=LONDON)):  # in Q3 2026/27
        dashboard = client.get("/reports/").content.decode()
        report = client.get("/reports/quarterly/").content.decode()
        early = client.get("/reports/quarterly/", {"year": "2025"}).content.decode()
    assert "Performance: Q2 2026/27" in dashboard
    assert "compared with Q1 2026/27" in dashboard
    assert "Quarterly complaints performance report: Q2 2026/27" in report
    assert "Quarterly complaints performance report: Q4 2025/26" in early


def test_open_cases_by_age(client, officer):
    today = clock.today()
    make_case(received_at=at((today - dt.timedelta(days=3)).isoformat()))
    make_case(received_at=at((today - dt.timedelta(days=20)).isoformat()))
    make_case(received_at=at((today - dt.timedelta(days=300)).isoformat()))
    client.force_login(officer)
    text = client.get("/reports/").content.decode()
    section = text[text.index('id="h-age"') :]
    section = section[: section.index("</section>")]
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*<td[^>]*>(.*?)</td>', section
    )
    counts = {label: re.sub(r"<[^>]+>", "", cell).split()[0] for label, cell in rows}
    assert counts["Up to 2 weeks"] == "1"
    assert counts["2 to 4 weeks"] == "1"
    assert counts["Over 6 months"] == "1"
    assert counts["4 to 8 weeks"] == "0"
    for href, expected in _linked_figures(section):
        assert _listed(client, href) == expected


def test_one_survey_response_is_said_in_the_singular(client, dataset, officer):
    from redress.portal.models import SurveyResponse

    SurveyResponse.objects.create(
        case=dataset.cases["C"], handling=5, outcome=4, easy_to_contact=True
    )
    client.force_login(officer)
    text = client.get("/reports/", {"period": "year", "year": "2026"}).content.decode()
    assert "1 survey response." in text


def test_find_cases_url_is_what_the_filter_form_reads(dataset):
    url = find_cases_url(
        kind="complaint",
        service=dataset.housing,
        received_from=dt.date(2026, 4, 1),
        received_to=dt.date(2027, 3, 31),
        at_stage="stage1",
        late=True,
        status="",
    )
    path, query = url.split("?")
    assert path == "/casework/cases/"
    form = CaseFilterForm(QueryDict(query))
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["kind"], data["service"], data["at_stage"], data["late"]) == (
        "complaint",
        dataset.housing,
        "stage1",
        True,
    )
    assert (data["received_from"], data["received_to"]) == (
        financial_year(2026).start,
        financial_year(2026).end,
    )
    with pytest.raises(ValueError, match="received_on"):
        find_cases_url(received_on=dt.date(2026, 4, 1))


def test_find_cases_late_needs_a_stage_and_says_so(client, officer):
    client.force_login(officer)
    response = client.get("/casework/cases/", {"late": "1"})
    assert response.status_code == 400
    assert "Choose the stage to find cases answered late at" in response.content.decode()


def test_find_cases_late_counts_what_the_reports_count_as_late(client, officer):
    today = clock.today()
    on_time = make_case(received_at=at((today - dt.timedelta(days=60)).isoformat()))
    case_acknowledge(case=on_time, by=None, on=today - dt.timedelta(days=59))
    waiting = make_case(received_at=at((today - dt.timedelta(days=60)).isoformat()))
    fresh = make_case(received_at=at((today - dt.timedelta(days=1)).isoformat()))
    client.force_login(officer)
    page = client.get("/casework/cases/", {"at_stage": "stage1", "late": "1"}).content.decode()
    # Unanswered long past its date: late. Acknowledged but unanswered, also past: late.
    # Received yesterday: still in time, so not listed.
    assert waiting.reference in page and on_time.reference in page
    assert fresh.reference not in page
    figures = stage_figures_by_key(Case.objects.all(), today)["stage1"]
    assert figures.respond_measurable - figures.responded_within_target == 2


def _headline(page: str, headline_id: str) -> str:
    start = page.index(f'id="headline-{headline_id}"')
    return page[start : page.index("</li>", start)]


def _figure_link(page: str, headline_id: str) -> tuple[str, str, str]:
    """The headline figure's own link, the figure, and what its link says after it."""
    ((href, value, says),) = HEADLINE_LINK.findall(_headline(page, headline_id))
    return html.unescape(href), value, says


FY_2026 = {
    "received_from-day": "1",
    "received_from-month": "4",
    "received_from-year": "2026",
    "received_to-day": "31",
    "received_to-month": "3",
    "received_to-year": "2027",
}


@pytest.mark.parametrize(
    ("headline_id", "filters", "says"),
    [
        ("received", FY_2026, "list these cases"),
        ("on-time-stage1", FY_2026 | {"at_stage": "stage1"}, "list the cases that reached stage 1"),
        ("on-time-stage2", FY_2026 | {"at_stage": "stage2"}, "list the cases that reached stage 2"),
        ("overdue", {"status": "open", "overdue": "1"}, "list these cases"),
        ("escalation", FY_2026 | {"at_stage": "stage2"}, "list the cases escalated to stage 2"),
    ],
)
def test_each_headline_figure_links_to_its_cases(
    client, dataset, officer, headline_id, filters, says
):
    client.force_login(officer)
    page = client.get("/reports/", {"period": "year", "year": "2026"}).content.decode()
    href, value, said = _figure_link(page, headline_id)
    path, _, query = href.partition("?")
    assert (path, QueryDict(query).dict(), said) == ("/casework/cases/", filters, says)
    if value.endswith("%"):
        # A share opens the cases it is taken among, the same list as its explanation's
        # count of them, and that many cases.
        explained = dict(_linked_figures(_headline(page, headline_id)))
        assert href in explained
        assert _listed(client, href) == explained[href]


def test_the_ombudsman_figure_is_not_linked_to_a_list_that_does_not_hold_it(
    client, dataset, officer
):
    OmbudsmanCase.objects.create(
        case=dataset.cases["B"],
        body=Body.LGSCO,
        reference="25 001 234",
        notified_on=dt.date(2026, 6, 1),
        decision=Decision.UPHELD,
        decided_on=dt.date(2026, 9, 1),
    )
    client.force_login(officer)
    page = client.get("/reports/", {"period": "year", "year": "2026"}).content.decode()
    headline = _headline(page, "ombudsman")
    assert '<p class="redress-headline__value">100%</p>' in headline
    assert "<a " not in headline


def test_the_ombudsman_headline_follows_the_code_chosen_in_organisation_settings(
    client, dataset, officer, settings
):
    settings.REDRESS_OMBUDSMAN = "housing"  # the deployment's letters setting: not read here
    client.force_login(officer)
    params = {"period": "year", "year": "2026"}
    page = client.get("/reports/", params).content.decode()
    assert "Ombudsman upheld rate" in _headline(page, "ombudsman")
    row = OrganisationSettings.current()
    row.complaint_code = "housing"
    row.save()
    page = client.get("/reports/", params).content.decode()
    assert "Housing Ombudsman maladministration rate" in _headline(page, "ombudsman")
