"""Legacy import speed and memory: a generated export of 100,000 cases imported into a fresh
database, timed end to end (reading, checking, writing, the search index and the report
figures), with the process's resident memory sampled as the rows go by.

    .venv/bin/python -m bench.bench_import [--rows 100000] [--database-url postgres://...]

Without --database-url it uses a new SQLite database in a temporary folder.
Target: 100,000 rows in under 2 minutes on SQLite, with memory flat.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from redress.imports.layout import FIELDS

# The default layout, as the importer reads it.
HEADER = list(FIELDS)
SERVICES = [
    "Housing",
    "Waste and recycling",
    "Council tax",
    "Planning",
    "Parking",
    "Libraries",
    "Highways",
    "Environmental health",
]
KINDS = ["Complaint"] * 7 + ["Compliment", "Comment", "service_request"]
CHANNELS = ["Email", "Phone", "Online form", "letter", "In person"]
OUTCOMES = ["Upheld", "partly upheld", "Partially Upheld", "Not upheld"]
FIRST = ["Pat", "Sam", "Alex", "Jo", "Chris", "Ruth", "Amir", "Siân", "Kofi", "Mei"]
LAST = ["Smith", "Jones", "Patel", "Evans", "O'Brien", "Nowak", "Okafor", "Williams", "Chen"]
SAMPLE_EVERY = 10_000


def _day_text(rng: random.Random, day) -> str:  # type: ignore[no-untyped-def]
    style = rng.randrange(3)
    if style == 0:
        return str(day.isoformat())
    if style == 1:
        return str(day.strftime("%d/%m/%Y"))
    return f"{day.day}/{day.month}/{day.year}"


def _row(rng: random.Random, number: int) -> list[str]:
    import datetime as dt

    received = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    kind = rng.choice(KINDS)
    closed = rng.random() < 0.9
    acknowledged = received + dt.timedelta(days=rng.randrange(1, 5))
    responded = acknowledged + dt.timedelta(days=rng.randrange(3, 25))
    closed_on = responded + dt.timedelta(days=1)  # all before 2025: in the past
    outcome = rng.choice(OUTCOMES) if kind == "Complaint" else "Resolved"
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return [
        f"LEG/{number:07d}",
        kind,
        _day_text(rng, received),
        rng.choice(CHANNELS),
        rng.choice(SERVICES),
        "",
        name,
        f"person{number}@example.com",
        f"07700 9{number % 100000:05d}",
        f"{number} High Street\nTown",
        f"Complaint number {number} about missed services",
        "The service was missed several times and nobody called back as promised. " * 3,
        "An apology and the service put right.",
        rng.choice(["Stage 1", "stage 1", "Stage 2"]) if kind == "Complaint" else "",
        _day_text(rng, acknowledged) if closed else "",
        _day_text(rng, responded) if closed else "",
        outcome if closed else "",
        _day_text(rng, closed_on) if closed else "",
    ]


def generate(path: Path, rows: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            writer.writerow(_row(rng, number))


def resident_mb() -> float:
    """The process's resident memory now, from /proc (Linux)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    """The process's peak resident memory (Linux gives it in KiB), in the units above."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def _check(rows: int) -> None:
    """What was timed did the whole job: a case is found by its legacy reference, and the
    report figures count every case."""
    from django.db.models import Sum

    from redress.cases.models import Case
    from redress.cases.search import apply_text_search
    from redress.reporting.models import CaseCount

    middle = f"LEG/{rows // 2:07d}"
    found = apply_text_search(Case.objects.all(), middle)
    assert list(found.values_list("legacy_reference", flat=True)) == [middle], middle
    counted = CaseCount.objects.filter(grain="day", facet="channel").aggregate(n=Sum("cases"))
    assert counted["n"] == rows, counted


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--rerun", action="store_true", help="Time importing the file again.")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="redress-bench-import-"))
    try:
        _bench(folder, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the export and the database: 300 MB


def _bench(folder: Path, args: argparse.Namespace) -> None:
    os.environ["REDRESS_VAR_DIR"] = str(folder)
    os.environ["DEBUG"] = "0"
    from bench.environment import django_for

    django_for(args.database_url)
    from django.core.management import call_command

    from redress.cases.models import Case, Service
    from redress.imports.running import ImportOptions, run_import
    from redress.procedures.services import load_presets

    call_command("migrate", verbosity=0)
    load_presets()
    for name in SERVICES:
        Service.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})
    export = folder / "export.csv"
    started = time.perf_counter()
    generate(export, args.rows)
    print(
        f"Generated {args.rows:,} rows ({export.stat().st_size / 1e6:.1f} MB) in "
        f"{time.perf_counter() - started:.1f} s"
    )

    samples: list[tuple[int, float]] = []

    def progress(row: int) -> None:
        if (row - 1) % SAMPLE_EVERY == 0:
            samples.append((row - 1, resident_mb()))

    print(f"Load average at the start: {os.getloadavg()[0]:.1f}")
    before = resident_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = run_import(export, ImportOptions(source=export.name, progress=progress))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert result.written and result.imported == args.rows, result
    assert Case.objects.count() == args.rows
    _check(args.rows)
    print(
        f"Imported {result.imported:,} cases in {elapsed:.1f} s "
        f"({result.imported / elapsed:,.0f} a second), report figures included; "
        f"{cpu:.1f} s of it on a CPU in this process (the rest is waiting: for the disk, the "
        "database server or, on a shared machine, for a CPU)"
    )
    print(f"Load average at the end: {os.getloadavg()[0]:.1f}")
    print(
        f"Resident memory: {before:.0f} MB before; "
        + ", ".join(f"{mb:.0f} MB at row {row:,}" for row, mb in samples)
        + f"; peak {peak_mb():.0f} MB"
    )
    if not args.rerun:
        return
    started = time.perf_counter()
    again = run_import(export, ImportOptions(source=export.name))
    print(
        f"Re-run of the same file: {again.imported} imported, {again.already:,} already "
        f"there, in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
