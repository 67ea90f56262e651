"""Two ways of writing one address are the same place; different homes are not."""

import pytest

from redress.register.addresses import address_key

SAME = [
    ("12 Ordinary Road\nTown\nAB1 2CD", "12 ordinary rd, town, ab12cd"),
    ("Flat 2, 10 High Street, Town AB1 2CD", "Flat 2\n10 High St\nAB1 2CD"),
    ("9 Quiet Lane\nTown", "9 Quiet Lane, Town"),
    ("Rose Cottage, Mill Lane, Town", "ROSE COTTAGE MILL LANE TOWN"),
]
DIFFERENT = [
    ("Flat 2, 10 High Street, AB1 2CD", "10 High Street, AB1 2CD"),
    ("12 Ordinary Road, AB1 2CD", "12 Ordinary Road, AB1 2CE"),
    ("9 Quiet Lane\nTown", "9 Quiet Lane\nOther Town"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_the_same_place_written_differently_has_one_key(one, other):
    assert address_key(one) == address_key(other) != ""


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_places_have_different_keys(one, other):
    assert address_key(one) != address_key(other)


def test_no_address_has_no_key():
    assert address_key("") == "" == address_key(" ,\n ")
