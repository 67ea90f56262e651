"""Fill a database with a large number of realistic cases, fast.

    python -m bench.generate --cases 1000000 --database-url postgres://postgres@127.0.0.1:5432/x

Each case is planned by ``redress.demo.plans`` (the same planner ``load_demo`` replays through
the service functions) and its predicted rows are written straight into the tables: people,
cases, stages and timeline events, with the reference counters and the search index brought
into line. The result is what the services would have produced, without their per-case cost.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench.environment import django_for


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--years", type=float, default=2.0, help="spread of receipt dates")
    parser.add_argument("--seed", type=int, default=20261122)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.cases < 1:
        raise SystemExit("--cases must be at least 1")
    django_for(args.database_url)
    from bench.bulk import Generator

    started = time.monotonic()
    generator = Generator(seed=args.seed, years=args.years)
    generator.prepare()
    written = generator.write(args.cases, progress=_progress(args.cases, started))
    print(f"{written:,} cases written in {time.monotonic() - started:.0f} s")
    print(f"report figures rebuilt in {rebuild_report_figures():.0f} s")


def rebuild_report_figures() -> float:
    """Recount the whole figures store at once: far quicker after a bulk load than working
    through the millions of change notes the load left."""
    from redress.reporting.rollup import rebuild_everything

    started = time.monotonic()
    rebuild_everything()
    return time.monotonic() - started


def _progress(total: int, started: float):  # type: ignore[no-untyped-def]
    def report(done: int) -> None:
        rate = done / max(time.monotonic() - started, 0.001)
        print(f"  {done:,} / {total:,} cases ({rate:,.0f} a second)", flush=True)

    return report


if __name__ == "__main__":
    main()
