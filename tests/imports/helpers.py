"""Import files for the tests, written the way people's spreadsheets write them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

HEADER = [
    "legacy_reference",
    "kind",
    "received_on",
    "channel",
    "service",
    "category",
    "person_name",
    "email",
    "phone",
    "address",
    "summary",
    "description",
    "outcome_sought",
    "stage",
    "acknowledged_on",
    "responded_on",
    "outcome",
    "closed_on",
]


def row(reference: str, **values: str) -> dict[str, str]:
    """A closed, upheld complaint about Housing unless told otherwise."""
    base = {
        "legacy_reference": reference,
        "kind": "Complaint",
        "received_on": "06/04/2021",
        "channel": "Email",
        "service": "Housing",
        "category": "",
        "person_name": "Pat Legacy",
        "email": "pat@example.com",
        "summary": f"Damp in the bathroom ({reference})",
        "description": "Black mould has come back twice.",
        "stage": "Stage 1",
        "acknowledged_on": "8/4/2021",
        "responded_on": "2021-04-20",
        "outcome": "Upheld",
        "closed_on": "21/04/2021",
    }
    base.update(values)
    return base


def csv_text(rows: list[dict[str, str]], header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or HEADER, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_csv(
    path: Path, rows: list[dict[str, str]], encoding: str = "utf-8", header: list[str] | None = None
) -> Path:
    path.write_bytes(csv_text(rows, header).encode(encoding))
    return path


def run(*args: str) -> tuple[int, str, str]:
    """Run ``import_cases``: its exit status (0 or 1), standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_cases", *args, "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
        return 1, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def read_report(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
