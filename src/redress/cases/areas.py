"""Which area of the borough a person's address is in, for the emerging-trend alerts.

Redress records no ward, so the area is the postcode district: the outward code, the part of
a UK postcode before the space ("SE15" of "SE15 4QT"). Addresses are typed freely, so the last
postcode-shaped text in the address is taken, in capitals; an address without one has no
district. It is kept on the person (``Person.postcode_district``) so counting cases by area is
one grouped query rather than reading every address.
"""

from __future__ import annotations

import re

# Outward code (1-2 letters, a digit, then a digit or letter or nothing), inward code (a digit
# and two letters). Word boundaries so "FLAT B1" is not half of a postcode.
POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?[0-9][A-Z]{2}\b")
DISTRICT_LENGTH = 8


def postcode_district(address: str) -> str:
    """The outward code of the last postcode in ``address``, or "" when it has none."""
    matches = POSTCODE.findall(address.upper())
    return matches[-1][:DISTRICT_LENGTH] if matches else ""
