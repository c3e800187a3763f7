"""Measure the intranet's main pages: time, queries and size, in one run.

    make bench                 # builds var/bench.sqlite3 once, then measures
    make bench ARGS=--fresh    # rebuilds the data first

Requests go through Django's test client in this process (no network, no server),
signed in as the demo member of staff. Absolute times depend on the machine; read
the ratios, which come from the same run.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "var" / "bench.sqlite3"


def setup(fresh: bool, posts: int, comments: int):
    if fresh and DB.exists():
        DB.unlink()
    DB.parent.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from blog.models import BlogPostPage

    call_command("migrate", verbosity=0)
    if not BlogPostPage.objects.filter(slug__startswith="generated-").exists():
        call_command("intranet_load_demo", force=True)
        call_command("intranet_bench_data", posts=posts, comments=comments, force=True)
        call_command("update_index", verbosity=0)


def measure(client, url, runs):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: renditions, caches
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # read now: later requests reset the query log
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p90": timings[int(len(timings) * 0.9) - 1],
        "queries": query_count,
        "kb": len(response.content) / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fresh", action="store_true", help="rebuild the data first")
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup(args.fresh, args.posts, args.comments)

    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Site

    from blog.models import BlogPostPage
    from intranet import pages as intranet_pages
    from intranet.social.models import Comment

    # The demo serves the intranet on a Wagtail Site of its own: ask for it by name.
    # (Its home's Finnish translation is the root of no Site.)
    site = Site.objects.get(
        root_page__in=intranet_pages.home_page_model().objects.all()
    )
    client = Client(HTTP_HOST=f"{site.hostname}:{site.port}")
    client.force_login(get_user_model().objects.get(username="staff"))
    quiet = BlogPostPage.objects.live().exclude(slug__startswith="generated-")
    quiet_post = next(p for p in quiet if not Comment.objects.for_page(p).exists())
    busy_post = BlogPostPage.objects.filter(slug__startswith="generated-").first()
    busy_count = Comment.objects.for_page(busy_post).count()
    pages = [
        ("health check (floor)", "/health/"),
        ("home", "/"),
        ("blog index", "/blog/"),
        ("post, 0 comments", quiet_post.url),
        (f"post, {busy_count} comments", busy_post.url),
        ("search", "/search/?q=customers"),
    ]
    results = {name: measure(client, url, args.runs) for name, url in pages}
    floor = results["health check (floor)"]["median"]
    base = results["post, 0 comments"]["median"]
    print(f"\n{args.runs} warm requests each, signed in as staff, in-process.\n")
    print(
        f"{'page':<24} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'KB':>7} "
        f"{'× floor':>8} {'× post':>7}"
    )
    for name, r in results.items():
        print(
            f"{name:<24} {r['median']:>10.1f} {r['p90']:>8.1f} {r['queries']:>8} "
            f"{r['kb']:>7.1f} {r['median'] / floor:>8.1f} {r['median'] / base:>7.2f}"
        )
    reading_cost(client, quiet_post)
    engagement_at_scale()


def reading_cost(client, post):
    """What counting a read costs a post: one upsert on the day's first view, then
    nothing (the cache remembers the day)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    user = client.session["_auth_user_id"]
    key = f"read:{user}:{post.pk}:{timezone.localdate().isoformat()}"
    counts = {}
    for label, forget in (("first view of the day", True), ("later views", False)):
        if forget:
            cache.delete(key)
        with CaptureQueriesContext(connection) as queries:
            client.get(post.url)
        counts[label] = len(queries)
    later = counts["later views"]
    print("\nopening a post, counting the read:")
    for label, n in counts.items():
        print(f"  {label:<22} {n:>3} queries ({n - later:+d} for the read)")


def engagement_at_scale():
    import subprocess

    try:
        import psycopg

        psycopg.connect(
            os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
            + "/postgres",
            connect_timeout=2,
        ).close()
    except Exception as error:  # noqa: BLE001 - any failure means "not here"
        print(f"\nengagement report at scale: skipped, no PostgreSQL ({error})")
        return
    print("\nengagement report, 10,000 staff and 1,000,000 reads:")
    subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "engagement.py")], check=True
    )


if __name__ == "__main__":
    main()
