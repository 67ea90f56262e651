"""Values read as a person writes them: dates day first, labels and codes in any case."""

import datetime as dt

import pytest

from redress.cases.kinds import Channel, Kind, Outcome
from redress.imports.layout import MappingError, load_mapping, parse_mapping, shipped_mappings
from redress.imports.values import CHANNELS, KINDS, OUTCOMES, parse_date

APRIL_6 = dt.date(2021, 4, 6)


@pytest.mark.parametrize(
    "text",
    [
        "2021-04-06",
        "06/04/2021",
        "6/4/2021",
        "6/4/21",
        "06-04-2021",
        "6.4.2021",
        "6 April 2021",
        "6 Apr 2021",
        "06/04/2021 14:30",
        "2021-04-06T14:30:00",
        " 2021-04-06 ",
    ],
)
def test_dates_are_read_day_first_in_every_usual_form(text):
    assert parse_date(text) == APRIL_6


def test_real_dates_from_a_spreadsheet_are_kept():
    assert parse_date(dt.datetime(2021, 4, 6, 9, 15)) == APRIL_6
    assert parse_date(APRIL_6) == APRIL_6


@pytest.mark.parametrize("text", ["31/02/2021", "2021-13-01", "April", "06/04", "yesterday"])
def test_a_date_that_is_not_one_is_refused_saying_what_is_accepted(text):
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert text in str(error.value)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Upheld", Outcome.UPHELD),
        ("upheld", Outcome.UPHELD),
        ("partly upheld", Outcome.PARTLY_UPHELD),
        ("Partially Upheld", Outcome.PARTLY_UPHELD),
        ("partly_upheld", Outcome.PARTLY_UPHELD),
        ("NOT UPHELD", Outcome.NOT_UPHELD),
        ("Not-upheld", Outcome.NOT_UPHELD),
    ],
)
def test_outcomes_by_code_label_or_synonym_in_any_case(text, code):
    assert OUTCOMES.find(text) == code


def test_kinds_and_channels_by_code_or_label():
    assert KINDS.find("Complaint") == Kind.COMPLAINT
    assert KINDS.find("service_request") == Kind.SERVICE_REQUEST
    assert KINDS.find("FOI or EIR request") == Kind.FOI_REQUEST
    assert KINDS.find("grumble") is None
    assert CHANNELS.find("Online form") == Channel.WEB
    assert CHANNELS.find("telephone") == Channel.PHONE
    assert CHANNELS.find("IN_PERSON") == Channel.IN_PERSON


def test_the_shipped_mappings_load_and_name_only_known_columns():
    mappings = shipped_mappings()
    assert set(mappings) == {"aptean-respond", "civica"}
    respond = load_mapping("aptean-respond")
    assert respond.header_for("legacy_reference") == "case reference"
    assert respond.translate("outcome", "Partially Justified") == "partly_upheld"
    assert load_mapping("civica").translate("kind", "") == "complaint"


def test_a_mapping_naming_an_unknown_column_is_refused_by_name():
    with pytest.raises(MappingError, match="colour"):
        parse_mapping('[columns]\ncolour = "Colour"\n')
    with pytest.raises(MappingError, match="not valid TOML"):
        parse_mapping("[columns\n")
