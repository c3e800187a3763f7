"""Measure site search on a blog of 10,000 generated posts, on SQLite and PostgreSQL.

    python bench/search.py [--posts 10000] [--runs 5] [--fresh]

Each database gets the demo and the generated posts once, then is kept for the next
run: SQLite in ``var/bench/search.sqlite3``, PostgreSQL (when it answers at
``BENCH_POSTGRES``, default ``postgres://postgres@127.0.0.1:5432``) in a database of
its own, ``intranet_bench_search``, which ``--fresh`` drops and makes anew. The
posts are written in bulk (rows, not revisions), then indexed by ``update_index``.

Each database is measured in a process of its own, since Django's settings are per
process: the whole ``/search/?q=…`` request through Django's test client, signed in
as the demo member of staff, the median of a few warm runs. ``section()`` gives the
table as lines, for ``bench/run.py``.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE = ROOT / "var" / "bench" / "search.sqlite3"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "intranet_bench_search"
GOALS = {"sqlite": 1000, "postgresql": 200}
QUERIES = ("customers", "team stories", "leadership", "story 4321")
POSTS = 10_000
RUNS = 5

TOPICS = ["customer service", "leadership", "team stories", "policy", "events"]
SENTENCES = [
    "In our team the hardest part was finding the time to start.",
    "What helped was agreeing who answers first.",
    "Customers noticed within a week.",
    "I would like to hear how other offices handle it.",
    "The guidelines cover most of it, to be fair.",
    "We tried something similar in Oulu last spring.",
    "This is exactly what customers ask us about.",
    "Could we share this outside too?",
]


def postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{SERVER}/postgres", connect_timeout=2).close()
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False
    return True


def prepare_postgres(fresh: bool) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def generate_posts(count: int) -> None:
    """``count`` live posts under the demo blog, written as rows in bulk: a page
    row and a post row each, with tree paths made here rather than one
    ``add_child`` (and one revision) at a time."""
    import random

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from intranet import pages

    model = pages.blog_post_model()
    blog = pages.blog_index_model().objects.first()
    content_type = ContentType.objects.get_for_model(model)
    rng = random.Random(2026)
    now = timezone.now()
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    own_fields = model._meta.local_concrete_fields
    with transaction.atomic():
        for start in range(0, count, 500):
            posts = []
            for n in range(start, min(start + 500, count)):
                slug = f"generated-search-{n}"
                post = model(
                    title=f"Generated story {n + 1}: {rng.choice(TOPICS)}",
                    draft_title="",
                    slug=slug,
                    standfirst=rng.choice(SENTENCES),
                    body=[
                        ("paragraph", f"<p>{' '.join(rng.sample(SENTENCES, 2))}</p>")
                        for _ in range(rng.randint(2, 6))
                    ],
                    content_type=content_type,
                    locale_id=blog.locale_id,
                    depth=blog.depth + 1,
                    path=blog._get_path(blog.path, blog.depth + 1, blog.numchild + 1),
                    url_path=f"{blog.url_path}{slug}/",
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                )
                post.draft_title = post.title
                blog.numchild += 1
                posts.append(post)
            rows = Page.objects.bulk_create(
                [
                    Page(**{f.attname: getattr(post, f.attname) for f in page_fields})
                    for post in posts
                ]
            )
            for post, row in zip(posts, rows, strict=True):
                post.pk = post.page_ptr_id = row.pk
            model._base_manager._insert(posts, fields=own_fields)
        Page.objects.filter(pk=blog.pk).update(numchild=blog.numchild)


def build(posts: int) -> None:
    import io

    from django.core.management import call_command
    from django.db import connection

    from intranet import pages

    call_command("migrate", verbosity=0)
    model = pages.blog_post_model()
    if model.objects.filter(slug__startswith="generated-search-").exists():
        return
    started = time.perf_counter()
    call_command("intranet_load_demo", force=True, stdout=io.StringIO())
    demo = time.perf_counter()
    generate_posts(posts)
    generated = time.perf_counter()
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would, before the first search
    indexed = time.perf_counter()
    print(
        f"built: demo {demo - started:.0f} s, {posts} posts "
        f"{generated - demo:.0f} s, index {indexed - generated:.0f} s",
        file=sys.stderr,
    )


def measure(runs: int, queries) -> list[dict]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from wagtail.models import Site

    from intranet import pages, search

    site = Site.objects.get(root_page__in=pages.home_page_model().objects.all())
    client = Client(HTTP_HOST=f"{site.hostname}:{site.port}")
    staff = get_user_model().objects.get(username="staff")
    client.force_login(staff)
    rows = []
    for query in queries:
        url = f"/search/?q={query.replace(' ', '+')}"
        response = client.get(url)  # warm-up
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        statements = len(queries)  # now: the next request empties the log
        with translation.override(settings.LANGUAGE_CODE):
            found = search.results(staff, query, search.search_terms(query), None, 1)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "query": query,
                "found": found["paginator"].count,
                "median": statistics.median(timings),
                "queries": statements,
            }
        )
    return rows


def worker(vendor: str, posts: int, runs: int, queries) -> None:
    """Build (once) and measure one database, in this process; print JSON."""
    if vendor == "sqlite":
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE}"
    else:
        os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    build(posts)
    print(json.dumps(measure(runs, queries)))


def run_worker(vendor: str, posts: int, runs: int, queries) -> list[dict]:
    done = subprocess.run(  # noqa: S603 - this very script
        [
            sys.executable,
            __file__,
            "--worker",
            vendor,
            "--posts",
            str(posts),
            "--runs",
            str(runs),
            *(arg for query in queries for arg in ("--query", query)),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    sys.stderr.write(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def section(
    posts: int = POSTS, runs: int = RUNS, fresh: bool = False, queries=QUERIES
) -> list[str]:
    """The search table, as printable lines: one row per database and query, with
    the goal and whether it is met."""
    if fresh and SQLITE.exists():
        SQLITE.unlink()
    vendors = ["sqlite"]
    skipped = []
    if postgres_answers():
        prepare_postgres(fresh)
        vendors.append("postgresql")
    else:
        skipped.append("PostgreSQL: skipped, nothing answers at " + SERVER)
    lines = [
        f"search over {posts:,} posts, whole /search/ request, signed in as staff, "
        f"median of {runs} warm runs",
        "",
        f"{'database':<11} {'query':<14} {'found':>6} {'median ms':>10} "
        f"{'queries':>8} {'goal':>8}  verdict",
    ]
    for vendor in vendors:
        goal = GOALS[vendor]
        for row in run_worker(vendor, posts, runs, queries):
            verdict = "met" if row["median"] < goal else "MISSED"
            lines.append(
                f"{vendor:<11} {row['query']:<14} {row['found']:>6} "
                f"{row['median']:>10.1f} {row['queries']:>8} {'<' + str(goal):>8}"
                f"  {verdict}"
            )
    return lines + skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--fresh", action="store_true", help="rebuild the data first")
    parser.add_argument(
        "--query", action="append", help="a search to time (repeat; default: a few)"
    )
    parser.add_argument("--worker", choices=sorted(GOALS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    queries = args.query or QUERIES
    if args.worker:
        worker(args.worker, args.posts, args.runs, queries)
    else:
        print("\n".join(section(args.posts, args.runs, args.fresh, queries)))


if __name__ == "__main__":
    main()
