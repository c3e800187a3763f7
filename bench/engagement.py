"""Measure the engagement report at an organisation's scale on PostgreSQL.

    python bench/engagement.py [--people 10000] [--reads 1000000]

Uses a database of its own (``intranet_bench``, made on the first run) on the
PostgreSQL at ``BENCH_POSTGRES`` (default ``postgres://postgres@127.0.0.1:5432``):
the demo, then generated colleagues and a year of their reading
(``manage.py intranet_bench_reads``). ``make bench`` runs it when PostgreSQL answers.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "intranet_bench"


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--reads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_database()
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from intranet.social import engagement
    from intranet.social.management.commands.intranet_bench_reads import make_reads

    call_command("migrate", verbosity=0)
    call_command("intranet_load_demo", force=True, stdout=io.StringIO())
    started = time.perf_counter()
    people, reads = make_reads(args.people, args.reads)
    print(
        f"{people} generated colleagues, {reads} records of reading "
        f"(ready in {time.perf_counter() - started:.1f} s)"
    )
    print(
        f"\nthe engagement report on PostgreSQL, best and median of {args.runs} runs\n"
    )
    print(f"{'period':<10} {'best ms':>8} {'median ms':>10} {'queries':>8}  target")
    for label, days in (("28 days", 28), ("a year", 365)):
        period = engagement.Period.last_days(days)
        engagement.report(period)  # warm-up
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                engagement.report(period)
                timings.append((time.perf_counter() - started) * 1000)
        best = min(timings)
        verdict = "under 1 s" if best < 1000 else "OVER 1 s"
        print(
            f"{label:<10} {best:>8.0f} {statistics.median(timings):>10.0f} "
            f"{len(queries):>8}  {verdict}"
        )


if __name__ == "__main__":
    main()
